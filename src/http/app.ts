/**
 * The app factory: builds a configured Fastify instance with every plugin and route registered,
 * explicitly and in order. Never listens and never reads process.env (see src/server.ts).
 */
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import pino from 'pino'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { clientErrorHandler } from './support/client-errors.js'
import type { Config } from '../config.js'
import { SEED_DIR } from '../kb/paths.js'
import { accessLog, lazyChildLogger, loggerOptions, OneLineLogController, requestIdFrom } from './support/logger.js'
import apiKeys from './plugins/app/api-keys.js'
import auditRetention from './plugins/app/audit-retention.js'
import auth from './plugins/setup/auth.js'
import cors from './plugins/setup/cors.js'
import database from './plugins/app/database.js'
import errorHandler, { frameworkErrorHandler } from './plugins/setup/error-handler.js'
import hardening from './plugins/setup/hardening.js'
import knowledgeBase from './plugins/app/knowledge-base.js'
import metrics from './plugins/setup/metrics.js'
import rateLimit from './plugins/setup/rate-limit.js'
import services from './plugins/app/services.js'
import sharedCounters from './plugins/app/shared-counters.js'
import swagger from './plugins/setup/swagger.js'
import usageAudit from './plugins/app/usage-audit.js'
import { cacheable } from './support/cacheable.js'
import healthRoutes from './health/routes.js'
import mapRoutes from './maps/routes.js'
import conditionRoutes from './conditions/routes.js'
import metricsRoutes from './metrics/routes.js'
import muscleRoutes from './muscles/routes.js'
import parseRoutes from './parse/routes.js'
import problemRoutes from './problems/routes.js'
import recommendationRoutes from './recommendations/routes.js'
import searchRoutes from './search/routes.js'
import usageRoutes from './usage/routes.js'
import vocabularyRoutes from './vocabulary/routes.js'
import widgetRoutes from './widget/routes.js'
import { MAX_PARAM_LENGTH } from '../contract/common.js'
import { BODY_LIMIT_BYTES } from '../limits.js'
import { VALIDATION_OPTIONS } from './support/validation.js'

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops
}

export interface AppOptions {
  /** Seed folder to load the knowledge base from (default: the project's seed/). */
  seedDir?: string
  /** How often a file database's WAL is checkpointed by the worker (default 1000 ms). */
  checkpointIntervalMs?: number
  /** How long a client has to send a whole request, headers and body (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number
  /** Where log lines go (default: stdout, written asynchronously). */
  logStream?: { write(line: string): unknown }
  /** How long responses wait for their rows while another connection holds the write lock (default 2000 ms: COMMIT_WAIT_MS). */
  commitWaitMs?: number
}

/** A client's whole request must arrive within this; its headers within HEADERS_TIMEOUT_MS. */
export const REQUEST_TIMEOUT_MS = 30_000
export const HEADERS_TIMEOUT_MS = 10_000

/**
 * Node's HTTP server options for the timeouts. Node enforces `requestTimeout` and `headersTimeout` by
 * checking its connections every `connectionsCheckingInterval` (30 s by default): a 30 s timeout then
 * cut a slow body anywhere from 30 to 60 s (and later, seen at ~68 s). Checked every second (or a
 * tenth of a shorter timeout), a request is cut within a second of its timeout.
 */
export function httpServerOptions(requestTimeoutMs: number): { requestTimeout: number; headersTimeout: number; connectionsCheckingInterval: number } {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(requestTimeoutMs / 10))),
  }
}

/**
 * Build the application. Await `app.ready()` (or listen) before use; `app.close()` closes the database.
 * @param config validated configuration (see loadConfig)
 */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  // Logs are written asynchronously (lines queued while a write is in flight) so a request never waits
  // on stdout; access lines go out together, at most 10 ms late (see accessLog).
  const logDestination = options.logStream ?? pino.destination({ dest: 1, sync: false })
  const access = accessLog(config.logLevel, logDestination)
  const timeouts = httpServerOptions(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS)
  const app = Fastify({
    logger: { ...loggerOptions(config.logLevel), stream: logDestination },
    logController: new OneLineLogController(access),
    childLoggerFactory: lazyChildLogger,
    requestIdHeader: false,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id'], randomUUID),
    bodyLimit: BODY_LIMIT_BYTES,
    connectionTimeout: 30_000,
    requestTimeout: timeouts.requestTimeout,
    http: timeouts,
    // Parser refusals and timeouts answered as problem+json, and never logged with the bytes received.
    clientErrorHandler,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // A hop count as proxy-addr's trust function (Fastify's types take no number).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    frameworkErrors: frameworkErrorHandler,
    // Strict bodies, decimal-only query numbers, capped error lists (see support/validation.ts).
    ...VALIDATION_OPTIONS,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorateRequest('routeUrl', '')
  // Hooks on the request path are callback-style throughout: an async hook costs a promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })
  app.addHook('onClose', async () => {
    access.flush()
    try {
      if ('flushSync' in logDestination && typeof logDestination.flushSync === 'function') logDestination.flushSync()
    } catch {
      // Nothing buffered yet, or stdout already closed: nothing more can be written.
    }
  })

  await app.register(errorHandler)
  await app.register(hardening, { config })
  await app.register(swagger)
  await app.register(database, { config, checkpointIntervalMs: options.checkpointIntervalMs })
  // Redis (REDIS_URL), before the limits that count in it; a no-op without it.
  await app.register(sharedCounters, { config })
  // API keys, CORS, rate limits, usage and audit, metrics: their hooks run in this order on every request.
  await app.register(apiKeys)
  await app.register(cors)
  await app.register(auth, { config })
  await app.register(rateLimit, { defaultLimit: config.rateLimitPerMinute })
  await app.register(usageAudit, { commitWaitMs: options.commitWaitMs })
  await app.register(auditRetention, { retentionDays: config.auditRetentionDays })
  await app.register(knowledgeBase, { seedDir: options.seedDir ?? SEED_DIR })

  await app.register(services, { recommendationCacheSize: config.recommendationCacheSize })
  // After the services it reads (the answer cache's counts); its onResponse hook is the last one either way.
  await app.register(metrics)

  await app.register(healthRoutes)
  await app.register(metricsRoutes)
  await app.register(problemRoutes)
  await app.register(async function referenceData(v1) {
    cacheable(v1, app.kb.version)
    await v1.register(vocabularyRoutes)
    await v1.register(muscleRoutes)
    await v1.register(conditionRoutes)
    await v1.register(searchRoutes)
    // SVG maps: they depend only on their query and the knowledge base, so they are cached like the catalogs.
    await v1.register(mapRoutes)
  }, { prefix: '/v1' })
  await app.register(recommendationRoutes, { prefix: '/v1' })
  await app.register(parseRoutes, { prefix: '/v1' })
  await app.register(usageRoutes, { prefix: '/v1' })
  await app.register(widgetRoutes)
  return app
}
