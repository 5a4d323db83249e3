/**
 * With REDIS_URL, decorates `app.sharedCounters`: the rate-limit and failed-authentication counters
 * every instance shares (db/redis-counters.ts); null without it. When Redis is unreachable the
 * limits are counted per instance until it answers again: logged once per outage (and its end),
 * shown by /metrics (nmt_redis_up) and /ready (`rateLimits: "per-instance"`), never a refusal.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../../config.js'
import type { SharedCounters } from '../../../db/redis-counters.js'

declare module 'fastify' {
  interface FastifyInstance {
    sharedCounters: SharedCounters | null
  }
}

async function sharedCountersPlugin(app: FastifyInstance, opts: { config: Pick<Config, 'redisUrl' | 'redisKeyPrefix'> }): Promise<void> {
  if (opts.config.redisUrl === '') {
    app.decorate('sharedCounters', null)
    return
  }
  // Loaded only when used: the embedded default's start-up never pays for the Redis client.
  const { REDIS_COMMAND_TIMEOUT_MS, SharedCounters } = await import('../../../db/redis-counters.js')
  const counters = new SharedCounters(opts.config.redisUrl, opts.config.redisKeyPrefix, {
    down: (err) => app.log.error({ err }, 'Redis unreachable: rate limits are counted per instance until it answers again'),
    up: () => app.log.info('Redis answers again: rate limits are shared across instances again'),
  })
  // Start-up waits a little for Redis, then serves with per-instance limits until it answers.
  if (!(await counters.connected(2 * REDIS_COMMAND_TIMEOUT_MS))) counters.startedDown()
  app.decorate('sharedCounters', counters)
  app.addHook('onClose', () => counters.close())
}

export default fp(sharedCountersPlugin, { name: 'shared-counters' })
