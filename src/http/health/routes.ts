/**
 * GET /health (the process is alive) and GET /ready (the store answers and the knowledge base is
 * loaded). Load balancers and the Docker HEALTHCHECK call these; they do no real work. /ready also
 * says whether rate limits are shared (Redis answers) or counted per instance: an unreachable Redis
 * is no reason to take an instance out of rotation, since it serves safely without it.
 */
import type { FastifyInstance } from 'fastify'
import { sendProblem } from '../support/problem.js'
import { jsonResponse, problemResponses, Type } from '../../contract/common.js'

const HealthSchema = Type.Object({ status: Type.Literal('ok') })
const ReadySchema = Type.Object({
  status: Type.Literal('ready'),
  kbVersion: Type.String(),
  rateLimits: Type.Union([Type.Literal('shared'), Type.Literal('per-instance')], {
    description: 'shared: counted in Redis across instances; per-instance: no REDIS_URL, or Redis unreachable right now',
  }),
})

export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', {
    schema: {
      tags: ['health'], summary: 'Liveness: the process is up', operationId: 'getHealth',
      response: { 200: jsonResponse(HealthSchema, 'Alive'), ...problemResponses() },
    },
  }, async () => ({ status: 'ok' as const }))

  app.get('/ready', {
    schema: {
      tags: ['health'], summary: 'Readiness: database open and knowledge base loaded', operationId: 'getReady',
      response: { 200: jsonResponse(ReadySchema, 'Ready to serve'), ...problemResponses(503) },
    },
  }, async (_request, reply) => {
    let dbOk = false
    try {
      dbOk = await app.store.ping()
    } catch {
      dbOk = false
    }
    if (!dbOk) return sendProblem(reply, 'NMT_ERR_NOT_READY', 'The database is not available')
    if (app.kb.muscles.size === 0) return sendProblem(reply, 'NMT_ERR_NOT_READY', 'The knowledge base is not loaded')
    const rateLimits = app.sharedCounters?.up ? 'shared' as const : 'per-instance' as const
    return { status: 'ready' as const, kbVersion: app.kb.version, rateLimits }
  })
}
