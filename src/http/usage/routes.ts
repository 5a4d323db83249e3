/**
 * GET /v1/usage: the calling secret key's own requests per UTC day. HTTP only: the usage service
 * answers; counting happens in plugins/app/usage-audit.ts. Publishable keys are refused by auth.ts (not a
 * widget endpoint).
 */
import type { FastifyInstance } from 'fastify'
import { sendProblem } from '../support/problem.js'
import { jsonResponse, problemResponses, type Static } from '../../contract/common.js'
import { USAGE_DEFAULT_DAYS, UsageQuerySchema, UsageSchema } from '../../contract/usage.js'

export default async function usageRoutes(app: FastifyInstance): Promise<void> {
  const { usage } = app.services
  app.get<{ Querystring: Static<typeof UsageQuerySchema> }>('/usage', {
    schema: {
      tags: ['operations'], operationId: 'getUsage',
      summary: "The calling secret key's requests per UTC day",
      querystring: UsageQuerySchema,
      response: { 200: jsonResponse(UsageSchema, 'Daily request counts'), ...problemResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const key = request.apiKey
    if (key === null) {
      return sendProblem(reply, 'NMT_ERR_UNAUTHORIZED', 'GET /v1/usage reports the usage of the key that calls it: send a secret key as `Authorization: Bearer sk_...`')
    }
    return usage.report(key, request.query.days ?? USAGE_DEFAULT_DAYS)
  })
}
