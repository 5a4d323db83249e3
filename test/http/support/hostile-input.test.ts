/**
 * Regression tests for the hostile shapes of issue 14: bodies are never coerced, query strings take
 * decimal numbers only, validation answers stay small whatever the number of failures, a wrong method
 * is a 405 with Allow, and ids longer than the router takes are a documented 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_PARAM_LENGTH } from '../../../src/contract/common.js'
import { MAX_LISTED_ERRORS } from '../../../src/http/support/validation.js'
import { testApp } from '../../helpers/app.js'

type Http = Awaited<ReturnType<typeof testApp>>['http']

describe('hostile input', () => {
  let app: Awaited<ReturnType<typeof testApp>>['app']
  let http: Http
  beforeAll(async () => ({ app, http } = await testApp()))
  afterAll(async () => app.close())

  function expectProblem(res: { status: number; headers: Record<string, string>; body: { code: string; status: number } }, status: number, code: string): void {
    expect(res.status).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body).toMatchObject({ status, code })
  }

  it.each([
    ['a number as text', { text: 12345 }, 'body/text'],
    ['an array as text', { text: ['heel pain'] }, 'body/text'],
    ['a boolean as limit', { text: 'heel pain', limit: true }, 'body/limit'],
    ['a string as age', { text: 'heel pain', age: '45' }, 'body/age'],
    ['a string as a complaint list', { complaints: 'heel' }, 'body/complaints'],
    ['a number as a condition id', { conditions: [7] }, 'body/conditions/0'],
  ])('refuses %s in a body (no coercion)', async (_label, body, path) => {
    const res = await http.post('/v1/recommendations').send(body)
    expectProblem(res, 400, 'NMT_ERR_VALIDATION')
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('still takes the same values with their own types', async () => {
    await http.post('/v1/recommendations').send({ text: 'heel pain', limit: 3, age: 45, conditions: ['plantar-fasciitis'] }).expect(200)
  })

  it.each(['0x10', '1e1', ' 10', '10 ', '+10', '1_0', '0b1', 'Infinity', '10abc', '', '12345678901234567890'])('refuses ?limit=%j: a query string converts decimal numbers only', async (value) => {
    const res = await http.get(`/v1/muscles?limit=${encodeURIComponent(value)}`)
    expectProblem(res, 400, 'NMT_ERR_VALIDATION')
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'querystring/limit' })])
  })

  it('converts a plain decimal in a query string, and leaves out what has a default', async () => {
    expect((await http.get('/v1/muscles?limit=016&offset=2').expect(200)).body.items).toHaveLength(16)
    expect((await http.get('/v1/muscles').expect(200)).body.items).toHaveLength(50)
    expect((await http.get('/v1/search?q=heel').expect(200)).body.items.length).toBeGreaterThan(0)
    expectProblem(await http.get('/v1/muscles?limit=2&limit=3'), 400, 'NMT_ERR_VALIDATION')
  })

  it('answers 21,000 empty complaints (a 63 KB body) with a small problem that counts the rest', async () => {
    const body = JSON.stringify({ complaints: Array.from({ length: 21_000 }, () => ({})) })
    expect(body.length).toBeGreaterThan(60_000)
    const res = await http.post('/v1/recommendations').set('content-type', 'application/json').send(body)
    expectProblem(res, 400, 'NMT_ERR_VALIDATION')
    expect(res.body.errors).toHaveLength(MAX_LISTED_ERRORS)
    expect(res.body.moreErrors).toBeGreaterThanOrEqual(21_000 - MAX_LISTED_ERRORS)
    expect(res.body.detail).toMatch(/^\d+ fields failed validation \(the first 20 are listed\)$/)
    expect(res.text.length).toBeLessThan(4096)
  })

  it('answers 2,000 query parameters with a small problem that counts the rest', async () => {
    const query = Array.from({ length: 2000 }, (_, i) => `p${i}=1`).join('&')
    const res = await http.get(`/v1/muscles?${query}`)
    expectProblem(res, 400, 'NMT_ERR_VALIDATION')
    expect(res.body.errors).toHaveLength(MAX_LISTED_ERRORS)
    expect(res.body.moreErrors).toBe(2000 - MAX_LISTED_ERRORS)
    expect(res.text.length).toBeLessThan(4096)
  })

  it('lists a failure set of up to 20 in full, without moreErrors', async () => {
    const res = await http.post('/v1/recommendations').send({ complaints: [{}, {}, {}] })
    expect(res.body.errors).toHaveLength(3)
    expect(res.body.moreErrors).toBeUndefined()
    expect(res.body.detail).toBe('3 fields failed validation')
  })

  it.each([[{}], [{ complaints: [] }], [{ text: '   ' }], [{ contexts: ['desk-work'], age: 40 }]])('refuses %j by its schema: at least one of complaints, conditions or text', async (body) => {
    const res = await http.post('/v1/recommendations').send(body)
    expectProblem(res, 400, 'NMT_ERR_VALIDATION')
    expect(res.body.errors).toEqual([{ path: 'body', message: 'must have at least one of complaints, conditions, text (not empty)' }])
  })

  it.each([['TRACE', '/v1/regions', 'GET, HEAD'], ['DELETE', '/v1/muscles/soleus', 'GET, HEAD'], ['PUT', '/v1/recommendations', 'POST'], ['TRACE', '/health', 'GET, HEAD']])(
    'answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
      const res = await http[method.toLowerCase() as 'put'](path)
      expectProblem(res, 405, 'NMT_ERR_METHOD_NOT_ALLOWED')
      expect(res.headers.allow).toBe(allow)
    })

  it('keeps 404 for paths that are no endpoint, whatever the method', async () => {
    expectProblem(await http.trace('/v1/nothing-here'), 404, 'NMT_ERR_ROUTE_NOT_FOUND')
  })

  it(`takes ids up to ${MAX_PARAM_LENGTH} characters (404 when unknown) and refuses longer ones with a 400, as documented`, async () => {
    expectProblem(await http.get(`/v1/muscles/${'a'.repeat(MAX_PARAM_LENGTH)}`), 404, 'NMT_ERR_NOT_FOUND')
    const res = await http.get(`/v1/muscles/${'a'.repeat(MAX_PARAM_LENGTH + 1)}`)
    expectProblem(res, 400, 'NMT_ERR_VALIDATION')
    expect(res.body.detail).toBe(`A path parameter is longer than ${MAX_PARAM_LENGTH} characters`)
  })
})
