/**
 * Property-based attack on every operation in openapi/openapi.json (fast-check, through app.inject):
 * wrong types, huge and deeply nested bodies, odd unicode, injection strings, bad keys and origins,
 * wrong methods and media types. Whatever comes in: no 5xx, every error is problem+json with a known
 * code, every answer's status is one the document lists for that operation and its body matches the
 * document's schema for it, and the server is still ready afterwards.
 */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERRORS } from '../../src/errors.js'
import { devApp, ORIGIN, OTHER_ORIGIN, type KeyedApp } from '../helpers/keys.js'

interface Param { name: string; in: string; schema?: { type?: string; enum?: string[] } }
interface Operation { method: string; path: string; params: Param[] }
type Responses = Record<string, { content?: Record<string, { schema: unknown }> }>

const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: Param[]; responses: Responses }>>
  components: { schemas: Record<string, unknown> }
}
const OPERATIONS: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, params: op.parameters ?? [] })))

/** A schema from the document with its component references resolved in place (none is recursive). */
function inline(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inline)
  if (schema === null || typeof schema !== 'object') return schema
  const ref = (schema as { $ref?: string }).$ref
  if (ref?.startsWith('#/components/schemas/')) return inline(doc.components.schemas[ref.slice('#/components/schemas/'.length)])
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inline(v)]))
}
const ajv = new Ajv2020({ strict: false, allErrors: false })
const validators = new Map<unknown, ReturnType<typeof ajv.compile>>()
const validatorOf = (schema: unknown): ReturnType<typeof ajv.compile> => {
  let v = validators.get(schema)
  if (v === undefined) validators.set(schema, (v = ajv.compile(inline(schema) as object)))
  return v
}
/** What a request with a method the path does not answer may get: a preflight's answer, or a refusal before routing. */
const WITHOUT_OPERATION = new Set([204, 400, 403, 404, 405, 413, 415])
const RUNS_PER_OPERATION = 300
const MIXED_RUNS = 2000

const HOSTILE = [
  "' OR '1'='1' --", '"; DROP TABLE api_keys; --', '1; SELECT * FROM audit_log', '<script>alert(1)</script>', '../../../etc/passwd',
  '..%2f..%2f', '%00', '\u0000', '\u202e\u2066', '\ud800', '\uffff', '𝕳𝖊𝖊𝖑 🦶🏽', 'ｈｅｅｌ', 'Ĥéèl', '\u200b\u200d', '{{7*7}}', '${jndi:ldap://x/a}',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'NaN', '-1', '1e309', '0x10', 'null', 'true', '[]', '{}',
  '\\', '"', "'", '\n\r\t', ' '.repeat(300), 'a'.repeat(5000), 'heel '.repeat(500), 'no pain no numbness not dizzy '.repeat(60),
]

