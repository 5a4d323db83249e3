/**
 * POST /v1/parse: what the API understands in a client's message. HTTP only; never cached.
 */
import type { FastifyInstance } from 'fastify'
import { jsonResponse, problemResponses } from '../../contract/common.js'
import { ParseRequestSchema, ParseResponseSchema, type ParseRequest } from '../../contract/parse.js'

export default async function parseRoutes(app: FastifyInstance): Promise<void> {
  const { parse } = app.services
  app.post<{ Body: ParseRequest }>('/parse', {
    schema: {
      tags: ['recommendations'], operationId: 'parseText',
      summary: 'Understand free text: regions with side, sensations, contexts, conditions, signs, negations, age, onset, each with its span',
      body: ParseRequestSchema,
      response: { 200: jsonResponse(ParseResponseSchema, 'What was understood'), ...problemResponses(400, 413, 415) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return parse.parse(request.body.text)
  })
}
