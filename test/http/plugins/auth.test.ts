import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/db/client.js'
import { createApiKeyRepository } from '../../../src/db/api-key-repository.js'
import { createApiKeyService } from '../../../src/services/api-keys.js'
import { bearer, devApp, ORIGIN, OTHER_ORIGIN, productionApp, type KeyedApp } from '../../helpers/keys.js'

const RECOMMEND = { complaints: [{ region: 'heel', sensations: ['sharp'] }] }
const PROBLEM = /^application\/problem\+json/
const WELL_FORMED_UNKNOWN = `sk_${'A'.repeat(32)}`

describe('production mode: a key on every /v1 call', () => {
  let t: KeyedApp
  beforeAll(async () => { t = await productionApp() })
  afterAll(async () => t.close())

  it.each([
    ['GET', '/v1/regions'], ['GET', '/v1/muscles/soleus'], ['POST', '/v1/recommendations'], ['GET', '/v1/usage'],
  ])('%s %s without a key is a 401 problem with WWW-Authenticate', async (method, path) => {
    const res = method === 'GET' ? await t.http.get(path) : await t.http.post(path).send(RECOMMEND)
    expect(res.status).toBe(401)
    expect(res.headers['content-type']).toMatch(PROBLEM)
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /)
    expect(res.body).toMatchObject({ code: 'NMT_ERR_UNAUTHORIZED', status: 401, requestId: res.headers['x-request-id'] })
  })

  it.each([
    ['a Basic header', 'Basic dXNlcjpwYXNz'], ['Bearer and nothing', 'Bearer'], ['a short token', 'Bearer sk_short'],
    ['an unknown well-formed key', bearer(WELL_FORMED_UNKNOWN)], ['a wrong prefix', `Bearer xk_${'A'.repeat(32)}`],
  ])('refuses %s with 401', async (_what, header) => {
    const res = await t.http.get('/v1/regions').set('authorization', header).expect(401)
    expect(res.body.code).toBe('NMT_ERR_UNAUTHORIZED')
  })

  it('answers a valid secret key, and stops answering it once revoked', async () => {
    await t.http.get('/v1/regions').set('authorization', bearer(t.keys.server!.token)).expect(200)
    const rec = await t.http.post('/v1/recommendations').set('authorization', bearer(t.keys.server!.token)).send(RECOMMEND).expect(200)
    expect(rec.body.muscles.length).toBeGreaterThan(0)
    const extra = await t.app.apiKeys.create({ name: 'short-lived', type: 'secret' })
    await t.http.get('/v1/kb').set('authorization', bearer(extra.token)).expect(200)
    expect(await t.app.apiKeys.revoke(extra.key.id)).toBe('revoked')
    expect((await t.http.get('/v1/kb').set('authorization', bearer(extra.token)).expect(401)).body.code).toBe('NMT_ERR_UNAUTHORIZED')
  })

  it('sees keys created and revoked by another process (the keys CLI) on the next request', async () => {
    const other = openDatabase(t.app.database.sqlite.name)
    const cli = createApiKeyService(createApiKeyRepository(other.db))
    const made = cli.create({ name: 'from the CLI', type: 'secret' })
    await t.http.get('/v1/kb').set('authorization', bearer(made.token)).expect(200)
    expect(cli.revoke(made.key.id)).toBe('revoked')
    await t.http.get('/v1/kb').set('authorization', bearer(made.token)).expect(401)
    other.close()
  })

  it.each(['/health', '/ready', '/metrics', '/openapi.json', '/docs/', '/problems/unauthorized'])('%s stays open', async (path) => {
    await t.http.get(path).expect(200)
  })

  it('an unknown /v1 path is still a 404, key or not', async () => {
    expect((await t.http.get('/v1/nothing').expect(404)).body.code).toBe('NMT_ERR_ROUTE_NOT_FOUND')
  })

  it('refuses to build with no active key, telling the operator what to run', async () => {
    await expect(productionApp([])).rejects.toThrow(/npm run keys -- create/)
  })
})

