import { readFileSync } from 'node:fs'
import SwaggerParser from '@apidevtools/swagger-parser'
import { describe, expect, it } from 'vitest'
import { OPENAPI_PATH, openapiText } from '../src/openapi.js'
import { testApp } from './helpers/app.js'

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

  it('is served at /openapi.json and browsable at /docs', async () => {
    const { app, http } = await testApp()
    const json = await http.get('/openapi.json').expect(200)
    expect(json.body.openapi).toBe('3.1.0')
    const docs = await http.get('/docs/').expect(200)
    expect(docs.headers['content-type']).toMatch(/text\/html/)
    expect(docs.text).toMatch(/swagger/i)
    await app.close()
  })
})
