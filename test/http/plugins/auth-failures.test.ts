/**
 * Guessing keys is not free: failed authentications are limited per client address, before anything
 * else (issue 14, item 6). 1,000 wrong keys get AUTH_FAILURES_PER_MINUTE 401s, then 429s, and the
 * blocked address cannot tell a right key from a wrong one until its minute ends.
 */
import { describe, expect, it } from 'vitest'
import { bearer, productionApp } from '../../helpers/keys.js'

describe('failed authentication', () => {
  it('is limited per client address: 1,000 wrong keys get 30 × 401, then 429 problem+json with Retry-After', async () => {
    const t = await productionApp(undefined, { authFailuresPerMinute: 30, trustProxy: true })
    try {
      const statuses = new Map<number, number>()
      let last
      for (let i = 0; i < 1000; i++) {
        const guess = `sk_${String(i).padStart(43, 'x')}`
        last = await t.http.get('/v1/regions').set('x-forwarded-for', '203.0.113.7').set('authorization', bearer(guess))
        statuses.set(last.status, (statuses.get(last.status) ?? 0) + 1)
      }
      expect(Object.fromEntries(statuses)).toEqual({ 401: 30, 429: 970 })
      expect(last!.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(last!.body).toMatchObject({ status: 429, code: 'NMT_ERR_RATE_LIMITED' })
      expect(last!.body.detail).toMatch(/failed authentications/)
      const retry = Number(last!.headers['retry-after'])
      expect(Number.isInteger(retry) && retry >= 1 && retry <= 60).toBe(true)
      expect(last!.headers['ratelimit-policy']).toBe('"auth-failures";q=30;w=60')
      // Blocked means blocked: a right key from that address is refused the same way, so a guesser learns nothing.
      const right = await t.http.get('/v1/regions').set('x-forwarded-for', '203.0.113.7').set('authorization', bearer(t.keys.server!.token))
      expect(right.status).toBe(429)
      // Another address is not affected, and the blocked requests were not counted as any key's usage.
      await t.http.get('/v1/regions').set('x-forwarded-for', '198.51.100.9').set('authorization', bearer(t.keys.server!.token)).expect(200)
      expect((await t.app.usage.daily(t.keys.server!.id, '2000-01-01')).map((d) => d.requests)).toEqual([1])
      expect((await t.http.get('/metrics').expect(200)).text).toMatch(/^nmt_rate_limited_total 971$/m)
    } finally {
      await t.close()
    }
  })

  it('counts only failures: a valid key used many times from one address is never blocked by it', async () => {
    const t = await productionApp(undefined, { authFailuresPerMinute: 3 })
    try {
      for (let i = 0; i < 10; i++) await t.http.get('/v1/regions').set('authorization', bearer(t.keys.server!.token)).expect(200)
      for (let i = 0; i < 3; i++) await t.http.get('/v1/regions').set('authorization', bearer('sk_wrong')).expect(401)
      await t.http.get('/v1/regions').set('authorization', bearer(t.keys.server!.token)).expect(429)
      // Outside /v1 nothing is limited: health checks keep answering.
      await t.http.get('/health').expect(200)
    } finally {
      await t.close()
    }
  })
})
