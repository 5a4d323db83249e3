/**
 * Fixed-window counters shared by every instance, in Redis: one atomic script call per hit (INCR, and
 * the window's expiry set by its first hit), so a limit holds across instances exactly. Knows nothing
 * of HTTP. While Redis is unreachable `up` is false and calls fail at once (no queue, a short command
 * timeout): callers count in their own process meanwhile. Never logs the URL (it may carry a password).
 */
import { Redis } from 'ioredis'

// Returns the count after this hit and the ms left in its window.
const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`

/**
 * A command that gets no answer within this fails, and the request is counted locally instead. A timer
 * in this process: as long as the load-shedding threshold's default, so a stall of our own event loop
 * is not readily taken for a silent Redis.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 1000
const RECONNECT_MAX_MS = 1000

export interface CounterEvents {
  /** Redis became unreachable (once per outage), with the first error seen. */
  down(err: Error): void
  /** Redis answers again. */
  up(): void
}

type WithHit = Redis & { nmtHit(key: string, windowMs: number): Promise<[number, number]> }

export class SharedCounters {
  private readonly client: WithHit
  private reachable = false
  private lastError: Error | null = null
  /** Outages since start, and requests counted locally because Redis was unreachable. */
  readonly stats = { outages: 0, localFallbacks: 0 }

  constructor(url: string, private readonly prefix: string, private readonly events: CounterEvents) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      // Keep trying, at most a second apart, for as long as the process runs.
      retryStrategy: (times) => Math.min(times * 100, RECONNECT_MAX_MS),
      lazyConnect: false,
    }) as WithHit
    this.client.defineCommand('nmtHit', { numberOfKeys: 1, lua: HIT })
    this.client.on('ready', () => {
      const was = this.reachable
      this.reachable = true
      this.lastError = null
      if (!was && this.stats.outages > 0) this.events.up()
    })
    this.client.on('error', (err: Error) => { this.lastError = err })
    this.client.on('close', () => this.lost(this.lastError ?? new Error('connection to Redis closed')))
  }

  /** Whether Redis answered last time we looked (commands are tried only then). */
  get up(): boolean {
    return this.reachable
  }

  /** Resolves once connected, or after `ms` (a start-up with Redis down goes on, counting locally). */
  async connected(ms: number): Promise<boolean> {
    if (this.reachable) return true
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.client.once('ready', done)
    })
    return this.reachable
  }

  /** Count one hit on `bucket` in a window of `windowMs`: the count so far and the ms left. */
  async hit(bucket: string, windowMs: number): Promise<{ count: number; ttlMs: number }> {
    try {
      const [count, ttlMs] = await this.client.nmtHit(this.prefix + bucket, windowMs)
      return { count, ttlMs }
    } catch (err) {
      this.lost(err as Error)
      throw err
    }
  }

  /** Start-up found Redis unreachable: an outage like any other (reported now, and its end too). */
  startedDown(): void {
    if (this.reachable) return
    this.stats.outages++
    this.events.down(this.lastError ?? new Error(`Redis did not answer within ${REDIS_COMMAND_TIMEOUT_MS} ms`))
  }

  /** A request counted in this process because Redis was unreachable. */
  countedLocally(): void {
    this.stats.localFallbacks++
  }

  async close(): Promise<void> {
    this.client.removeAllListeners('close')
    await this.client.quit().catch(() => this.client.disconnect())
  }

  private lost(err: Error): void {
    if (!this.reachable) return
    this.reachable = false
    this.stats.outages++
    this.events.down(err)
    // A command that timed out leaves the connection in doubt: start afresh.
    if (this.client.status === 'ready') this.client.disconnect(true)
  }
}
