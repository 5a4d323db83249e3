/**
 * OpenAPI 3.1 generated from the route schemas (@fastify/swagger), served at /openapi.json and
 * browsable at /docs. Register before any route so every route is collected.
 */
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { documentRoute, SECURITY_SCHEMES, shareHeaders } from './openapi-security.js'

export const API_VERSION = '1.0.0'

async function swaggerPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'NMT recommendation API',
        version: API_VERSION,
        description:
          'From the pain a client reports, the muscles whose trigger points are commonly associated with it, ' +
          'red-flag triage first, and a neuromuscular-therapy focus plan. Educational decision support for ' +
          'therapists, not a diagnosis. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'reference', description: 'The knowledge base: regions, sensations, contexts, muscles, conditions, red flags' },
        { name: 'recommendations', description: 'Symptom to source muscles and focus plan' },
        { name: 'widget', description: 'The embeddable chat widget script and its demo page' },
        { name: 'operations', description: 'Prometheus metrics and per-key usage' },
      ],
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: documentRoute,
    transformObject: shareHeaders,
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}

export default fp(swaggerPlugin, { name: 'swagger', dependencies: ['error-handler'] })
