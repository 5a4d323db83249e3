import { readFileSync } from 'node:fs'
import SwaggerParser from '@apidevtools/swagger-parser'
import spectralCore from '@stoplight/spectral-core'
import spectralParsers from '@stoplight/spectral-parsers'
import { oas } from '@stoplight/spectral-rulesets'
import { describe, expect, it } from 'vitest'
import { OPENAPI_PATH, openapiText } from '../../src/http/openapi.js'
import { testApp } from '../helpers/app.js'
import { bearer, devApp } from '../helpers/keys.js'

describe('OpenAPI document', () => {
  it('the committed openapi/openapi.json is up to date', async () => {
    const { app } = await testApp()
    const generated = openapiText(app)
    await app.close()
    const committed = readFileSync(OPENAPI_PATH, 'utf8')
    expect(committed === generated, 'openapi/openapi.json is out of date: run `npm run openapi` and commit it').toBe(true)
  })

  it('is a valid OpenAPI 3.1 document where every operation has an id, a summary, tags and a problem response', async () => {
    const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Record<string, unknown>
    await SwaggerParser.validate(structuredClone(doc) as never)
    expect(doc.openapi).toBe('3.1.0')
    const ops = Object.values(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap((p) => Object.values(p))
    expect(ops.length).toBeGreaterThan(2)
    for (const op of ops) {
      expect(op.operationId).toEqual(expect.any(String))
      expect(op.summary).toEqual(expect.any(String))
      expect(op.tags).toEqual(expect.any(Array))
      const responses = op.responses as Record<string, { content?: Record<string, unknown> }>
      expect(Object.keys(responses['500']?.content ?? {})).toEqual(['application/problem+json'])
    }
  })

  it('has no error under Spectral\'s spectral:oas ruleset (warnings are style: descriptions, servers, contact)', async () => {
    const spectral = new spectralCore.Spectral()
    spectral.setRuleset({ extends: [[oas as never, 'recommended']] })
    const results = await spectral.run(new spectralCore.Document(readFileSync(OPENAPI_PATH, 'utf8'), spectralParsers.Json, OPENAPI_PATH))
    const errors = results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`)
    expect(errors).toEqual([])
  })

  it('names every JSON request and response body as a component schema, has the package\'s version and a server', () => {
    const full = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
      info: { version: string }; servers?: { url: string }[]; components: { schemas: Record<string, unknown> }
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>
    }
    expect(full.info.version).toBe((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version)
    expect(full.servers?.length).toBeGreaterThan(0)
    const refs: string[] = []
    for (const op of Object.values(full.paths).flatMap((p) => Object.values(p))) {
      for (const content of [op.requestBody?.content, ...Object.values(op.responses).map((r) => r.content)]) {
        for (const [type, media] of Object.entries(content ?? {})) {
          if (!type.endsWith('json')) continue
          expect(media.schema.$ref, JSON.stringify(media.schema).slice(0, 80)).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/)
          refs.push(media.schema.$ref!.slice('#/components/schemas/'.length))
        }
      }
    }
    for (const name of refs) expect(full.components.schemas[name], name).toBeDefined()
    // the contract's own names
    expect(refs).toEqual(expect.arrayContaining(['RecommendationRequest', 'Recommendation', 'ParseRequest', 'ParseResult', 'Problem']))
  })

  it('is served at /openapi.json and browsable at /docs', async () => {
    const { app, http } = await testApp()
    const json = await http.get('/openapi.json').expect(200)
    expect(json.body.openapi).toBe('3.1.0')
    const docs = await http.get('/docs/').expect(200)
    expect(docs.headers['content-type']).toMatch(/text\/html/)
    expect(docs.text).toMatch(/swagger/i)
    await app.close()
  })

  type Op = { parameters?: { in: string; name: string }[]; responses: Record<string, { headers?: Record<string, { $ref: string }>; content?: unknown }> }
  const doc = (): { paths: Record<string, Record<string, Op>>; components: { headers: Record<string, unknown> } } =>
    JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as never
  const documented = (op: Op, status: string): string[] => Object.keys(op.responses[status]?.headers ?? {}).map((h) => h.toLowerCase())

  it('documents the conditional GET of every reference route: If-None-Match, ETag and Cache-Control, and an empty 304', () => {
    const { paths, components } = doc()
    const reference = Object.entries(paths).filter(([p]) => p.startsWith('/v1/')).map(([, o]) => o.get).filter((op): op is Op => op !== undefined && op.responses['304'] !== undefined)
    // every GET of the reference scope (regions, sensations, contexts, kb, muscles, conditions, red flags, questions, search, the three maps)
    expect(reference.length).toBe(15)
    for (const op of reference) {
      expect(op.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'if-none-match' }))
      expect(documented(op, '200')).toEqual(expect.arrayContaining(['etag', 'cache-control']))
      expect(documented(op, '304')).toEqual(expect.arrayContaining(['etag', 'cache-control', 'ratelimit', 'ratelimit-policy', 'x-request-id']))
      expect(op.responses['304']!.content).toBeUndefined()
    }
    // the recommendation POST is not cacheable, and says nothing of ETags
    const post = paths['/v1/recommendations']!.post!
    expect(post.responses['304']).toBeUndefined()
    expect(documented(post, '200')).not.toContain('etag')
    // each header is written once, under components, and every use refers to it
    for (const op of Object.values(paths).flatMap((o) => Object.values(o))) {
      for (const res of Object.values(op.responses)) {
        for (const [name, h] of Object.entries(res.headers ?? {})) expect(h, name).toEqual({ $ref: `#/components/headers/${name}` })
      }
    }
    expect(Object.keys(components.headers).sort()).toEqual(['Cache-Control', 'ETag', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id'])
  })

  it('every header the document promises is on the real answers (200, 304, 404, 429)', async () => {
    const { paths } = doc()
    const t = await devApp([{ name: 'one', type: 'secret', rateLimit: 4 }])
    const auth = bearer(t.keys.one!.token)
    const muscle = paths['/v1/muscles/{id}']!.get!
    const post = paths['/v1/recommendations']!.post!
    const ok = await t.http.get('/v1/muscles/soleus').set('authorization', auth).expect(200)
    const notModified = await t.http.get('/v1/muscles/soleus').set('authorization', auth).set('if-none-match', String(ok.headers.etag)).expect(304)
    const missing = await t.http.get('/v1/muscles/no-such-muscle').set('authorization', auth).expect(404)
    const recommended = await t.http.post('/v1/recommendations').set('authorization', auth).send({ conditions: ['plantar-fasciitis'] }).expect(200)
    const limited = await t.http.post('/v1/recommendations').set('authorization', auth).send({ conditions: ['plantar-fasciitis'] }).expect(429)
    await t.close()
    for (const [op, status, res] of [[muscle, '200', ok], [muscle, '304', notModified], [muscle, '404', missing], [post, '200', recommended], [post, '429', limited]] as const) {
      const names = documented(op, status)
      expect(names.length, `${status} documents headers`).toBeGreaterThan(0)
      for (const name of names) expect(res.headers[name], `${name} on a ${status}`).toEqual(expect.any(String))
    }
    expect(notModified.text).toBe('')
  })
})
