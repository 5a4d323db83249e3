/**
 * CORS for /v1, only for origins that an active publishable key allows: reflects the origin, answers
 * preflights, exposes the rate-limit headers. Other origins get no CORS headers (a preflight from one
 * gets a 403 problem). Runs before auth.ts so that its 401/403 stay readable by allowed pages;
 * which key may do what is auth.ts's job, not this module's.
 *
 * Hand-written rather than @fastify/cors with a delegator: the rule is a set lookup, and a preflight
 * carries no Authorization header, so the plugin's per-key options would not apply anyway.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { sendProblem } from '../../support/problem.js'

const ALLOW_METHODS = 'GET, POST'
const ALLOW_HEADERS = 'Authorization, Content-Type, X-Request-Id'
const EXPOSE_HEADERS = 'X-Request-Id, RateLimit, RateLimit-Policy, Retry-After'

async function corsPlugin(app: FastifyInstance): Promise<void> {
  // Cached by the key service until a key changes: a key revoked by the CLI stops getting CORS at once.
  const keys = app.apiKeys
  // Callback-style (no promise per request): `done()` lets the request go on; a sent reply ends it.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/v1/')) return done()
    // Responses differ by Origin (CORS headers) and by Authorization (401 or not): shared caches must key on both.
    reply.header('vary', 'Origin, Authorization')
    const origin = request.headers.origin
    if (origin === undefined) return done()
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined
    if (!keys.allowedOrigins().has(origin)) {
      if (preflight) return void sendProblem(reply, 'NMT_ERR_FORBIDDEN', 'This origin is not allowed by any publishable key')
      return done()
    }
    reply.header('access-control-allow-origin', origin)
    reply.header('access-control-expose-headers', EXPOSE_HEADERS)
    if (!preflight) return done()
    reply.code(204)
      .header('access-control-allow-methods', ALLOW_METHODS)
      .header('access-control-allow-headers', ALLOW_HEADERS)
      .header('access-control-max-age', '600')
      .header('cache-control', 'no-store')
      .send()
  })
}

export default fp(corsPlugin, { name: 'cors', dependencies: ['api-keys', 'error-handler'] })
