/**
 * Reference routes for the controlled vocabularies and the knowledge base itself:
 * /v1/regions, /v1/regions/{id}, /v1/sensations, /v1/contexts, /v1/kb. HTTP only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { memoizedJson } from '../support/cacheable.js'
import { jsonResponse, problemResponses } from '../../contract/common.js'
import {
  ContextSchema, IdParamsSchema, KbInfoSchema, ListOf, RegionDetailSchema, RegionSchema, SensationSchema,
} from '../../contract/reference.js'

export default async function vocabularyRoutes(app: FastifyInstance): Promise<void> {
  const { catalog } = app.services
  const { regions, sensations, contexts } = catalog.lists

  app.get('/regions', {
    schema: {
      tags: ['reference'], operationId: 'listRegions',
      summary: 'Body regions: a hierarchy (parentId null at the top) with lay synonyms and whether each has sides',
      response: { 200: jsonResponse(ListOf(RegionSchema, 'All regions, sorted by id'), 'Regions'), ...problemResponses() },
    },
  }, memoizedJson(() => '', () => regions))

  app.get<{ Params: { id: string } }>('/regions/:id', {
    schema: {
      tags: ['reference'], operationId: 'getRegion',
      summary: 'One region with its ancestors, children and the muscles that refer pain to it',
      params: IdParamsSchema,
      response: { 200: jsonResponse(RegionDetailSchema, 'The region'), ...problemResponses(400, 404) },
    },
  }, memoizedJson((request: FastifyRequest<{ Params: { id: string } }>) => request.params.id, (request) => catalog.region(request.params.id)))

  app.get('/sensations', {
    schema: {
      tags: ['reference'], operationId: 'listSensations', summary: 'Sensations (pain kinds, tingling, numbness, stiffness, ...) with lay synonyms',
      response: { 200: jsonResponse(ListOf(SensationSchema, 'All sensations, sorted by id'), 'Sensations'), ...problemResponses() },
    },
  }, memoizedJson(() => '', () => sensations))

  app.get('/contexts', {
    schema: {
      tags: ['reference'], operationId: 'listContexts', summary: 'Aggravating activities and patterns (chewing, desk work, first steps in the morning, ...)',
      response: { 200: jsonResponse(ListOf(ContextSchema, 'All contexts, sorted by id'), 'Contexts'), ...problemResponses() },
    },
  }, memoizedJson(() => '', () => contexts))

  app.get('/kb', {
    schema: {
      tags: ['reference'], operationId: 'getKnowledgeBase', summary: 'Knowledge-base version (content hash), entity counts and bibliographic sources',
      response: { 200: jsonResponse(KbInfoSchema, 'Knowledge base'), ...problemResponses() },
    },
  }, memoizedJson(() => '', () => catalog.info()))
}
