/**
 * Rate limits for matched /v1 routes: per API key (its own limit or RATE_LIMIT_PER_MINUTE), per client
 * IP when no key was sent. Fixed one-minute windows in this process's memory: O(1) per request. Every
 * answer carries the IETF RateLimit-Policy / RateLimit headers; over the limit it is a 429 problem with
 * Retry-After. Scaling out to several instances needs this state in a shared store (e.g. Redis).
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { v1Route } from '../route-url.js'
import { sendProblem } from './error-handler.js'

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

async function rateLimitPlugin(app: FastifyInstance, opts: { defaultLimit: number }): Promise<void> {
  const limiter = new FixedWindowLimiter()
  const seconds = WINDOW_MS / 1000
  // RateLimit-Policy values: the default one, and one per key limit in use (a handful), built once.
  const defaultPolicy = `"default";q=${opts.defaultLimit};w=${seconds}`
  const keyPolicies = new Map<number, string>()
  // Callback-style (no promise per request): `done()` lets the request go on; a sent 429 ends it.
  app.addHook('onRequest', (request, reply, done) => {
    if (v1Route(request) === null) return done()
    const key = request.apiKey
    const limit = key?.rateLimit ?? opts.defaultLimit
    const policy = key?.rateLimit ? 'key' : 'default'
    // Key ids ("key_...") and "ip:..." never collide; a key's bucket is its id as stored, no new string.
    const r = limiter.hit(key ? key.id : `ip:${request.ip}`, limit, Date.now())
    let policyHeader = policy === 'default' ? defaultPolicy : keyPolicies.get(limit)
    if (policyHeader === undefined) keyPolicies.set(limit, (policyHeader = `"key";q=${limit};w=${seconds}`))
    reply.header('ratelimit-policy', policyHeader)
    reply.header('ratelimit', `"${policy}";r=${r.remaining};t=${r.resetSeconds}`)
    if (r.allowed) return done()
    reply.header('retry-after', String(r.resetSeconds))
    sendProblem(reply, 'NMT_ERR_RATE_LIMITED',
      `More than ${limit} requests in ${seconds} s ${key ? 'with this key' : 'from this address without a key'}; retry after ${r.resetSeconds} s`)
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['auth'] })
