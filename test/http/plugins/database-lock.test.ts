/**
 * Acknowledged means stored (issue 14, item 3): while a second real connection holds SQLite's write
 * lock (BEGIN IMMEDIATE on the same file), the event loop keeps serving, answers wait for their rows
 * (retried on later ticks), and an answer whose rows cannot be committed is a 503 problem, never a 200.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { bearer, devApp, type KeyedApp } from '../../helpers/keys.js'
import { tempDirPerTest } from '../../helpers/temp.js'

const BODY = { complaints: [{ region: 'heel', side: 'right' }] }
const tempDir = tempDirPerTest('nmt-lock-')

/** A development app on a temp database file, and a second connection to that file. */
async function appWithLocker(commitWaitMs: number): Promise<{ t: KeyedApp; locker: Database.Database; done: () => Promise<void> }> {
  const databasePath = join(tempDir(), 'nmt.db')
  const t = await devApp(undefined, { databasePath }, { commitWaitMs })
  const locker = new Database(databasePath)
  return {
    t, locker,
    done: async () => {
      if (locker.inTransaction) locker.exec('ROLLBACK')
      locker.close()
      await t.close()
    },
  }
}

const audited = (t: KeyedApp, requestId: string): number =>
  (t.app.database.sqlite.prepare('select count(*) as n from audit_log where request_id = ?').get(requestId) as { n: number }).n

/** Resolve once `check()` holds, yielding to the event loop between looks (no fixed sleep decides the outcome). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 20_000 && !check(); i++) await new Promise((r) => setImmediate(r))
  expect(check()).toBe(true)
}

describe('while another connection holds the write lock', () => {
  it('the serving connection never waits for a lock (no busy timeout once ready)', async () => {
    const { t, done } = await appWithLocker(2000)
    try {
      expect(t.app.database.sqlite.pragma('busy_timeout', { simple: true })).toBe(0)
    } finally {
      await done()
    }
  })

  it('keeps serving, holds the answer until its audit row is committed, then sends it', async () => {
    const { t, locker, done } = await appWithLocker(60_000)
    try {
      locker.exec('BEGIN IMMEDIATE')
      const pending = t.http.post('/v1/recommendations').set('authorization', bearer(t.keys.server!.token)).set('x-request-id', 'held-1').send(BODY).then((r) => r)
      await until(() => t.app.usageWriteFailures.lockRetries > 0)
      // The event loop is free: other requests (that write nothing) are answered meanwhile.
      await t.http.get('/health').expect(200)
      await t.http.get('/v1/regions').expect(200)
      expect(audited(t, 'held-1')).toBe(0)
      locker.exec('COMMIT')
      const res = await pending
      expect(res.status).toBe(200)
      expect(audited(t, 'held-1')).toBe(1)
      expect((await t.app.usage.daily(t.keys.server!.id, '2000-01-01')).map((d) => d.requests)).toEqual([1])
      expect(t.app.usageWriteFailures.count).toBe(0)
    } finally {
      await done()
    }
  })

  it('refuses what it cannot record, once the wait is over: 503 NMT_ERR_NOT_RECORDED with Retry-After, and nothing acknowledged is missing', async () => {
    const { t, locker, done } = await appWithLocker(50)
    try {
      locker.exec('BEGIN IMMEDIATE')
      const auth = bearer(t.keys.server!.token)
      const [rec, reference, missing] = await Promise.all([
        t.http.post('/v1/recommendations').set('authorization', auth).set('x-request-id', 'lost-1').send(BODY),
        t.http.get('/v1/muscles/soleus').set('authorization', auth),
        t.http.get('/v1/muscles/no-such-muscle').set('authorization', auth),
      ])
      for (const res of [rec, reference]) {
        expect(res.status).toBe(503)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(res.headers['retry-after']).toBe('1')
        expect(res.headers['cache-control']).toBe('no-store')
        expect(res.headers.etag).toBeUndefined()
        expect(res.body).toMatchObject({ status: 503, code: 'NMT_ERR_NOT_RECORDED', requestId: expect.any(String) })
      }
      // An error answer is not a success: it goes out as it was.
      expect(missing.status).toBe(404)
      locker.exec('COMMIT')
      expect(audited(t, 'lost-1')).toBe(0)
      const metrics = (await t.http.get('/metrics').expect(200)).text
      expect(metrics).toMatch(/^nmt_usage_write_failures_total 3$/m)
      expect(metrics).toMatch(/^nmt_usage_write_lock_retries_total [1-9]\d*$/m)
      // Once the lock is free, answers are recorded and sent again.
      await t.http.post('/v1/recommendations').set('authorization', auth).set('x-request-id', 'after-1').send(BODY).expect(200)
      expect(audited(t, 'after-1')).toBe(1)
    } finally {
      await done()
    }
  })
})

describe('when the database fails to write', () => {
  it('answers 503 NMT_ERR_NOT_RECORDED at once (no retry for a failure that is not a lock) and keeps serving', async () => {
    const { t, done } = await appWithLocker(60_000)
    try {
      t.app.database.sqlite.pragma('query_only = ON')
      const res = await t.http.post('/v1/recommendations').set('x-request-id', 'ro-1').send(BODY)
      expect(res.status).toBe(503)
      expect(res.body.code).toBe('NMT_ERR_NOT_RECORDED')
      expect(t.app.usageWriteFailures.lockRetries).toBe(0)
      await t.http.get('/health').expect(200)
      t.app.database.sqlite.pragma('query_only = OFF')
      await t.http.post('/v1/recommendations').set('x-request-id', 'rw-1').send(BODY).expect(200)
      expect(audited(t, 'ro-1')).toBe(0)
      expect(audited(t, 'rw-1')).toBe(1)
    } finally {
      await done()
    }
  })
})
