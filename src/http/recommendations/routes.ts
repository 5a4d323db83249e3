/**
 * POST /v1/recommendations. HTTP only: the schema validates, the service answers (JSON bytes and
 * audit facts, from its answer cache when an identical structured request came before), the route
 * sends them. Never cached by HTTP (the answer depends on the body). Hands ids and levels (never the
 * text) to the audit log.
 */
import type { FastifyInstance } from 'fastify'
import { jsonResponse, problemResponses } from '../../contract/common.js'
import { RecommendationRequestSchema, RecommendationResponseSchema, type RecommendationRequest } from '../../contract/recommendations.js'

export default async function recommendationRoutes(app: FastifyInstance): Promise<void> {
  const { recommendations } = app.services
  app.post<{ Body: RecommendationRequest }>('/recommendations', {
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
    const { json, facts } = recommendations.answer(request.body)
    request.auditFacts = facts
    reply.send(json)
  })
}
