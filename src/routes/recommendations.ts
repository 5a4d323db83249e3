/**
 * POST /v1/recommendations. HTTP only: the schema validates, the service answers. Never cached:
 * the answer depends on the body.
 */
import type { FastifyInstance } from 'fastify'
import { jsonResponse, problemResponses } from '../schemas/common.js'
import { RecommendationRequestSchema, RecommendationResponseSchema, type RecommendationRequestBody } from '../schemas/recommendations.js'

export default async function recommendationRoutes(app: FastifyInstance): Promise<void> {
  const { recommendations } = app.services
  app.post<{ Body: RecommendationRequestBody }>('/recommendations', {
    schema: {
      tags: ['recommendations'], operationId: 'createRecommendation',
      summary: 'From reported symptoms: red-flag triage, likely source muscles with explanations, an NMT focus plan and follow-up questions',
      body: RecommendationRequestSchema,
      response: { 200: jsonResponse(RecommendationResponseSchema, 'The recommendation'), ...problemResponses(400, 413, 415, 422) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return recommendations.recommend(request.body)
  })
}
