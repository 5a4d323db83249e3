/**
 * Rate limits for matched /v1 routes: per API key (its own limit or RATE_LIMIT_PER_MINUTE), per client
 * IP when no key was sent. Fixed one-minute windows: in this process's memory (O(1) per request), or
 * with REDIS_URL in Redis, shared by every instance (one script call per request), falling back to this
 * process's memory while Redis is unreachable. Every answer carries the IETF RateLimit-Policy /
 * RateLimit headers; over the limit it is a 429 problem with Retry-After.
 *
 * Hand-written rather than @fastify/rate-limit (10.x), for what it does not do: the current IETF header
 * pair (`RateLimit-Policy` / `RateLimit`; the plugin writes the older `x-ratelimit-*` or draft-03
 * `ratelimit-limit/-remaining/-reset` headers), and counting in this process while Redis is down (its
 * `skipOnError` lets every request through instead). Not a speed choice: it was never measured against it.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import { v1Route } from '../../support/route-url.js'
import { sendProblem } from '../../support/problem.js'

const WINDOW_MS = 60_000

interface Window {
  start: number
  count: number
}

/** Counts hits per bucket in fixed windows; forgets windows that ended. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>()
  private lastSweep = 0

  constructor(private readonly windowMs = WINDOW_MS) {}

  /** Count one hit; returns whether it is allowed, what remains and seconds until the window resets. */
  hit(bucket: string, limit: number, now: number): { allowed: boolean; remaining: number; resetSeconds: number } {
    if (now - this.lastSweep > this.windowMs) this.sweep(now)
    let w = this.windows.get(bucket)
    if (w === undefined || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 }
      this.windows.set(bucket, w)
    }
    w.count++
    const resetSeconds = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000))
    return { allowed: w.count <= limit, remaining: Math.max(0, limit - w.count), resetSeconds }
  }

  /** Take a count kept elsewhere (the shared counters) as this bucket's: `count` hits, `ttlMs` left in its window. */
  record(bucket: string, count: number, ttlMs: number, now: number): void {
    this.windows.set(bucket, { start: now + ttlMs - this.windowMs, count })
  }

  /** Without counting a hit: null while `bucket` is within `limit`, else the seconds until its window ends. */
  peek(bucket: string, limit: number, now: number): number | null {
    if (now - this.lastSweep > this.windowMs) this.sweep(now)
    const w = this.windows.get(bucket)
    if (w === undefined || now - w.start >= this.windowMs || w.count < limit) return null
    return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000))
  }

  get size(): number {
    return this.windows.size
  }

  private sweep(now: number): void {
    this.lastSweep = now
    for (const [bucket, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(bucket)
  }
}

/** What a hit counted in the shared counters means for a limit (the same shape as FixedWindowLimiter.hit). */
export function sharedResult(count: number, ttlMs: number, limit: number): { allowed: boolean; remaining: number; resetSeconds: number } {
  return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) }
}

async function rateLimitPlugin(app: FastifyInstance, opts: { defaultLimit: number }): Promise<void> {
  const limiter = new FixedWindowLimiter()
  const shared = app.sharedCounters
  const seconds = WINDOW_MS / 1000
  // RateLimit-Policy values: the default one, and one per key limit in use (a handful), built once.
  const defaultPolicy = `"default";q=${opts.defaultLimit};w=${seconds}`
  const keyPolicies = new Map<number, string>()

  function answer(reply: FastifyReply, r: { allowed: boolean; remaining: number; resetSeconds: number }, limit: number, keyed: boolean, own: boolean, done: () => void): void {
    const policy = own ? 'key' : 'default'
    let policyHeader = policy === 'default' ? defaultPolicy : keyPolicies.get(limit)
    if (policyHeader === undefined) keyPolicies.set(limit, (policyHeader = `"key";q=${limit};w=${seconds}`))
    reply.header('ratelimit-policy', policyHeader)
    reply.header('ratelimit', `"${policy}";r=${r.remaining};t=${r.resetSeconds}`)
    if (r.allowed) return done()
    reply.header('retry-after', String(r.resetSeconds))
    sendProblem(reply, 'NMT_ERR_RATE_LIMITED',
      `More than ${limit} requests in ${seconds} s ${keyed ? 'with this key' : 'from this address without a key'}; retry after ${r.resetSeconds} s`)
  }

  // Callback-style (no promise per request): `done()` lets the request go on; a sent 429 ends it.
  app.addHook('onRequest', (request, reply, done) => {
    if (v1Route(request) === null) return done()
    const key = request.apiKey
    const limit = key?.rateLimit ?? opts.defaultLimit
    const own = Boolean(key?.rateLimit)
    // Key ids ("key_...") and "ip:..." never collide; a key's bucket is its id as stored, no new string.
    const bucket = key ? key.id : `ip:${request.ip}`
    if (shared === null) return answer(reply, limiter.hit(bucket, limit, Date.now()), limit, key !== null, own, done)
    const local = (): void => {
      shared.countedLocally()
      answer(reply, limiter.hit(bucket, limit, Date.now()), limit, key !== null, own, done)
    }
    if (!shared.up) return local()
    shared.hit(`rl:${bucket}`, WINDOW_MS).then((c) => answer(reply, sharedResult(c.count, c.ttlMs, limit), limit, key !== null, own, done), local)
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['auth', 'shared-counters'] })
