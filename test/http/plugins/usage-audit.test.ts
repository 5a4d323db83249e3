import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/db/client.js'
import { migrateDatabase } from '../../../src/db/migrate.js'
import { createUsageRepository, utcDay } from '../../../src/db/usage-repository.js'
import { testApp } from '../../helpers/app.js'
import { bearer, devApp, ORIGIN, type KeyedApp } from '../../helpers/keys.js'

const PRIVATE = 'Zebrafinch-Quokka-7731'
const TEXT = `stabbing pain in my right heel with my first steps in the morning, ${PRIVATE}`

describe('GET /v1/usage', () => {
  let t: KeyedApp
  beforeAll(async () => { t = await devApp() })
  afterAll(async () => t.close())

  it("returns the calling secret key's own daily counts", async () => {
    const auth = bearer(t.keys.server!.token)
    await t.http.get('/v1/regions').set('authorization', auth).expect(200)
    await t.http.get('/v1/muscles/nope').set('authorization', auth).expect(404)
    await t.http.post('/v1/recommendations').set('authorization', auth).send({ text: TEXT }).expect(200)
    await t.http.get('/v1/regions').set('authorization', bearer(t.keys.tight!.token)).expect(200)
    const res = await t.http.get('/v1/usage').set('authorization', auth).expect(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['cache-control']).toBe('no-store')
    const today = utcDay(Date.now())
    expect(res.body).toEqual({ keyId: t.keys.server!.id, name: 'server', from: expect.any(String), to: today, total: 3, days: [{ date: today, requests: 3 }] })
    expect(res.body.from < today).toBe(true)
    const again = await t.http.get('/v1/usage?days=1').set('authorization', auth).expect(200)
    expect(again.body).toMatchObject({ from: today, to: today, total: 4 })
  })

  it('validates days', async () => {
    const auth = bearer(t.keys.server!.token)
    for (const days of ['0', '367', 'week']) {
      expect((await t.http.get(`/v1/usage?days=${days}`).set('authorization', auth).expect(400)).body.code).toBe('NMT_ERR_VALIDATION')
    }
  })

  it('needs a key even in development mode, and says so', async () => {
    const res = await t.http.get('/v1/usage').expect(401)
    expect(res.body.code).toBe('NMT_ERR_UNAUTHORIZED')
    expect(res.body.detail).toMatch(/secret key/)
  })
})

describe('audit log', () => {
  let t: KeyedApp
  beforeAll(async () => { t = await devApp() })
  afterAll(async () => t.close())

  it('records one row per answered recommendation: ids, levels and latency, never the text', async () => {
    const res = await t.http.post('/v1/recommendations').set('authorization', bearer(t.keys.widget!.token)).set('origin', ORIGIN)
      .set('x-request-id', 'audit-test-1').send({ text: TEXT, conditions: ['plantar-fasciitis'] }).expect(200)
    const [row] = await t.app.usage.recentAudit(1)
    expect(row).toEqual({
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), requestId: 'audit-test-1', keyId: t.keys.widget!.id, kbVersion: res.body.kbVersion,
      regionIds: [...new Set(res.body.interpreted.complaints.map((c: { region: string }) => c.region))],
      conditionIds: res.body.interpreted.conditions, triageLevel: res.body.triage.level,
      topMuscleIds: res.body.muscles.slice(0, 5).map((m: { id: string }) => m.id), latencyMs: expect.any(Number),
    })
    expect(row!.regionIds).toContain('heel')
    expect(row!.conditionIds).toContain('plantar-fasciitis')
    expect(row!.topMuscleIds.length).toBeGreaterThan(0)
    expect(row!.latencyMs).toBeGreaterThanOrEqual(0)
    const everything = JSON.stringify(t.app.database.sqlite.prepare('select * from audit_log').all()) +
      JSON.stringify(t.app.database.sqlite.prepare('select * from api_usage').all())
    for (const word of [PRIVATE, 'stabbing', 'first steps', 'morning']) expect(everything).not.toContain(word)
  })

  it('records a keyless development call with a null key, and nothing for refused or failed calls', async () => {
    const before = (await t.app.usage.recentAudit(1000)).length
    await t.http.post('/v1/recommendations').send({ complaints: [{ region: 'temple' }] }).expect(200)
    expect((await t.app.usage.recentAudit(1))[0]!.keyId).toBeNull()
    await t.http.post('/v1/recommendations').send({ complaints: [{ region: 'nowhere' }] }).expect(422)
    await t.http.post('/v1/recommendations').send({}).expect(400)
    await t.http.post('/v1/recommendations').set('authorization', bearer(t.keys.server!.token)).set('origin', ORIGIN).send({ text: TEXT }).expect(403)
    expect((await t.app.usage.recentAudit(1000)).length).toBe(before + 1)
  })

  it('deletes rows older than AUDIT_RETENTION_DAYS at start-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nmt-audit-'))
    const databasePath = join(dir, 'nmt.db')
    const handle = openDatabase(databasePath)
    migrateDatabase(handle.db)
    const repo = createUsageRepository(handle.db, handle.sqlite)
    const row = { requestId: 'r', keyId: null, kbVersion: 'v', regionIds: [], conditionIds: [], triageLevel: 'none', topMuscleIds: [], latencyMs: 1 }
    const day = 86_400_000
    repo.recordBatch([], [{ ...row, requestId: 'old', at: Date.now() - 31 * day }, { ...row, requestId: 'recent', at: Date.now() - 29 * day }])
    handle.close()
    const { app } = await testApp({ databasePath, auditRetentionDays: 30 })
    expect((await app.usage.recentAudit(10)).map((r) => r.requestId)).toEqual(['recent'])
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })
})
