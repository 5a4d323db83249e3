import fastJson from 'fast-json-stringify'
import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { RecommendationResponseSchema } from '../../../src/contract/recommendations.js'
import { createRecommendationService } from '../../../src/services/recommendations.js'
import { testApp } from '../../helpers/app.js'

const requests = readdirSync(new URL('../../cases/', import.meta.url)).flatMap((f) =>
  (JSON.parse(readFileSync(new URL(`../../cases/${f}`, import.meta.url), 'utf8')) as { request: object }[]).map((c) => c.request))

/** Every property path a schema describes, e.g. `muscles[].explanation[].kind` (array items as `[]`). */
function schemaPaths(schema: Record<string, unknown>, at = ''): string[] {
  const out: string[] = []
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
    out.push(`${at}${name}`, ...schemaPaths(sub, `${at}${name}.`))
  }
  if (schema.items) out.push(...schemaPaths(schema.items as Record<string, unknown>, at.replace(/\.$/, '[].')))
  for (const branch of (schema.anyOf ?? []) as Record<string, unknown>[]) out.push(...schemaPaths(branch, at))
  return out
}

/** Every property path present in a JSON value, as schemaPaths names them. */
function valuePaths(value: unknown, at = '', into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) valuePaths(v, at.replace(/\.$/, '[].'), into)
  else if (value !== null && typeof value === 'object') {
    for (const [name, v] of Object.entries(value)) {
      into.add(`${at}${name}`)
      valuePaths(v, `${at}${name}.`, into)
    }
  }
  return into
}

describe('the recommendation answer', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = (await testApp()).app
  })
  afterAll(async () => {
    await app.close()
  })

  it('is served, for every case, as the response schema serialises it, with nothing the service built left out', async () => {
    const service = createRecommendationService(app.kb)
    const bySchema = fastJson(RecommendationResponseSchema as never)
    expect(requests.length).toBeGreaterThan(80)
    for (const req of requests) {
      const served = (await app.inject({ method: 'POST', url: '/v1/recommendations', payload: req })).body
      const answer = service.recommend(req)
      expect(served).toBe(bySchema(answer))
      // A field the service adds but the schema lacks would be dropped without a word.
      expect(JSON.parse(served)).toEqual(JSON.parse(JSON.stringify(answer)))
    }
  })

  it('shows every field of the response schema in some case', async () => {
    const seen = new Set<string>()
    for (const req of requests) valuePaths(JSON.parse((await app.inject({ method: 'POST', url: '/v1/recommendations', payload: req })).body), '', seen)
    const described = [...new Set(schemaPaths(RecommendationResponseSchema as never))]
    expect(described.length).toBeGreaterThan(50)
    expect(described.filter((p) => !seen.has(p))).toEqual([])
  })
})
