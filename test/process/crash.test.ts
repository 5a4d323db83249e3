/**
 * Durability: the server is SIGKILLed while it answers keyed recommendations (each writing usage and
 * an audit row). The SQLite file must pass integrity_check, and every request that got a 200 must have
 * its audit row and be counted in usage: rows are committed before the response leaves.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { listeningPort, spawnServer, tsxRun } from '../helpers/process.js'

const dir = mkdtempSync(join(tmpdir(), 'nmt-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BODIES = [
  { text: 'stabbing pain in my right heel with my first steps in the morning' },
  { complaints: [{ region: 'temple', side: 'right', sensations: ['aching'] }], contexts: ['desk-work'] },
  { conditions: ['plantar-fasciitis'], text: 'it hurts under my foot' },
]
const KILL_AFTER = 150
const WORKERS = 8

describe('killed with SIGKILL mid-stream', () => {
  it('leaves an intact database holding every acknowledged audit row and usage count', async () => {
    const env = { DATABASE_PATH: join(dir, 'nmt.db') }
    const created = await tsxRun('src/cli/keys.ts', ['create', '--name', 'crash-test', '--type', 'secret'], env)
    expect(created.status, created.stderr).toBe(0)
    const token = /^sk_\S+$/m.exec(created.stdout)![0]
    const keyId = /created (key_[0-9a-f]+)/.exec(created.stdout)![1]!

    const server = spawnServer({ ...env, NMT_ENV: 'production', RATE_LIMIT_PER_MINUTE: '1000000', MAX_EVENT_LOOP_DELAY_MS: '0' })
    const base = `http://127.0.0.1:${await listeningPort(server)}`
    const acknowledgedRecommendations: string[] = []
    let acknowledgedOther = 0
    let sent = 0
    let killed = false

    async function worker(w: number): Promise<void> {
      for (let i = 0; ; i++) {
        const id = `crash-${w}-${i}`
        const recommend = i % 4 !== 3
        sent++
        try {
          const res = recommend
            ? await fetch(`${base}/v1/recommendations`, {
              method: 'POST', body: JSON.stringify(BODIES[i % BODIES.length]),
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': id },
            })
            : await fetch(`${base}/v1/regions`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': id } })
          if (res.status === 200) {
            if (recommend) acknowledgedRecommendations.push(id)
            else acknowledgedOther++
          } else throw new Error(`unexpected ${res.status}: ${await res.text()}`)
          await res.arrayBuffer().catch(() => undefined)
        } catch (err) {
          if (!killed) throw err
          return
        }
        if (!killed && acknowledgedRecommendations.length >= KILL_AFTER) {
          killed = true
          server.child.kill('SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
    await server.exited
    expect(server.child.signalCode).toBe('SIGKILL')
    expect(acknowledgedRecommendations.length).toBeGreaterThanOrEqual(KILL_AFTER)

    const handle = openDatabase(env.DATABASE_PATH)
    try {
      expect(handle.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      const audited = new Set((handle.sqlite.prepare('select request_id from audit_log where key_id = ?').all(keyId) as { request_id: string }[])
        .map((r) => r.request_id))
      const missing = acknowledgedRecommendations.filter((id) => !audited.has(id))
      expect(missing, 'acknowledged recommendations without an audit row').toEqual([])
      const counted = (handle.sqlite.prepare('select coalesce(sum(count), 0) as n from api_usage where key_id = ?').get(keyId) as { n: number }).n
      const acknowledged = acknowledgedRecommendations.length + acknowledgedOther
      // committed-but-unanswered requests may be counted too; never fewer than what was answered
      expect(counted).toBeGreaterThanOrEqual(acknowledged)
      expect(counted).toBeLessThanOrEqual(sent)
      expect(audited.size).toBeLessThanOrEqual(sent)
    } finally {
      handle.close()
    }
  })
})
