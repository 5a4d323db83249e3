/**
 * GET /v1/usage: the calling secret key's own requests per UTC day. HTTP only; counting happens in
 * plugins/app/usage-audit.ts. Publishable keys are refused by auth.ts (not a widget endpoint).
 */
import type { FastifyInstance } from 'fastify'
import { utcDay } from '../../db/usage-repository.js'
import { sendProblem } from '../plugins/setup/error-handler.js'
import { jsonResponse, problemResponses, Type } from '../../contract/common.js'

const UsageQuerySchema = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30, description: 'How many days back, today included (1-366)' })),
}, { additionalProperties: false })

const UsageSchema = Type.Object({
  keyId: Type.String(),
  name: Type.String(),
  from: Type.String({ description: 'First UTC day covered, YYYY-MM-DD' }),
  to: Type.String({ description: 'Last UTC day covered (today), YYYY-MM-DD' }),
  total: Type.Integer({ minimum: 0 }),
  days: Type.Array(Type.Object({ date: Type.String(), requests: Type.Integer({ minimum: 0 }) }), {
    description: 'Days with requests, oldest first (days without requests are left out)',
  }),
})

export default async function usageRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { days?: number } }>('/usage', {
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
    const days = request.query.days ?? 30
    const now = Date.now()
    const from = utcDay(now - (days - 1) * 86_400_000)
    const rows = await app.usage.daily(key.id, from)
    return { keyId: key.id, name: key.name, from, to: utcDay(now), total: rows.reduce((n, r) => n + r.requests, 0), days: rows }
  })
}
