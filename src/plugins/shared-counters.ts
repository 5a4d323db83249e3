/**
 * With REDIS_URL, decorates `app.sharedCounters`: the rate-limit and failed-authentication counters
 * every instance shares (db/redis-counters.ts); null without it. When Redis is unreachable the
 * limits are counted per instance until it answers again: logged once per outage (and its end),
 * shown by /metrics (nmt_redis_up) and /ready (`rateLimits: "per-instance"`), never a refusal.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { REDIS_COMMAND_TIMEOUT_MS, SharedCounters } from '../db/redis-counters.js'

declare module 'fastify' {
  interface FastifyInstance {
    sharedCounters: SharedCounters | null
  }
}

/** How long start-up waits for Redis before it serves with per-instance limits. */
const CONNECT_WAIT_MS = 4 * REDIS_COMMAND_TIMEOUT_MS

async function sharedCountersPlugin(app: FastifyInstance, opts: { config: Pick<Config, 'redisUrl' | 'redisKeyPrefix'> }): Promise<void> {
  if (opts.config.redisUrl === '') {
    app.decorate('sharedCounters', null)
    return
  }
  const counters = new SharedCounters(opts.config.redisUrl, opts.config.redisKeyPrefix, {
    down: (err) => app.log.error({ err }, 'Redis unreachable: rate limits are counted per instance until it answers again'),
    up: () => app.log.info('Redis answers again: rate limits are shared across instances again'),
  })
  if (!(await counters.connected(CONNECT_WAIT_MS))) counters.startedDown()
  app.decorate('sharedCounters', counters)
  app.addHook('onClose', () => counters.close())
}

export default fp(sharedCountersPlugin, { name: 'shared-counters' })
