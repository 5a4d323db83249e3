/**
 * Faults in the shared services (issue 16, item 3): a TCP proxy in front of the real PostgreSQL or
 * Redis drops every connection and refuses new ones, then lets them through again. With PostgreSQL
 * cut, what must be written is refused (503 problem+json with Retry-After, never a success) and /ready
 * says so; with Redis cut, limits are counted per instance, logged once, shown in /metrics and
 * /ready. Both recover without a restart. Waits poll real requests with generous deadlines.
 */
import type { FastifyInstance } from 'fastify'
import supertest from 'supertest'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openPgStore } from '../../../src/db/store.js'
import { createApiKeyService } from '../../../src/services/api-keys.js'
import { TEST_CONFIG, testApp } from '../../helpers/app.js'
import { bearer } from '../../helpers/keys.js'
import { createDatabase, describeShared, redisPrefix, sql } from '../../helpers/shared-services.js'
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.js'

const BODY = { complaints: [{ region: 'temple', side: 'left' }] }
let db: Awaited<ReturnType<typeof createDatabase>>
let redis: ReturnType<typeof redisPrefix>
let proxy: TcpProxy
let app: FastifyInstance | null = null
const logs: string[] = []
beforeEach(async () => {
  db = await createDatabase()
  redis = redisPrefix()
  logs.length = 0
})
afterEach(async () => {
  await app?.close()
  app = null
  await proxy.close()
  await Promise.all([db.drop(), redis.drop()])
})

async function eventually(check: () => Promise<boolean>, deadlineMs = 120_000): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > deadlineMs) throw new Error(`not within ${deadlineMs} ms`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

async function instance(config: Partial<typeof TEST_CONFIG>) {
  const built = await testApp({ ...TEST_CONFIG, logLevel: 'info', ...config }, { logStream: { write: (l: string) => logs.push(l) } })
  app = built.app
  return supertest(built.app.server)
}

describeShared('when PostgreSQL or Redis goes away', () => {
  it('PostgreSQL cut: writes are refused with 503 problem+json and Retry-After, /ready is 503; both recover without a restart', async () => {
    proxy = await startTcpProxy(5432)
    const url = db.url.replace(':5432/', `:${proxy.port}/`)
    const setup = await openPgStore({ ...TEST_CONFIG, databaseUrl: db.url })
    const { token } = await createApiKeyService(setup.keys).create({ name: 'clinic', type: 'secret' })
    await setup.close()
    const http = await instance({ nmtEnv: 'production', databaseUrl: url, databasePoolSize: 3, databaseStatementTimeoutMs: 1000 })
    const auth = bearer(token)
    await http.post('/v1/recommendations').set('authorization', auth).send(BODY).expect(200)

    proxy.cut()
    for (const res of [await http.post('/v1/recommendations').set('authorization', auth).set('x-request-id', 'cut-1').send(BODY),
      await http.get('/v1/muscles/soleus').set('authorization', auth)]) {
      expect(res.status).toBe(503)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.headers['retry-after']).toBe('1')
      expect(res.body).toMatchObject({ code: 'NMT_ERR_NOT_RECORDED', status: 503 })
    }
    expect((await http.get('/ready').expect(503)).body.code).toBe('NMT_ERR_NOT_READY')
    await http.get('/health').expect(200)
    // The keys as last read still authenticate: a wrong key is still a 401, not a 503.
    await http.get('/v1/regions').set('authorization', bearer(`sk_${'A'.repeat(32)}`)).expect(401)
    expect((await http.get('/metrics')).text).toMatch(/^nmt_usage_write_failures_total [2-9]\d*$/m)

    proxy.restore()
    await eventually(async () => (await http.post('/v1/recommendations').set('authorization', auth).set('x-request-id', 'back-1').send(BODY)).status === 200)
    await http.get('/ready').expect(200)
    const audited = (await sql<{ request_id: string }>(db.url, 'select request_id from audit_log')).map((r) => r.request_id)
    expect(audited).toContain('back-1')
    expect(audited).not.toContain('cut-1')
    expect(logs.join('')).not.toContain(token)
  })

  it('Redis cut: limits are counted per instance (logged once, /metrics and /ready say so), then shared again without a restart', async () => {
    proxy = await startTcpProxy(6379)
    const http = await instance({ redisUrl: `redis://127.0.0.1:${proxy.port}`, redisKeyPrefix: redis.prefix, rateLimitPerMinute: 1000 })
    const metric = async (name: string): Promise<number> => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec((await http.get('/metrics')).text)?.[1])
    await http.get('/v1/regions').expect(200)
    expect((await http.get('/ready').expect(200)).body.rateLimits).toBe('shared')
    expect(await metric('nmt_redis_up')).toBe(1)

    proxy.cut()
    for (let i = 0; i < 5; i++) {
      const res = await http.get('/v1/regions').expect(200)
      expect(res.headers.ratelimit).toMatch(/^"default";r=\d+;t=\d+$/)
    }
    expect((await http.get('/ready').expect(200)).body.rateLimits).toBe('per-instance')
    expect(await metric('nmt_redis_up')).toBe(0)
    expect(await metric('nmt_redis_outages_total')).toBe(1)
    expect(await metric('nmt_rate_limit_local_total')).toBeGreaterThanOrEqual(5)
    expect(logs.filter((l) => l.includes('Redis unreachable'))).toHaveLength(1)

    proxy.restore()
    await eventually(async () => (await http.get('/ready')).body.rateLimits === 'shared')
    expect(await metric('nmt_redis_up')).toBe(1)
    expect(logs.filter((l) => l.includes('Redis answers again'))).toHaveLength(1)
    // Counted in Redis again: the address's window there goes on from where it was.
    const res = await http.get('/v1/regions').expect(200)
    expect(Number(/r=(\d+)/.exec(String(res.headers.ratelimit))![1])).toBe(1000 - 2)
    expect(logs.join('')).not.toContain(`${proxy.port}/`)
  })

  it('never shows a connection URL\'s password, even when its service is down at start-up', async () => {
    proxy = await startTcpProxy(5432)
    await proxy.close()
    const closedPort = proxy.port
    proxy = await startTcpProxy(6379)
    // Redis down at start-up: the instance starts, counting limits per instance, and says so once.
    const http = await instance({ redisUrl: `redis://:hunter2-secret@127.0.0.1:${closedPort}`, redisKeyPrefix: redis.prefix })
    await http.get('/v1/regions').expect(200)
    expect((await http.get('/ready').expect(200)).body.rateLimits).toBe('per-instance')
    expect(logs.filter((l) => l.includes('Redis unreachable'))).toHaveLength(1)
    // PostgreSQL down at start-up: no start, with a reason that names no password.
    const url = db.url.replace('postgres@', 'postgres:hunter2-secret@').replace(':5432/', `:${closedPort}/`)
    const err = await testApp({ ...TEST_CONFIG, databaseUrl: url, databaseStatementTimeoutMs: 500 }).then(() => null, (e: Error) => e)
    expect(String(err)).toMatch(/ECONNREFUSED/)
    expect(String(err) + JSON.stringify(err)).not.toContain('hunter2')
    expect(logs.join('')).not.toContain('hunter2')
  })
})
