/**
 * The app factory: builds a configured Fastify instance with every plugin and route registered,
 * explicitly and in order. Never listens and never reads process.env (see server.ts).
 */
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config.js'
import { SEED_DIR } from './kb/paths.js'
import { loggerOptions, OneLineLogController, requestIdFrom } from './logger.js'
import database from './plugins/database.js'
import errorHandler from './plugins/error-handler.js'
import knowledgeBase from './plugins/knowledge-base.js'
import services from './plugins/services.js'
import swagger from './plugins/swagger.js'
import { cacheable } from './plugins/cacheable.js'
import healthRoutes from './routes/health.js'
import conditionRoutes from './routes/conditions.js'
import muscleRoutes from './routes/muscles.js'
import parseRoutes from './routes/parse.js'
import problemRoutes from './routes/problems.js'
import recommendationRoutes from './routes/recommendations.js'
import searchRoutes from './routes/search.js'
import vocabularyRoutes from './routes/vocabulary.js'

export interface AppOptions {
  /** Seed folder to load the knowledge base from (default: the project's seed/). */
  seedDir?: string
}

/**
 * Build the application. Await `app.ready()` (or listen) before use; `app.close()` closes the database.
 * @param config validated configuration (see loadConfig)
 */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    logController: new OneLineLogController(),
    requestIdHeader: false,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id'], randomUUID),
    bodyLimit: 64 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  await app.register(errorHandler)
  await app.register(swagger)
  await app.register(database, { databasePath: config.databasePath })
  await app.register(knowledgeBase, { seedDir: options.seedDir ?? SEED_DIR })

  await app.register(services)

  await app.register(healthRoutes)
  await app.register(problemRoutes)
  await app.register(async function referenceData(v1) {
    cacheable(v1, app.kb.version)
    await v1.register(vocabularyRoutes)
    await v1.register(muscleRoutes)
    await v1.register(conditionRoutes)
    await v1.register(searchRoutes)
  }, { prefix: '/v1' })
  await app.register(recommendationRoutes, { prefix: '/v1' })
  await app.register(parseRoutes, { prefix: '/v1' })
  return app
}
