/**
 * Builds the use-case services once the knowledge base is loaded and decorates `app.services`.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createCatalogService, type CatalogService } from '../services/catalog.js'
import { createParseService, type ParseService } from '../services/parse.js'
import { createRecommendationService, type RecommendationService } from '../services/recommendations.js'

export interface Services {
  catalog: CatalogService
  recommendations: RecommendationService
  parse: ParseService
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

async function servicesPlugin(app: FastifyInstance): Promise<void> {
  app.decorate('services', { catalog: createCatalogService(app.kb), recommendations: createRecommendationService(app.kb), parse: createParseService(app.kb) })
}

export default fp(servicesPlugin, { name: 'services', dependencies: ['knowledge-base'] })
