/**
 * Limits shared through the machine's real Redis (issue 16, item 2): two instances (two apps in this
 * process) on one PostgreSQL database and one Redis key prefix give a key exactly its limit in all,
 * and an address exactly AUTH_FAILURES_PER_MINUTE 401s in all, then 429s. Each test has a database
 * and a key prefix of its own.
 */
import type { FastifyInstance } from 'fastify'
import supertest from 'supertest'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openPgStore } from '../../../src/db/store.js'
import { createApiKeyService } from '../../../src/services/api-keys.js'
import { TEST_CONFIG, testApp } from '../../helpers/app.js'
import { bearer } from '../../helpers/keys.js'
import { createDatabase, describeShared, redisPrefix, REDIS_URL } from '../../helpers/shared-services.js'

let db: Awaited<ReturnType<typeof createDatabase>>
let redis: ReturnType<typeof redisPrefix>
let apps: FastifyInstance[] = []
beforeEach(async () => {
  db = await createDatabase()
  redis = redisPrefix()
})
afterEach(async () => {
  await Promise.all(apps.map((a) => a.close()))
  apps = []
  await Promise.all([db.drop(), redis.drop()])
})

/** Two instances on the shared store and counters, once a key exists (created through the keys CLI's service). */
async function twoInstances(overrides: Partial<typeof TEST_CONFIG>, key: { rateLimit?: number } = {}) {
  const config = { ...TEST_CONFIG, databaseUrl: db.url, databasePoolSize: 3, redisUrl: REDIS_URL, redisKeyPrefix: redis.prefix, ...overrides }
  const store = await openPgStore(config)
  const { token } = await createApiKeyService(store.keys).create({ name: 'shared', type: 'secret', rateLimit: key.rateLimit ?? null })
  await store.close()
  // One after the other: each start compiles the knowledge base, holding this process's event loop.
  const built = [await testApp(config), await testApp(config)]
  apps = built.map((b) => b.app)
  return { token, http: built.map((b) => supertest(b.app.server)) }
}

describeShared('limits shared through Redis (REDIS_URL)', () => {
  it("gives a key exactly its limit across instances, with the IETF headers counting down across them", async () => {
    const { token, http } = await twoInstances({ nmtEnv: 'production' }, { rateLimit: 7 })
    const statuses: number[] = []
    const remaining: string[] = []
    for (let i = 0; i < 14; i++) {
      const res = await http[i % 2]!.get('/v1/regions').set('authorization', bearer(token))
      statuses.push(res.status)
      remaining.push(/r=(\d+)/.exec(String(res.headers.ratelimit))![1]!)
      if (res.status === 429) {
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(res.body.code).toBe('NMT_ERR_RATE_LIMITED')
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1)
      }
    }
    expect(statuses).toEqual([...Array(7).fill(200), ...Array(7).fill(429)])
    expect(remaining.slice(0, 8)).toEqual(['6', '5', '4', '3', '2', '1', '0', '0'])
    for (const h of http) expect((await h.get('/ready').expect(200)).body.rateLimits).toBe('shared')
  })

  it('counts failed authentications across instances: exactly AUTH_FAILURES_PER_MINUTE 401s in all, then 429 for any key', async () => {
    const { token, http } = await twoInstances({ nmtEnv: 'production', authFailuresPerMinute: 5, trustProxy: true })
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      const res = await http[i % 2]!.get('/v1/regions').set('x-forwarded-for', '203.0.113.7').set('authorization', bearer(`sk_${String(i).padStart(32, 'x')}`))
      statuses.push(res.status)
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)])
    // Blocked means blocked on both instances: the right key from that address learns nothing.
    for (const h of http) {
      const res = await h.get('/v1/regions').set('x-forwarded-for', '203.0.113.7').set('authorization', bearer(token))
      expect(res.status).toBe(429)
      expect(res.headers['ratelimit-policy']).toBe('"auth-failures";q=5;w=60')
    }
    await http[0]!.get('/v1/regions').set('x-forwarded-for', '198.51.100.9').set('authorization', bearer(token)).expect(200)
  })
})
