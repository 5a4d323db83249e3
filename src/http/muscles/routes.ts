/**
 * /v1/muscles (filter by region or name, paged) and /v1/muscles/{id} (the whole profile). HTTP only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { memoizedJson } from '../support/cacheable.js'
import { jsonResponse, problemResponses, type Static } from '../../contract/common.js'
import { IdParamsSchema, ListOf, MuscleListQuerySchema, MuscleSchema, MuscleSummarySchema } from '../../contract/reference.js'

export default async function muscleRoutes(app: FastifyInstance): Promise<void> {
  const { catalog } = app.services

  app.get<{ Querystring: Static<typeof MuscleListQuerySchema> }>('/muscles', {
    schema: {
      tags: ['reference'], operationId: 'listMuscles',
      summary: 'Muscles, optionally only those referring pain to a region or matching a name; paged',
      querystring: MuscleListQuerySchema,
      response: { 200: jsonResponse(ListOf(MuscleSummarySchema, 'Matching muscles, sorted by id (by match quality with q)'), 'Muscles'), ...problemResponses(400, 422) },
    },
  }, async (request) => {
    // limit and offset are optional in the contract; the schema's defaults fill them in (useDefaults).
    const { limit, offset, ...filter } = request.query
    return catalog.muscles({ ...filter, limit: limit!, offset: offset! })
  })

  app.get<{ Params: { id: string } }>('/muscles/:id', {
    schema: {
      tags: ['reference'], operationId: 'getMuscle',
      summary: 'A muscle profile: trigger points, referral zones, symptoms, entrapments, NMT focus, cautions, self-care, sources',
      params: IdParamsSchema,
      response: { 200: jsonResponse(MuscleSchema, 'The muscle profile'), ...problemResponses(400, 404) },
    },
  }, memoizedJson((request: FastifyRequest<{ Params: { id: string } }>) => request.params.id, (request) => catalog.muscle(request.params.id)))
}
