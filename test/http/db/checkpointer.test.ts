import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_AUTOCHECKPOINT_PAGES } from '../../../src/db/checkpointer.js'
import { openDatabase } from '../../../src/db/client.js'
import { testApp } from '../../helpers/app.js'
import { tempDirPerTest } from '../../helpers/temp.js'

const tempDir = tempDirPerTest('nmt-ckpt-')
const dbPath = (): string => join(tempDir(), 'nmt.db')

/** Resolves when `check` holds (polled every 10 ms); fails the test after 10 s. */
async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`timed out waiting for: ${what}`)
}

const BODY = { complaints: [{ region: 'temple', side: 'right', sensations: ['aching'] }], contexts: ['desk-work'] }

describe('WAL checkpoints in a worker thread', () => {
  it('the server connection never checkpoints; the worker copies every committed frame back into the file', async () => {
    const path = dbPath()
    const { app, http } = await testApp({ databasePath: path }, { checkpointIntervalMs: 20 })
    expect(app.database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    for (let i = 0; i < 20; i++) await http.post('/v1/recommendations').send({ ...BODY, age: 20 + i }).expect(200)
    const frames = (): { log: number; checkpointed: number } | null => app.walCheckpointer!.stats().last
    // a checkpoint after the writes: the log holds frames, and all of them are in the database file
    await until('a checkpoint of the audit rows', () => (frames()?.log ?? 0) > 0 && frames()!.checkpointed === frames()!.log)
    expect(app.walCheckpointer!.stats()).toMatchObject({ running: true, failures: 0 })
    expect(app.walCheckpointer!.stats().runs).toBeGreaterThan(0)
    const metrics = (await http.get('/metrics').expect(200)).text
    expect(Number(/^nmt_wal_checkpoints_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0)
    expect(metrics).toMatch(/^nmt_wal_checkpoint_failures_total 0$/m)
    expect(metrics).toMatch(/^nmt_wal_checkpoint_worker_up 1$/m)
    await app.close()
    expect(app.walCheckpointer!.stats().running).toBe(false)
    // closed in order: the worker's connection, then the server's, which removed the WAL
    expect(existsSync(`${path}-wal`)).toBe(false)
    const h = openDatabase(path)
    expect(h.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(h.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(20)
    h.close()
  })

  it('when the worker dies, the server connection checkpoints for itself again and says so', async () => {
    const { app, http } = await testApp({ databasePath: dbPath() }, { checkpointIntervalMs: 20 })
    const errors: string[] = []
    const error = app.log.error.bind(app.log)
    app.log.error = ((obj: unknown, msg?: string) => { errors.push(String(msg)); error(obj as object, msg) }) as typeof app.log.error
    await app.walCheckpointer!.worker.terminate()
    await until('the fallback', () => !app.walCheckpointer!.stats().running)
    expect(app.database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(DEFAULT_AUTOCHECKPOINT_PAGES)
    expect(app.walCheckpointer!.stats().failures).toBe(1)
    expect(errors).toContain('WAL checkpoint worker')
    const metrics = (await http.get('/metrics').expect(200)).text
    expect(metrics).toMatch(/^nmt_wal_checkpoint_worker_up 0$/m)
    expect(metrics).toMatch(/^nmt_wal_checkpoint_failures_total 1$/m)
    // and the service goes on
    await http.post('/v1/recommendations').send(BODY).expect(200)
    await app.close()
  })

  it('an in-memory database has no worker (and /metrics no checkpoint series)', async () => {
    const { app, http } = await testApp()
    expect(app.walCheckpointer).toBeNull()
    expect((await http.get('/metrics').expect(200)).text).not.toMatch(/nmt_wal_/)
    await app.close()
  })
})
