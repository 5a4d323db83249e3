/**
 * Builds the use-case services once the knowledge base is loaded and decorates `app.services`.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createAnswerCache, type AnswerCache } from '../../../services/answer-cache.js'
import { createCatalogService, type CatalogService } from '../../../services/catalog.js'
import { createMapService, type MapService } from '../../../services/maps.js'
import { createParseService, type ParseService } from '../../../services/parse.js'
import { createRecommendationService, type EncodedAnswer, type RecommendationService } from '../../../services/recommendations.js'
import { createUsageService, type UsageService } from '../../../services/usage.js'

export interface Services {
  catalog: CatalogService
  recommendations: RecommendationService
  parse: ParseService
  maps: MapService
  /** A key's own usage report (GET /v1/usage). */
  usage: UsageService
  /** The recommendation service's kept answers, for identical requests (RECOMMENDATION_CACHE_SIZE): here for /metrics. */
  answers: AnswerCache<EncodedAnswer>
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

async function servicesPlugin(app: FastifyInstance, opts: { recommendationCacheSize: number }): Promise<void> {
  const answers = createAnswerCache<EncodedAnswer>(opts.recommendationCacheSize)
  app.decorate('services', {
    catalog: createCatalogService(app.kb), recommendations: createRecommendationService(app.kb, answers), parse: createParseService(app.kb), maps: createMapService(app.kb), usage: createUsageService(app.usage),
    answers,
  })
}

export default fp(servicesPlugin, { name: 'services', dependencies: ['knowledge-base', 'usage-audit'] })
