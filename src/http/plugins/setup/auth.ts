/**
 * API-key authentication for matched /v1 routes: resolves `request.apiKey`, enforces the mode
 * (development: open, production: a key on every call), keeps publishable keys to their origins and
 * the widget's endpoints, and refuses secret keys sent from a browser. Never logs a key.
 * Failed authentications are counted per client address; past AUTH_FAILURES_PER_MINUTE, every /v1
 * request from that address is a 429 before its key is looked at, so guessing keys costs the guesser
 * a minute per few dozen guesses and cannot tell a right guess from a wrong one meanwhile. With
 * REDIS_URL the failures are counted in Redis, across instances (exactly AUTH_FAILURES_PER_MINUTE 401s
 * in all); each instance blocks the address from the first failure it counts past the limit.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../../config.js'
import type { ApiKey } from '../../../services/api-keys.js'
import { StartupError } from '../../../errors.js'
import { v1Route } from '../../support/route-url.js'
import { sendProblem } from '../../support/problem.js'
import { FixedWindowLimiter, sharedResult } from './rate-limit.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The key that authenticated this request; null when none was sent (development mode only). */
    apiKey: ApiKey | null
  }
}

/** What a publishable (browser) key may call: the widget's endpoints, by route pattern. */
export const PUBLISHABLE_ROUTES = new Set([
  'POST /v1/recommendations', 'POST /v1/parse', 'GET /v1/search',
  ...['regions', 'sensations', 'contexts', 'conditions', 'questions'].flatMap((r) => [`GET /v1/${r}`, `GET /v1/${r}/:id`]),
  // The widget's body chart and the maps an answer links to (mapUrl).
  'GET /v1/regions/map.svg', 'GET /v1/muscles/:id/map.svg', 'GET /v1/recommendations/map.svg',
])

const CREATE_HINT = 'npm run keys -- create --name NAME --type secret|publishable [--origins URL,...]'

function unauthorized(reply: FastifyReply, detail: string): FastifyReply {
  reply.header('www-authenticate', 'Bearer realm="nmt-api"')
  return sendProblem(reply, 'NMT_ERR_UNAUTHORIZED', detail)
}

const FAILURE_WINDOW_MS = 60_000

async function authPlugin(app: FastifyInstance, opts: { config: Config }): Promise<void> {
  const keys = app.apiKeys
  const production = opts.config.nmtEnv === 'production'
  app.decorateRequest('apiKey', null)

  if (production && (await keys.countActive()) === 0) {
    const same = app.store.kind === 'sqlite' ? 'DATABASE_PATH' : 'DATABASE_URL'
    throw new StartupError(`NMT_ENV=production needs at least one active API key in ${app.store.where}. ` +
      `Create one with the same ${same}, then start again:\n  ${CREATE_HINT}`)
  }
  if (!production) {
    app.log.warn({ nmtEnv: 'development' },
      'SECURITY WARNING: development mode: /v1 answers anyone WITHOUT an API key. Never expose this server; ' +
      `set NMT_ENV=production and create keys with \`${CREATE_HINT}\``)
  }

  const failures = new FixedWindowLimiter(FAILURE_WINDOW_MS)
  const limit = opts.config.authFailuresPerMinute
  const policy = `"auth-failures";q=${limit};w=${FAILURE_WINDOW_MS / 1000}`

  const shared = app.sharedCounters

  function blocked(reply: FastifyReply, seconds: number): FastifyReply {
    reply.header('retry-after', String(seconds)).header('ratelimit-policy', policy).header('ratelimit', `"auth-failures";r=0;t=${seconds}`)
    return sendProblem(reply, 'NMT_ERR_RATE_LIMITED', `More than ${limit} failed authentications from this address in ${FAILURE_WINDOW_MS / 1000} s; retry after ${seconds} s`)
  }

  /** A 401, counted against the client's address (in Redis when shared: a 429 once past the limit there). */
  function failed(request: FastifyRequest, reply: FastifyReply, detail: string): FastifyReply | Promise<void> {
    const ip = request.ip
    if (shared === null || !shared.up) {
      shared?.countedLocally()
      failures.hit(ip, limit, Date.now())
      return unauthorized(reply, detail)
    }
    return shared.hit(`af:${ip}`, FAILURE_WINDOW_MS).then(({ count, ttlMs }) => {
      // Mirrored here, so this instance blocks the address before looking at its next key.
      failures.record(ip, count, ttlMs, Date.now())
      const r = sharedResult(count, ttlMs, limit)
      // (Nothing returned: a reply is thenable, and the promise would wait on it.)
      if (r.allowed) unauthorized(reply, detail)
      else blocked(reply, r.resetSeconds)
    }, () => {
      shared.countedLocally()
      failures.hit(ip, limit, Date.now())
      unauthorized(reply, detail)
    })
  }

  /** Why a request may not go on (the problem is sent), or null with `request.apiKey` set when it may. */
  function refuse(request: FastifyRequest, reply: FastifyReply, route: string): FastifyReply | Promise<void> | null {
    // Before anything else: an address past its failures gets nothing but 429s, whatever key it sends.
    // (No address is read while no failure is counted: with TRUST_PROXY, request.ip parses X-Forwarded-For.)
    const wait = failures.size === 0 ? null : failures.peek(request.ip, limit, Date.now())
    if (wait !== null) return blocked(reply, wait)
    const header = request.headers.authorization
    if (header === undefined) {
      return production ? failed(request, reply, 'This endpoint needs an API key: send `Authorization: Bearer <key>`') : null
    }
    const key = keys.authenticate(header)
    if (key === null) return failed(request, reply, 'The API key is malformed, unknown or revoked; send `Authorization: Bearer <key>`')
    const origin = request.headers.origin
    if (key.type === 'secret' && origin !== undefined) {
      return sendProblem(reply, 'NMT_ERR_FORBIDDEN', 'Secret keys are for servers and are refused from browsers (the request has an Origin header); use a publishable key in web pages')
    }
    if (key.type === 'publishable') {
      if (origin === undefined || !key.origins.includes(origin)) {
        return sendProblem(reply, 'NMT_ERR_FORBIDDEN', 'This publishable key is not allowed from this origin (or the Origin header is missing)')
      }
      const method = request.method === 'HEAD' ? 'GET' : request.method
      if (!PUBLISHABLE_ROUTES.has(`${method} ${route}`)) {
        return sendProblem(reply, 'NMT_ERR_FORBIDDEN', `Publishable keys may not call ${method} ${route}; use a secret key from a server`)
      }
    }
    request.apiKey = key
    return null
  }

  // Callback-style (no promise per request): `done()` lets the request go on; a sent problem ends it
  // (only a failure counted in Redis answers later).
  app.addHook('onRequest', (request, reply, done) => {
    const route = v1Route(request)
    if (route === null) return done()
    const refused = refuse(request, reply, route)
    if (refused === null) done()
    else if (refused instanceof Promise) refused.catch((err: unknown) => done(err as Error))
  })
}

export default fp(authPlugin, { name: 'auth', dependencies: ['api-keys', 'error-handler', 'shared-counters'] })
