/**
 * POST /v1/recommendations. HTTP only: the schema validates, the service answers. Never cached by
 * HTTP (the answer depends on the body); an identical structured request is answered from the
 * server's answer cache (RECOMMENDATION_CACHE_SIZE). Hands ids and levels (never the text) to the
 * audit log. Serialised by createRecommendationJson (static parts pre-built), documented by
 * RecommendationResponseSchema.
 */
import type { FastifyInstance } from 'fastify'
import { jsonResponse, problemResponses } from '../../contract/common.js'
import type { AuditFacts } from '../plugins/app/usage-audit.js'
import { createRecommendationJson } from '../../services/recommendation-json.js'
import { RecommendationRequestSchema, RecommendationResponseSchema, type RecommendationRequestBody } from '../../contract/recommendations.js'

/** How many of the top muscles an audit record keeps. */
const AUDITED_MUSCLES = 5

export default async function recommendationRoutes(app: FastifyInstance): Promise<void> {
  const { recommendations, answers } = app.services
  const toJson = createRecommendationJson(app.kb)
  app.post<{ Body: RecommendationRequestBody }>('/recommendations', {
    schema: {
      tags: ['recommendations'], operationId: 'createRecommendation',
      summary: 'From reported symptoms: red-flag triage, likely source muscles with explanations, an NMT focus plan and follow-up questions',
      body: RecommendationRequestSchema,
      response: { 200: jsonResponse(RecommendationResponseSchema, 'The recommendation'), ...problemResponses(400, 413, 415, 422) },
    },
  }, (request, reply) => {
    // Synchronous (Fastify catches what it throws): an async handler costs a promise per request.
    reply.header('cache-control', 'no-store')
    reply.type('application/json; charset=utf-8')
    // Only structured requests are kept: free text is never stored, not even in memory past the call.
    const key = request.body.text === undefined || request.body.text.trim() === '' ? JSON.stringify(request.body) : null
    const kept = key === null ? undefined : answers.get(key)
    if (kept !== undefined) {
      request.auditFacts = kept.facts
      reply.send(kept.json)
      return
    }
    const answer = recommendations.recommend(request.body)
    // Frozen: a cached answer hands the same facts to every audit row (their JSON is kept per array).
    const facts: AuditFacts = Object.freeze({
      kbVersion: answer.kbVersion, triageLevel: answer.triage.level,
      regionIds: Object.freeze([...new Set(answer.interpreted.complaints.map((c) => c.region))]),
      conditionIds: Object.freeze([...answer.interpreted.conditions]), topMuscleIds: Object.freeze(answer.muscles.slice(0, AUDITED_MUSCLES).map((m) => m.id)),
    })
    request.auditFacts = facts
    // The static parts of the answer were serialised at start-up. Encoded here once: Fastify takes
    // a Buffer's length as it is, and a kept answer is sent again without measuring or encoding.
    const json = Buffer.from(toJson(answer))
    if (key !== null) answers.set(key, { json, facts })
    reply.send(json)
  })
}
