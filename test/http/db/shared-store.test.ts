/**
 * The shared store on the machine's real PostgreSQL (issue 16, item 1): migrations at start-up (once,
 * however many instances start together), keys, usage and audit in PostgreSQL behind the same
 * interfaces, a key changed elsewhere seen here, retention, the same knowledge base as SQLite, and the
 * URL's password never shown. Each test has a database of its own.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openPgStore } from '../../../src/db/store.js'
import { createApiKeyService } from '../../../src/services/api-keys.js'
import { TEST_CONFIG, testApp } from '../../helpers/app.js'
import { bearer } from '../../helpers/keys.js'
import { createDatabase, describeShared, sql } from '../../helpers/shared-services.js'

const PRIVATE = 'Zebrafinch-Quokka-7731'
const BODY = { complaints: [{ region: 'heel', side: 'right' }], text: `stabbing heel pain, ${PRIVATE}` }
let db: Awaited<ReturnType<typeof createDatabase>>
/** The same database, with a password that trust authentication ignores: it must never be shown. */
const withPassword = (): string => db.url.replace('postgres@', 'postgres:hunter2-secret@')
const pgConfig = (): typeof TEST_CONFIG => ({ ...TEST_CONFIG, databaseUrl: db.url, databasePoolSize: 3 })

/** Poll `check` (a real request each time) until it holds, or fail after a generous deadline. */
async function eventually(check: () => Promise<boolean>, deadlineMs = 120_000): Promise<number> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > deadlineMs) throw new Error(`not within ${deadlineMs} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
  return Date.now() - start
}

beforeEach(async () => { db = await createDatabase() })
afterEach(async () => db.drop())

describeShared('PostgreSQL as the store (DATABASE_URL)', () => {
  it('migrates a fresh database once, even when three instances start together', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openPgStore(pgConfig())))
    await Promise.all(stores.map((s) => s.close()))
    const applied = await sql<{ n: string }>(db.url, 'select count(*) as n from drizzle.__drizzle_migrations')
    expect(Number(applied[0]!.n)).toBe(1)
    const tables = (await sql<{ t: string }>(db.url, "select tablename as t from pg_tables where schemaname = 'public' order by 1")).map((r) => r.t)
    expect(tables).toEqual(['api_key_version', 'api_keys', 'api_usage', 'audit_log'])
  })

  it('keeps keys, usage and audit in PostgreSQL: an answered recommendation is on record, and the answer is the same as on SQLite', async () => {
    const { app, http } = await testApp(pgConfig())
    const embedded = await testApp()
    try {
      expect(app.store.kind).toBe('postgres')
      const { key, token } = await app.apiKeys.create({ name: 'clinic', type: 'secret' })
      const res = await http.post('/v1/recommendations').set('authorization', bearer(token)).set('x-request-id', 'pg-1').send(BODY).expect(200)
      const same = await embedded.http.post('/v1/recommendations').send(BODY).expect(200)
      expect(res.text).toBe(same.text)
      const [row] = await sql<Record<string, unknown>>(db.url, 'select * from audit_log where request_id = $1', ['pg-1'])
      expect(row).toMatchObject({ key_id: key.id, kb_version: res.body.kbVersion, region_ids: ['heel'], triage_level: res.body.triage.level })
      expect(row!.top_muscle_ids).toEqual(res.body.muscles.slice(0, 5).map((m: { id: string }) => m.id))
      await http.get('/v1/regions').set('authorization', bearer(token)).expect(200)
      const usage = await http.get('/v1/usage').set('authorization', bearer(token)).expect(200)
      expect(usage.body.total).toBe(2)
      const everything = JSON.stringify(await sql(db.url, 'select * from audit_log')) + JSON.stringify(await sql(db.url, 'select * from api_usage'))
      expect(everything).not.toContain(PRIVATE)
      expect(await app.usage.recentAudit(5)).toHaveLength(1)
      expect((await http.get('/ready').expect(200)).body).toEqual({ status: 'ready', kbVersion: app.kb.version, rateLimits: 'per-instance' })
    } finally {
      await app.close()
      await embedded.app.close()
    }
  })

  it('sees a key created or revoked elsewhere (the CLI, another instance) within a second', async () => {
    const { app, http } = await testApp(pgConfig())
    const elsewhere = await openPgStore(pgConfig())
    try {
      const other = createApiKeyService(elsewhere.keys)
      const made = await other.create({ name: 'from elsewhere', type: 'secret' })
      const seen = await eventually(async () => (await http.get('/v1/kb').set('authorization', bearer(made.token))).status === 200)
      expect(await other.revoke(made.key.id)).toBe('revoked')
      const refused = await eventually(async () => (await http.get('/v1/kb').set('authorization', bearer(made.token))).status === 401)
      console.log(`a key made elsewhere answered after ${seen} ms; revoked elsewhere, refused after ${refused} ms`)
    } finally {
      await elsewhere.close()
      await app.close()
    }
  })

  it('deletes audit rows older than AUDIT_RETENTION_DAYS at start-up', async () => {
    const store = await openPgStore(pgConfig())
    const row = { requestId: 'r', keyId: null, kbVersion: 'v', regionIds: [], conditionIds: [], triageLevel: 'none', topMuscleIds: [], latencyMs: 1 }
    const day = 86_400_000
    await store.usage.recordBatch([], [{ ...row, requestId: 'old', at: Date.now() - 31 * day }, { ...row, requestId: 'recent', at: Date.now() - 29 * day }])
    await store.close()
    const { app } = await testApp({ ...pgConfig(), auditRetentionDays: 30 })
    expect((await app.usage.recentAudit(10)).map((r) => r.requestId)).toEqual(['recent'])
    await app.close()
  })

  it('production refuses to start without an active key, naming DATABASE_URL, never its password', async () => {
    const err = await testApp({ ...pgConfig(), databaseUrl: withPassword(), nmtEnv: 'production' }).then(() => null, (e: Error) => e)
    expect(err?.message).toMatch(/needs at least one active API key in the PostgreSQL database of DATABASE_URL/)
    expect(err?.message).not.toContain('hunter2')
  })
})
