import fastJson from 'fast-json-stringify'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileKnowledgeBase } from '../../../src/engine/compile.js'
import { loadSeed } from '../../../src/kb/loader.js'
import { SEED_DIR } from '../../../src/kb/paths.js'
import { RecommendationResponseSchema } from '../../../src/contract/recommendations.js'
import { createRecommendationJson } from '../../../src/services/recommendation-json.js'
import { createRecommendationService } from '../../../src/services/recommendations.js'

const seed = loadSeed(SEED_DIR)
const kb = compileKnowledgeBase(seed.kb, seed.version)
const service = createRecommendationService(kb)
const toJson = createRecommendationJson(kb)
const bySchema = fastJson(RecommendationResponseSchema as never)
const requests = readdirSync(new URL('../../cases/', import.meta.url)).flatMap((f) =>
  (JSON.parse(readFileSync(new URL(`../../cases/${f}`, import.meta.url), 'utf8')) as { request: object }[]).map((c) => c.request))

describe('the recommendation serialiser', () => {
  it('writes, for every case, exactly what the response schema describes', () => {
    expect(requests.length).toBeGreaterThan(80)
    for (const req of requests) {
      const answer = service.recommend(req)
      const ours = toJson(answer)
      expect(JSON.parse(ours)).toEqual(JSON.parse(bySchema(answer)))
    }
  })
})