const hostile = fc.constantFrom(...HOSTILE)
const weird = fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 3000 }))
const latin1 = (s: string): string => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?')
/** Any generated value as a string, as a client would put it in a URL. */
function text(v: unknown): string {
  try {
    return typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined'
  } catch {
    return Object.prototype.toString.call(v)
  }
}
/** Percent-encode like a client would; a lone surrogate has no UTF-8 form, so it becomes U+FFFD. */
const enc = (v: unknown): string => encodeURIComponent(text(v).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'))

async function arbitraries(t: KeyedApp) {
  const kb = t.app.kb.kb
  const realIds = [...kb.regions, ...kb.sensations, ...kb.contexts, ...kb.conditions, ...kb.questions, ...kb.muscles].map((x) => x.id)
  const id = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...realIds) }, { weight: 2, arbitrary: weird }, { weight: 1, arbitrary: fc.anything() })
  const revoked = await t.app.apiKeys.create({ name: 'revoked', type: 'secret' })
  await t.app.apiKeys.revoke(revoked.key.id)
  const authorization = fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: fc.constant(`Bearer ${t.keys.server!.token}`) },
    { weight: 3, arbitrary: fc.constant(`Bearer ${t.keys.widget!.token}`) },
    fc.constant(`Bearer ${revoked.token}`), fc.constant('Bearer'), fc.constant(`Basic ${Buffer.from('a:b').toString('base64')}`),
    fc.stringMatching(/^Bearer (sk|pk)_[A-Za-z0-9_-]{32}$/), weird.map((s) => latin1(`Bearer ${s}`)), weird.map(latin1),
  )
  const origin = fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: fc.constant(ORIGIN) },
    fc.constant(OTHER_ORIGIN), fc.constant('null'),
    fc.constant(`${ORIGIN}.evil.example`), weird.map(latin1))
  const recommendation = fc.record({
    complaints: fc.oneof(fc.array(fc.record({ region: id, side: fc.oneof(fc.constantFrom('left', 'right', 'both'), weird), sensations: fc.array(id, { maxLength: 12 }) },
      { requiredKeys: [] }), { maxLength: 14 }), fc.anything()),
    conditions: fc.array(id, { maxLength: 12 }), contexts: fc.array(id, { maxLength: 22 }), signs: fc.array(id, { maxLength: 22 }),
    text: fc.oneof(weird, fc.string({ maxLength: 2100 })),
    answers: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...realIds), weird), fc.oneof(fc.constantFrom('yes', 'no', 'unknown'), fc.anything())), fc.anything()),
    age: fc.oneof(fc.integer(), fc.double(), weird), limit: fc.oneof(fc.integer({ min: -5, max: 60 }), weird),
    extra: fc.anything(),
  }, { requiredKeys: [] })
  // well-typed bodies, with real ids and plausible unknown ones, so the attack reaches the engine
  const slug = fc.stringMatching(/^[a-z]{3,10}(-[a-z]{2,8})?$/)
  const real = (ids: { id: string }[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ids.map((x) => x.id)) }, slug)
  const wellTyped = fc.record({
    complaints: fc.array(fc.record({ region: real(kb.regions), side: fc.constantFrom('left', 'right', 'both'), sensations: fc.array(real(kb.sensations), { maxLength: 3 }) },
      { requiredKeys: ['region'] }), { maxLength: 4 }),
    conditions: fc.array(real(kb.conditions), { maxLength: 2 }), contexts: fc.array(real(kb.contexts), { maxLength: 3 }),
    text: fc.oneof(fc.constantFrom('stabbing heel pain with my first steps', 'headache at my right temple after desk work', 'no numbness'), weird.map((x) => x.slice(0, 2000))),
    answers: fc.dictionary(real(kb.questions), fc.constantFrom('yes', 'no', 'unknown'), { maxKeys: 3 }),
    age: fc.integer({ min: 0, max: 120 }), limit: fc.integer({ min: 1, max: 50 }),
  }, { requiredKeys: [] })
  const deep = fc.integer({ min: 100, max: 20_000 }).map((n) => `${'{"a":['.repeat(n)}1${']}'.repeat(n)}`)
  const body = fc.oneof(
    { weight: 5, arbitrary: wellTyped.map((b) => ({ type: 'application/json', payload: JSON.stringify(b) })) },
    { weight: 3, arbitrary: recommendation.map((b) => ({ type: 'application/json', payload: JSON.stringify(b) })) },
    { weight: 2, arbitrary: fc.record({ text: weird }).map((b) => ({ type: 'application/json', payload: JSON.stringify(b) })) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => ({ type: 'application/json', payload: JSON.stringify(v) ?? 'null' })) },
    { weight: 1, arbitrary: deep.map((payload) => ({ type: 'application/json', payload })) },
    { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '{"text":', '', 'nul', '[]', '"text"', `{"text":"${'x'.repeat(70_000)}"}`)
      .map((payload) => ({ type: 'application/json', payload })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded',
      'application/json; charset=utf-16', ';;==', 'application/json, text/plain'), weird).map(([type, payload]) => ({ type, payload })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  )
  const value = fc.oneof(id, fc.integer().map(String), fc.constant(''), weird)
  const query = (params: Param[]) => fc.tuple(
    fc.tuple(...params.filter((p) => p.in === 'query').map((p) => fc.option(fc.oneof(value, fc.constantFrom(...(p.schema?.enum ?? ['x']))).map((v) => [p.name, v] as const)))),
    fc.array(fc.tuple(weird, value), { maxLength: 3 }), fc.constantFrom('', '', '', '&%zz', '&q=%E0%A4%A', '&&&=', '#frag'),
  ).map(([known, extra, raw]) => {
    const pairs = [...known.filter((p) => p !== null), ...extra] as (readonly [string, unknown])[]
    const qs = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')
    return qs || raw ? `?${qs}${raw}` : ''
  })
  const pathParam = fc.oneof(id.map(enc), fc.constantFrom('%zz', '%2e%2e', '..', '%00', 'a%2Fb', '%ED%A0%80', '%C0%AF', 'x'.repeat(300)))
  const request = (op: Operation) => fc.record({
    template: fc.constant(op.path),
    method: fc.oneof({ weight: 9, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'POST', 'GET') }),
    path: fc.array(pathParam, { minLength: 3, maxLength: 3 }).map((vals) => { let i = 0; return op.path.replace(/\{[^}]+\}/g, () => vals[i++]!) }),
    query: query(op.params), body: op.method === 'POST' ? body : fc.option(body, { freq: 5 }), authorization, origin,
    requestId: fc.option(weird.map(latin1)), ifNoneMatch: fc.option(fc.oneof(fc.constant(`"kb-${t.app.kb.version}"`), fc.constant('*'), weird.map(latin1))),
    preflight: fc.option(fc.constantFrom('GET', 'POST', 'DELETE', ''), { freq: 8 }),
  })
  return { request }
}

