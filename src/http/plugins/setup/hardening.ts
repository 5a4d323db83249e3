/**
 * Security headers: helmet's full set (computed once at start-up with helmet, the engine behind
 * @fastify/helmet: re-running its middleware per request cost 2-3 %) on documents, a short API set on
 * JSON; and load shedding (the event-loop delay and heap sampled twice a second, the way
 * @fastify/under-pressure does it, without its per-request cost). Under pressure every route but
 * /health (liveness: restarting a busy process helps nobody) and /metrics answers a 503
 * NMT_ERR_OVERLOADED problem with Retry-After; /ready goes 503 too, so a load balancer routes away.
 * Shedding is armed two samples after start-up: seeding and compiling block the loop by design, and
 * the first samples would measure that rather than load.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import helmet from 'helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../../config.js'
import { routeUrl } from '../../support/route-url.js'
import { sendProblem } from '../../support/problem.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The last sample of load shedding: the event-loop delay measured, and why it sheds (null: it does not). */
    loadShedding: { delayMs: number; shedding: 'event loop delay' | 'heap used' | null }
  }
}

const NEVER_SHED = new Set(['/health', '/metrics'])
const RETRY_AFTER_SECONDS = 10
/** How often load is sampled (exported for the tests, which drive the sampler's timer). */
export const SAMPLE_MS = 500
const RESOLUTION_MS = 10

/**
 * What a JSON or problem response needs (OWASP's REST guidance): nothing in it may run, be framed or
 * be sniffed as another type. The document-only headers (a full CSP, COOP, X-XSS-Protection...) go
 * only on HTML, CSS and JavaScript, where they mean something: on an API answer they cost bytes.
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'cross-origin',
}

/** The headers helmet sets, computed once by running its middleware against a recording response. */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {}
  const middleware = helmet({
    // Helmet's default policy (script-src 'self', inline styles allowed) already suits /docs (swagger-ui
    // loads only its own scripts). Pages served here must not use inline scripts. No
    // upgrade-insecure-requests: the default server is plain HTTP, often on a LAN address.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    // The API is called from partner pages (CORS decides who reads what) and /widget.js is embedded by
    // them, so resources may be loaded cross-origin. No cookies are ever used.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })
  const recorder = {
    setHeader: (name: string, value: string) => { headers[name.toLowerCase()] = String(value) },
    removeHeader: (name: string) => { delete headers[name.toLowerCase()] },
  }
  middleware({} as never, recorder as never, () => undefined)
  return headers
}

/**
 * The event-loop delay of one sample period, in ms: the mean delay of the histogram's probes (less
 * their period), or how late the sampler itself ran, whichever is more. A timer due during a stall
 * runs when the stall ends, so its lateness is a delay measured like any probe's; and when the loop
 * was held for the whole period the histogram has no probe at all (its mean is NaN), and the
 * lateness is the only measure there is. Never NaN, never infinite: a stall counts for what it lasted.
 * @param meanNs the histogram's mean (NaN when it has no probe)
 * @param probes how many probes the histogram holds
 * @param lateMs how long after it was due the sampler ran
 */
export function loopDelayMs(meanNs: number, probes: number, lateMs: number): number {
  const mean = probes > 0 && Number.isFinite(meanNs) ? Math.max(0, meanNs / 1e6 - RESOLUTION_MS) : 0
  return Math.max(mean, lateMs > 0 ? lateMs : 0)
}

async function hardeningPlugin(app: FastifyInstance, opts: { config: Config }): Promise<void> {
  const documentHeaders = securityHeaders()
  app.addHook('onSend', (_request, reply, payload, done) => {
    // A 304 has no body: it freshens a stored 200 that already carries these headers, and the stored
    // headers stay in force (RFC 9111 4.3.4; Fetch uses the stored response). Sending them again cost
    // ~1 us of a 304's ~20 (six header() calls, then six more header lines to validate and write).
    if (reply.statusCode === 304) return done(null, payload)
    const type = reply.getHeader('content-type')
    const document = typeof type === 'string' && (type.startsWith('text/html') || type.startsWith('text/css') || type.includes('javascript'))
    if (document) {
      // A page's own header wins (GET /demo sets a stricter CSP for its page).
      for (const name in documentHeaders) if (!reply.hasHeader(name)) reply.header(name, documentHeaders[name]!)
    } else {
      // Every API answer carries exactly this set (no route sets its own): no lookup per header.
      for (const name in API_HEADERS) reply.header(name, API_HEADERS[name]!)
    }
    done(null, payload)
  })

  const state: FastifyInstance['loadShedding'] = { delayMs: 0, shedding: null }
  app.decorate('loadShedding', state)
  const { maxEventLoopDelayMs, maxHeapUsedMb } = opts.config
  if (maxEventLoopDelayMs === 0 && maxHeapUsedMb === 0) return
  // Sampled every SAMPLE_MS, as @fastify/under-pressure does (see loopDelayMs for the measure, which
  // differs: its NaN-as-infinite shed on any stall longer than a sample period, whatever the
  // threshold); each request then reads one field. The plugin read Fastify's routeOptions (an
  // object built per access) on every request.
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  let samples = 0
  let due = 0
  let timer: NodeJS.Timeout | undefined
  const sample = (): void => {
    const now = performance.now()
    const delay = loopDelayMs(histogram.mean, histogram.count, due === 0 ? 0 : now - due)
    due = now + SAMPLE_MS
    histogram.reset()
    state.delayMs = Math.round(delay)
    // Armed two samples after start-up: seeding and compiling block the loop by design.
    if (++samples <= 2) return
    state.shedding = maxEventLoopDelayMs > 0 && delay > maxEventLoopDelayMs ? 'event loop delay'
      : maxHeapUsedMb > 0 && process.memoryUsage().heapUsed > maxHeapUsedMb * 1024 * 1024 ? 'heap used' : null
  }
  app.addHook('onReady', async () => {
    histogram.enable()
    timer = setInterval(sample, SAMPLE_MS).unref()
  })
  app.addHook('onClose', async () => {
    clearInterval(timer)
    histogram.disable()
  })
  app.addHook('onRequest', (request, reply, done) => {
    if (state.shedding === null || NEVER_SHED.has(routeUrl(request) ?? '')) return done()
    reply.header('retry-after', String(RETRY_AFTER_SECONDS))
    request.log.debug({ pressure: state.shedding }, 'shedding load')
    sendProblem(reply, 'NMT_ERR_OVERLOADED', `The server is overloaded; retry after ${RETRY_AFTER_SECONDS} s`)
  })
}

export default fp(hardeningPlugin, { name: 'hardening', dependencies: ['error-handler'] })
