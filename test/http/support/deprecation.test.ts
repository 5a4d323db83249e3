/**
 * A deprecated route announces itself with Deprecation, Sunset and Link headers (RFC 9745, RFC 8594)
 * on every answer, errors included, and the OpenAPI document marks it deprecated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../src/http/app.js'
import { deprecationHeaders } from '../../../src/http/support/deprecation.js'
import { TEST_CONFIG } from '../../helpers/app.js'

describe('deprecated routes', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await buildApp(TEST_CONFIG)
    app.get('/v1/old-thing', {
      onRequest: deprecationHeaders({ since: new Date('2026-12-01T00:00:00Z'), sunset: new Date('2027-06-01T00:00:00Z'), link: 'https://example.test/migrate' }),
      schema: { deprecated: true, tags: ['reference'], operationId: 'getOldThing', summary: 'An old route' },
    }, async (request, reply) => (request.query as { fail?: string }).fail ? reply.code(400).send({ error: 'bad' }) : { ok: true })
    await app.ready()
  })
  afterAll(async () => app.close())

  it('answers with the three headers in their RFC formats', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/old-thing' })
    expect(res.statusCode).toBe(200)
    expect(res.headers.deprecation).toBe('@1796083200')
    expect(res.headers.sunset).toBe('Tue, 01 Jun 2027 00:00:00 GMT')
    expect(res.headers.link).toBe('<https://example.test/migrate>; rel="deprecation"; type="text/html"')
    const failed = await app.inject({ method: 'GET', url: '/v1/old-thing?fail=1' })
    expect(failed.statusCode).toBe(400)
    expect(failed.headers.deprecation).toBe('@1796083200')
  })

  it('is marked deprecated in the OpenAPI document; no current route is', () => {
    const paths = (app.swagger() as { paths: Record<string, Record<string, { deprecated?: boolean }>> }).paths
    expect(paths['/v1/old-thing']?.get?.deprecated).toBe(true)
    const others = Object.entries(paths).filter(([p]) => p !== '/v1/old-thing').flatMap(([, ops]) => Object.values(ops))
    expect(others.filter((op) => op.deprecated)).toEqual([])
  })
})