describe('fuzzing every operation in the OpenAPI document', () => {
  let t: KeyedApp
  const statuses = new Map<number, number>()
  beforeAll(async () => { t = await devApp(undefined, { rateLimitPerMinute: 1_000_000, authFailuresPerMinute: 1_000_000, maxEventLoopDelayMs: 0 }) })
  afterAll(async () => t.close())

  /** The answer against the document: a status it lists for the operation, and a body of that status's schema. */
  function conforms(r: { method: string; template: string }, res: { statusCode: number; headers: Record<string, unknown>; body: string }, where: string): void {
    const op = doc.paths[r.template]?.[r.method === 'HEAD' ? 'get' : r.method.toLowerCase()]
    if (op === undefined) {
      expect(WITHOUT_OPERATION.has(res.statusCode), `${where}: status for a method without an operation`).toBe(true)
      return
    }
    const documented = op.responses[String(res.statusCode)]
    expect(documented, `${where}: status ${res.statusCode} is not documented for ${r.method} ${r.template}`).toBeDefined()
    if (r.method === 'HEAD' || res.statusCode === 304) return
    const type = String(res.headers['content-type'] ?? '').split(';')[0]!.trim()
    const content = documented!.content ?? {}
    expect(Object.keys(content), `${where}: content type`).toContain(type)
    if (!type.endsWith('json')) return
    const validate = validatorOf(content[type]!.schema)
    expect(validate(JSON.parse(res.body)), `${where}: body does not match the document: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true)
  }

  async function attack(r: { template: string; method: string; path: string; query: string; body?: { type: string; payload: string } | null; authorization?: string;
    origin?: string; requestId: string | null; ifNoneMatch: string | null; preflight: string | null }): Promise<void> {
    const headers: Record<string, string> = {}
    if (r.body?.type) headers['content-type'] = r.body.type
    if (r.authorization !== undefined) headers.authorization = r.authorization
    if (r.origin !== undefined) headers.origin = r.origin
    if (r.requestId !== null) headers['x-request-id'] = r.requestId
    if (r.ifNoneMatch !== null) headers['if-none-match'] = r.ifNoneMatch
    if (r.preflight !== null) headers['access-control-request-method'] = r.preflight
    const res = await t.app.inject({ method: r.method as 'GET', url: r.path + r.query, headers, ...(r.body ? { payload: r.body.payload } : {}) })
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
    const where = `${r.method} ${r.path.slice(0, 80)} -> ${res.statusCode} ${res.body.slice(0, 200)}`
    expect(res.statusCode, where).toBeLessThan(500)
    conforms(r, res, where)
    if (res.statusCode >= 400) {
      expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/)
      if (r.method === 'HEAD') return
      const problem = JSON.parse(res.body) as { status: number; code: string; requestId: string; type: string }
      expect(problem.status, where).toBe(res.statusCode)
      expect(Object.keys(ERRORS), where).toContain(problem.code)
      expect(problem.requestId, where).toEqual(expect.any(String))
      expect(res.body, where).not.toContain(t.keys.server!.token)
    }
  }

  it.each(OPERATIONS.map((op) => [op.method, op.path, op] as const))(`survives ${RUNS_PER_OPERATION} hostile requests to %s %s`, async (_m, _p, op) => {
    const { request } = await arbitraries(t)
    await fc.assert(fc.asyncProperty(request(op), attack), { numRuns: RUNS_PER_OPERATION })
  })

  it(`survives ${MIXED_RUNS} hostile requests mixed across operations, and is still healthy after`, async () => {
    const { request } = await arbitraries(t)
    await fc.assert(fc.asyncProperty(fc.constantFrom(...OPERATIONS).chain(request), attack), { numRuns: MIXED_RUNS })
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
    const ok = await t.app.inject({ method: 'POST', url: '/v1/recommendations', payload: { text: 'stabbing pain in my heel with my first steps' } })
    expect(ok.statusCode).toBe(200)
    // the attack reached past validation into every layer: answers, every refusal, every media-type error
    for (const status of [200, 400, 401, 403, 404, 413, 415, 422]) expect(statuses.get(status) ?? 0, `no ${status} in ${JSON.stringify([...statuses])}`).toBeGreaterThan(0)
    expect(t.app.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
