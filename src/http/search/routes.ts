/**
 * GET /v1/search: autocomplete over regions, sensations, contexts, conditions and muscles. HTTP
 * only; registered in the cacheable reference scope.
 */
import type { FastifyInstance } from 'fastify'
import { search, type SearchType } from '../../engine/search.js'
import { jsonResponse, problemResponses, type Static } from '../../contract/common.js'
import { SearchQuerySchema, SearchResponseSchema } from '../../contract/parse.js'

export default async function searchRoutes(app: FastifyInstance): Promise<void> {
  const index = app.kb.search
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
    return { items: search(index, q, type ? [type as SearchType] : [], limit!) }
  })
}