describe('development mode and key rules', () => {
  let t: KeyedApp
  beforeAll(async () => { t = await devApp() })
  afterAll(async () => t.close())
  const widget = (): string => bearer(t.keys.widget!.token)

  it('answers /v1 without a key', async () => {
    await t.http.get('/v1/regions').expect(200)
    await t.http.post('/v1/recommendations').send(RECOMMEND).expect(200)
  })

  it('still refuses a key that is sent and invalid', async () => {
    expect((await t.http.get('/v1/regions').set('authorization', bearer(WELL_FORMED_UNKNOWN)).expect(401)).body.code).toBe('NMT_ERR_UNAUTHORIZED')
  })

  it('refuses a secret key sent from a browser (with an Origin header), even an allowed one', async () => {
    for (const origin of [ORIGIN, OTHER_ORIGIN]) {
      const res = await t.http.get('/v1/regions').set('authorization', bearer(t.keys.server!.token)).set('origin', origin).expect(403)
      expect(res.headers['content-type']).toMatch(PROBLEM)
      expect(res.body.code).toBe('NMT_ERR_FORBIDDEN')
    }
  })

  it('refuses a publishable key without an Origin, from another origin, or from "null"', async () => {
    await t.http.get('/v1/regions').set('authorization', widget()).expect(403)
    for (const origin of [OTHER_ORIGIN, 'null', `${ORIGIN}.evil.example`, 'http://clinic.example']) {
      const res = await t.http.get('/v1/regions').set('authorization', widget()).set('origin', origin).expect(403)
      expect(res.body.code).toBe('NMT_ERR_FORBIDDEN')
    }
  })

  it.each([
    ['GET', '/v1/regions'], ['GET', '/v1/regions/heel'], ['GET', '/v1/sensations'], ['GET', '/v1/contexts'],
    ['GET', '/v1/conditions'], ['GET', '/v1/conditions/plantar-fasciitis'], ['GET', '/v1/questions'],
    ['GET', '/v1/search?q=heel'], ['POST', '/v1/recommendations'], ['POST', '/v1/parse'], ['HEAD', '/v1/regions'],
  ])('a publishable key from its origin may call %s %s', async (method, path) => {
    const req = method === 'GET' ? t.http.get(path) : method === 'HEAD' ? t.http.head(path)
      : t.http.post(path).send(path.endsWith('parse') ? { text: 'my heel hurts' } : RECOMMEND)
    const res = await req.set('authorization', widget()).set('origin', ORIGIN)
    expect(res.status).toBe(200)
  })

  it.each([
    ['/v1/usage'], ['/v1/muscles'], ['/v1/muscles/soleus'], ['/v1/kb'], ['/v1/red-flags'],
  ])('a publishable key may not call GET %s', async (path) => {
    const res = await t.http.get(path).set('authorization', widget()).set('origin', ORIGIN).expect(403)
    expect(res.body.code).toBe('NMT_ERR_FORBIDDEN')
  })

  it('never logs or echoes the key in a problem', async () => {
    const res = await t.http.get('/v1/kb').set('authorization', widget()).set('origin', ORIGIN).expect(403)
    expect(res.text).not.toContain(t.keys.widget!.token)
  })
})

describe('CORS: only for publishable keys\' origins', () => {
  let t: KeyedApp
  beforeAll(async () => { t = await devApp() })
  afterAll(async () => t.close())

  it('answers a preflight from an allowed origin with 204 and the CORS headers', async () => {
    const res = await t.http.options('/v1/recommendations').set('origin', ORIGIN)
      .set('access-control-request-method', 'POST').set('access-control-request-headers', 'authorization, content-type').expect(204)
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN)
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST')
    expect(res.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, X-Request-Id')
    expect(res.headers['access-control-expose-headers']).toBe('X-Request-Id, RateLimit, RateLimit-Policy, Retry-After')
    expect(res.headers['access-control-max-age']).toBe('600')
    expect(res.headers.vary).toMatch(/Origin/)
  })

  it('refuses a preflight from any other origin, without CORS headers', async () => {
    const res = await t.http.options('/v1/recommendations').set('origin', OTHER_ORIGIN).set('access-control-request-method', 'POST').expect(403)
    expect(res.headers['content-type']).toMatch(PROBLEM)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('reflects the allowed origin on a publishable call, with Vary: Origin and the exposed headers', async () => {
    const res = await t.http.get('/v1/sensations').set('authorization', bearer(t.keys.widget!.token)).set('origin', ORIGIN).expect(200)
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN)
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    expect(res.headers.vary).toMatch(/Origin/)
    expect(res.headers['access-control-expose-headers']).toMatch(/RateLimit-Policy/)
  })

  it('keeps the refusals of an allowed page readable (CORS headers on its 403)', async () => {
    const res = await t.http.get('/v1/kb').set('authorization', bearer(t.keys.widget!.token)).set('origin', ORIGIN).expect(403)
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN)
  })

  it('gives no CORS headers to other origins, nor outside /v1', async () => {
    const other = await t.http.get('/v1/regions').set('origin', OTHER_ORIGIN).expect(200)
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
    const health = await t.http.get('/health').set('origin', ORIGIN).expect(200)
    expect(health.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('stops granting an origin once its last publishable key is revoked', async () => {
    const origin = 'https://soon-gone.example'
    const { key } = await t.app.apiKeys.create({ name: 'temp', type: 'publishable', origins: [origin] })
    const preflight = () => t.http.options('/v1/regions').set('origin', origin).set('access-control-request-method', 'GET')
    await preflight().expect(204)
    await t.app.apiKeys.revoke(key.id)
    await preflight().expect(403)
  })
})
