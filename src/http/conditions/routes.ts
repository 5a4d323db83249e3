/**
 * /v1/conditions, /v1/conditions/{id}, /v1/red-flags and /v1/questions. HTTP only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { memoizedJson } from '../support/cacheable.js'
import { jsonResponse, problemResponses } from '../../contract/common.js'
import {
  ConditionSchema, ConditionSummarySchema, IdParamsSchema, ListOf, QuestionSchema, RedFlagSchema,
} from '../../contract/reference.js'

export default async function conditionRoutes(app: FastifyInstance): Promise<void> {
  const { catalog } = app.services
  const { conditions, redFlags, questions } = catalog.lists

  app.get('/conditions', {
    schema: {
      tags: ['reference'], operationId: 'listConditions', summary: 'Named complaints (plantar fasciitis, tension-type headache, ...) with aliases and verified ICD-10-CM codes',
      response: { 200: jsonResponse(ListOf(ConditionSummarySchema, 'All conditions, sorted by id'), 'Conditions'), ...problemResponses() },
    },
  }, memoizedJson(() => '', () => conditions))

  app.get<{ Params: { id: string } }>('/conditions/:id', {
    schema: {
      tags: ['reference'], operationId: 'getCondition',
      summary: 'A condition: where it is felt, the muscles commonly responsible (ranked), relevant red flags, sources',
      params: IdParamsSchema,
      response: { 200: jsonResponse(ConditionSchema, 'The condition'), ...problemResponses(400, 404) },
    },
  }, memoizedJson((request: FastifyRequest<{ Params: { id: string } }>) => request.params.id, (request) => catalog.condition(request.params.id)))

  app.get('/red-flags', {
    schema: {
      tags: ['reference'], operationId: 'listRedFlags', summary: 'Red flags screened before any muscle is matched: triggers, level and advice',
      response: { 200: jsonResponse(ListOf(RedFlagSchema, 'All red flags, sorted by id'), 'Red flags'), ...problemResponses() },
    },
  }, memoizedJson(() => '', () => redFlags))

  app.get('/questions', {
    schema: {
      tags: ['reference'], operationId: 'listQuestions', summary: 'Follow-up questions: red-flag screens and questions that separate muscles, with what yes and no assert',
      response: { 200: jsonResponse(ListOf(QuestionSchema, 'All questions'), 'Questions'), ...problemResponses() },
    },
  }, memoizedJson(() => '', () => questions))
}
