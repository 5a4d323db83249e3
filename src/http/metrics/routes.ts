/**
 * GET /metrics: Prometheus text exposition (prom-client's registry, see plugins/setup/metrics.ts).
 * Open like /health (scrapers carry no API key): keep it off the public internet at the proxy if that
 * matters to you.
 */
import type { FastifyInstance } from 'fastify'
import { problemResponses, Type } from '../../contract/common.js'

export default async function metricsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/metrics', {
    schema: {
      tags: ['operations'], operationId: 'getMetrics',
      summary: 'Prometheus metrics: requests and latency by route and status, triage levels',
      response: {
        200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: Type.String() } } },
        ...problemResponses(),
      },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store').type(app.metrics.contentType)
    return app.metrics.render()
  })
}
