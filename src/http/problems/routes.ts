/**
 * GET /problems/{slug}: documents each problem `type` URI the API sends, from the error registry.
 */
import type { FastifyInstance } from 'fastify'
import { ERRORS, problemType, type ErrorCode } from '../../errors.js'
import { sendProblem } from '../support/problem.js'
import { jsonResponse, problemResponses, Type } from '../../contract/common.js'

const ProblemTypeSchema = Type.Object({ type: Type.String(), code: Type.String(), title: Type.String(), status: Type.Integer() })

export default async function problemRoutes(app: FastifyInstance): Promise<void> {
  const bySlug = new Map(Object.entries(ERRORS).map(([code, e]) => [problemType(code as ErrorCode).slice('/problems/'.length), { code, ...e }]))
  app.get<{ Params: { slug: string } }>('/problems/:slug', {
    schema: {
      tags: ['health'], summary: 'Describe a problem type', operationId: 'getProblemType',
      params: Type.Object({ slug: Type.String({ maxLength: 80 }) }),
      response: { 200: jsonResponse(ProblemTypeSchema, 'The problem type'), ...problemResponses(400, 404) },
    },
  }, async (request, reply) => {
    const p = bySlug.get(request.params.slug)
    if (!p) return sendProblem(reply, 'NMT_ERR_NOT_FOUND', 'No such problem type')
    return { type: `/problems/${request.params.slug}`, code: p.code, title: p.title, status: p.status }
  })
}
