import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'
import { devApp, type KeyedApp } from '../../helpers/keys.js'

/** One Prometheus text-format sample line: name, optional labels, value. */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.]+(e[+-]?\d+)?|NaN|[+-]Inf)$/

describe('security headers and limits', () => {
  let t: KeyedApp
  beforeAll(async () => { t = await devApp() })
  afterAll(async () => t.close())

  it('/docs/ carries helmet\'s document headers with a CSP that suits it', async () => {
    const res = await t.http.get('/docs/').expect(200)
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toMatch(/default-src 'self'/)
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).not.toMatch(/upgrade-insecure-requests/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/)
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })

  it.each([['/health', 200], ['/v1/regions', 200], ['/v1/muscles/nope', 404]])('%s (JSON) carries the API security headers and no document-only ones', async (path, status) => {
    const res = await t.http.get(path).expect(status)
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/)
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(res.headers['x-xss-protection']).toBeUndefined()
    expect(res.headers['x-powered-by']).toBeUndefined()
  })

  it('a 304 carries what freshens the stored answer, not the security headers that answer already has', async () => {
    const first = await t.http.get('/v1/regions').expect(200)
    expect(first.headers['x-content-type-options']).toBe('nosniff')
    for (const ifNoneMatch of [first.headers.etag as string, `"other", W/${first.headers.etag as string}`, '*']) {
      const again = await t.http.get('/v1/regions').set('if-none-match', ifNoneMatch).set('x-request-id', 'revalidate-1').expect(304)
      expect(again.text).toBe('')
      expect(again.headers.etag).toBe(first.headers.etag)
      expect(again.headers['cache-control']).toBe(first.headers['cache-control'])
      expect(again.headers.vary).toBe(first.headers.vary)
      expect(again.headers['x-request-id']).toBe('revalidate-1')
      for (const name of ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-resource-policy']) {
        expect(again.headers[name], name).toBeUndefined()
      }
    }
    await t.http.get('/v1/regions').set('if-none-match', '"kb-something-else"').expect(200)
  })

  it('refuses a body over 64 KiB with a 413 problem', async () => {
    const res = await t.http.post('/v1/recommendations').set('content-type', 'application/json').send(`{"text":"${'a'.repeat(70_000)}"}`).expect(413)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body.code).toBe('NMT_ERR_PAYLOAD_TOO_LARGE')
  })

  it('answers with a request id in the header and in every problem', async () => {
    const res = await t.http.get('/v1/muscles/not-a-muscle').set('x-request-id', 'trace-me-42').expect(404)
    expect(res.headers['x-request-id']).toBe('trace-me-42')
    expect(res.body.requestId).toBe('trace-me-42')
  })
})

describe('GET /metrics', () => {
  let t: KeyedApp
  beforeAll(async () => { t = await devApp() })
  afterAll(async () => t.close())

  it('exposes request counts, latency histograms by route and status, and triage levels in Prometheus format', async () => {
    await t.http.get('/v1/regions').expect(200)
    await t.http.get('/v1/regions').expect(200)
    await t.http.get('/v1/regions/private-words-here').expect(404)
    await t.http.post('/v1/recommendations').send({ complaints: [{ region: 'heel' }] }).expect(200)
    await t.http.get('/v1/secret-path-segment').expect(404)
    const res = await t.http.get('/metrics').expect(200)
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8')
    const lines = res.text.trimEnd().split('\n')
    const families = new Set<string>()
    for (const line of lines) {
      // (the text format ignores empty lines; prom-client puts one between families)
      if (line.startsWith('# TYPE ')) families.add(line.split(' ')[2]!)
      else if (!line.startsWith('# HELP ') && line !== '') expect(line).toMatch(SAMPLE)
    }
    expect([...families]).toEqual(expect.arrayContaining(['nmt_http_requests_total', 'nmt_http_request_duration_seconds', 'nmt_triage_level_total']))
    // prom-client's process metrics, and the three the hand-written exposition had
    expect([...families]).toEqual(expect.arrayContaining(['process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'process_resident_memory_bytes',
      'nodejs_heap_used_bytes', 'process_uptime_seconds']))
    expect(res.text).toContain('nmt_http_requests_total{method="GET",route="/v1/regions",status="200"} 2')
    expect(res.text).toContain('nmt_http_requests_total{method="GET",route="/v1/regions/:id",status="404"} 1')
    expect(res.text).toContain('nmt_http_request_duration_seconds_count{method="POST",route="/v1/recommendations",status="200"} 1')
    expect(res.text).toMatch(/^nmt_triage_level_total\{level="(none|routine)"\} 1$/m)
    expect(res.text).toContain('route="unmatched",status="404"')
    expect(res.text).not.toContain('private-words-here')
    expect(res.text).not.toContain('secret-path-segment')
    const buckets = lines.filter((l) => l.startsWith('nmt_http_request_duration_seconds_bucket{') && l.includes('method="GET",route="/v1/regions",status="200"'))
      .map((l) => Number(l.split(' ')[1]))
    expect(buckets).toHaveLength(13)
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b))
    expect(buckets.at(-1)).toBe(2)
  })
})

describe('load shedding', () => {
  it('answers 503 NMT_ERR_OVERLOADED with Retry-After under pressure, but keeps /health and /metrics up', async () => {
    const { app, http } = await testApp({ maxHeapUsedMb: 1 })
    let res = await http.get('/v1/regions')
    // shedding arms a second after start-up, once the first samples are in
    for (let i = 0; i < 100 && res.status !== 503; i++) {
      await new Promise((r) => setTimeout(r, 50))
      res = await http.get('/v1/regions')
    }
    expect(res.status).toBe(503)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body).toMatchObject({ code: 'NMT_ERR_OVERLOADED', status: 503 })
    expect(res.headers['retry-after']).toBe('10')
    expect((await http.get('/ready').expect(503)).body.code).toBe('NMT_ERR_OVERLOADED')
    await http.get('/health').expect(200)
    await http.get('/metrics').expect(200)
    await app.close()
  })
})
