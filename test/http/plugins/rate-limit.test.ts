import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FixedWindowLimiter } from '../../../src/http/plugins/setup/rate-limit.js'
import { bearer, devApp, type KeyedApp } from '../../helpers/keys.js'

describe('FixedWindowLimiter', () => {
  it('allows `limit` hits per window, counts down, and starts afresh when the window ends', () => {
    const l = new FixedWindowLimiter(60_000)
    expect(l.hit('a', 2, 1_000)).toEqual({ allowed: true, remaining: 1, resetSeconds: 60 })
    expect(l.hit('a', 2, 31_000)).toEqual({ allowed: true, remaining: 0, resetSeconds: 30 })
    expect(l.hit('a', 2, 60_500)).toEqual({ allowed: false, remaining: 0, resetSeconds: 1 })
    expect(l.hit('b', 2, 60_500).allowed).toBe(true)
    expect(l.hit('a', 2, 61_000)).toEqual({ allowed: true, remaining: 1, resetSeconds: 60 })
  })

  it('peeks without counting: null while within the limit, then the seconds left; forgets ended windows', () => {
    const l = new FixedWindowLimiter(60_000)
    l.hit('a', 2, 1_000)
    expect(l.peek('a', 2, 2_000)).toBeNull()
    l.hit('a', 2, 2_000)
    expect(l.peek('a', 2, 31_000)).toBe(30)
    expect(l.peek('a', 2, 31_000)).toBe(30)
    expect(l.peek('b', 2, 31_000)).toBeNull()
    expect(l.peek('a', 2, 200_000)).toBeNull()
    expect(l.size).toBe(0)
  })

  it('forgets windows that ended, so memory follows active clients only', () => {
    const l = new FixedWindowLimiter(60_000)
    for (let i = 0; i < 1000; i++) l.hit(`ip:${i}`, 10, 1_000)
    expect(l.size).toBe(1000)
    l.hit('late', 10, 200_000)
    expect(l.size).toBe(1)
  })
})

describe('rate limits over HTTP', () => {
  let t: KeyedApp
  beforeAll(async () => { t = await devApp(undefined, { rateLimitPerMinute: 4 }) })
  afterAll(async () => t.close())

  it('limits a key to its own limit, with IETF RateLimit headers, then 429 with Retry-After', async () => {
    const auth = bearer(t.keys.tight!.token)
    for (const remaining of [2, 1, 0]) {
      const ok = await t.http.get('/v1/regions').set('authorization', auth).expect(200)
      expect(ok.headers['ratelimit-policy']).toBe('"key";q=3;w=60')
      expect(ok.headers.ratelimit).toMatch(new RegExp(`^"key";r=${remaining};t=([1-9]|[1-5][0-9]|60)$`))
    }
    const res = await t.http.post('/v1/recommendations').set('authorization', auth).send({ conditions: ['plantar-fasciitis'] }).expect(429)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body).toMatchObject({ code: 'NMT_ERR_RATE_LIMITED', status: 429, type: '/problems/rate-limited' })
    const retry = Number(res.headers['retry-after'])
    expect(Number.isInteger(retry) && retry >= 1 && retry <= 60).toBe(true)
    expect(res.headers.ratelimit).toBe(`"key";r=0;t=${retry}`)
    // another key, and callers without a key, have their own windows
    await t.http.get('/v1/regions').set('authorization', bearer(t.keys.server!.token)).expect(200)
    await t.http.get('/v1/regions').expect(200)
  })

  it('limits callers without a key per IP address with the default policy', async () => {
    const { http, close } = await devApp([], { rateLimitPerMinute: 2 })
    const first = await http.get('/v1/sensations').expect(200)
    expect(first.headers['ratelimit-policy']).toBe('"default";q=2;w=60')
    expect(first.headers.ratelimit).toMatch(/^"default";r=1;t=\d+$/)
    await http.get('/v1/contexts').expect(200)
    expect((await http.get('/v1/regions').expect(429)).body.code).toBe('NMT_ERR_RATE_LIMITED')
    // outside /v1 nothing is limited: health checks and metrics keep answering
    for (let i = 0; i < 5; i++) await http.get('/health').expect(200)
    const metrics = await http.get('/metrics').expect(200)
    expect(metrics.headers['ratelimit-policy']).toBeUndefined()
    expect(metrics.text).toMatch(/^nmt_rate_limited_total 1$/m)
    await close()
  })

  it('does not count refused (429) requests as usage', async () => {
    const { http, keys, app, close } = await devApp([{ name: 'one', type: 'secret', rateLimit: 1 }])
    const auth = bearer(keys.one!.token)
    await http.get('/v1/regions').set('authorization', auth).expect(200)
    await http.get('/v1/regions').set('authorization', auth).expect(429)
    await http.get('/v1/usage').set('authorization', auth).expect(429)
    expect((await app.usage.daily(keys.one!.id, '2000-01-01')).map((d) => d.requests)).toEqual([1])
    await close()
  })
})
