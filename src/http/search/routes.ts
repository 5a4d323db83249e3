/**
 * GET /v1/search: autocomplete over regions, sensations, contexts, conditions and muscles. HTTP
 * only (the catalog service answers); registered in the cacheable reference scope.
 */
import type { FastifyInstance } from 'fastify'
import { jsonResponse, problemResponses, type Static } from '../../contract/common.js'
import { SearchQuerySchema, SearchResponseSchema } from '../../contract/parse.js'

export default async function searchRoutes(app: FastifyInstance): Promise<void> {
  const { catalog } = app.services
  app.get<{ Querystring: Static<typeof SearchQuerySchema> }>('/search', {
    schema: {
      tags: ['reference'], operationId: 'search',
      summary: 'Autocomplete: ranked, typo-tolerant matches by lay and professional names; cheap enough for every keystroke',
      querystring: SearchQuerySchema,
      response: { 200: jsonResponse(SearchResponseSchema, 'Matches, best first'), ...problemResponses(400) },
    },
  }, async (request) => {
    const { q, type, limit } = request.query
    // limit is optional in the contract; the schema's default fills it in (useDefaults).
    return catalog.search(q, type, limit!)
  })
}
