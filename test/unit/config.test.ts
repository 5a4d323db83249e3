import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { ConfigError, ENV_VARS, loadConfig } from '../../src/config.js'

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000, host: '127.0.0.1', databasePath: './data/nmt.db', logLevel: 'info', nmtEnv: 'development',
      rateLimitPerMinute: 600, authFailuresPerMinute: 30, auditRetentionDays: 90, trustProxy: false, maxEventLoopDelayMs: 1000, maxHeapUsedMb: 0,
      recommendationCacheSize: 500, databaseUrl: '', databasePoolSize: 10, databaseStatementTimeoutMs: 2000, redisUrl: '', redisKeyPrefix: 'nmt:',
    })
  })

  it('reads every variable', () => {
    expect(loadConfig({
      PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/var/lib/nmt/nmt.db', LOG_LEVEL: 'warn', NMT_ENV: 'production',
      RATE_LIMIT_PER_MINUTE: '120', AUTH_FAILURES_PER_MINUTE: '10', AUDIT_RETENTION_DAYS: '30', TRUST_PROXY: '1', MAX_EVENT_LOOP_DELAY_MS: '0', MAX_HEAP_USED_MB: '900',
      RECOMMENDATION_CACHE_SIZE: '0', DATABASE_URL: 'postgres://nmt:pw@db.internal:5432/nmt', DATABASE_POOL_SIZE: '20',
      DATABASE_STATEMENT_TIMEOUT_MS: '500', REDIS_URL: 'redis://cache.internal:6379/0', REDIS_KEY_PREFIX: 'nmt-prod:',
    })).toEqual({
      port: 8080, host: '0.0.0.0', databasePath: '/var/lib/nmt/nmt.db', logLevel: 'warn', nmtEnv: 'production',
      rateLimitPerMinute: 120, authFailuresPerMinute: 10, auditRetentionDays: 30, trustProxy: 1, maxEventLoopDelayMs: 0, maxHeapUsedMb: 900,
      recommendationCacheSize: 0, databaseUrl: 'postgres://nmt:pw@db.internal:5432/nmt', databasePoolSize: 20, databaseStatementTimeoutMs: 500,
      redisUrl: 'redis://cache.internal:6379/0', redisKeyPrefix: 'nmt-prod:',
    })
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
  })

  it.each([
    ['PORT', 'abc'], ['PORT', '70000'], ['PORT', '-1'], ['PORT', '80.5'], ['LOG_LEVEL', 'loud'],
    ['NMT_ENV', 'prod'], ['RATE_LIMIT_PER_MINUTE', '0'], ['RATE_LIMIT_PER_MINUTE', 'lots'], ['AUTH_FAILURES_PER_MINUTE', '0'], ['AUDIT_RETENTION_DAYS', '0'],
    ['TRUST_PROXY', 'yes'], ['TRUST_PROXY', '11'], ['MAX_EVENT_LOOP_DELAY_MS', '-5'], ['MAX_HEAP_USED_MB', '1.5'],
    ['RECOMMENDATION_CACHE_SIZE', '-1'], ['RECOMMENDATION_CACHE_SIZE', '100001'], ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '10'], ['REDIS_KEY_PREFIX', 'a b'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(`${name}="${value}" is invalid`))
  })

  it.each([
    ['DATABASE_URL', 'mysql://root:hunter2@db/nmt'], ['REDIS_URL', 'http://user:hunter2@cache'],
  ])('rejects %s naming it, never echoing the value (it may carry a password)', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(`${name} is invalid`))
    expect(() => loadConfig({ [name]: value })).not.toThrowError(/hunter2/)
  })

  it('names every bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'chatty' })
      expect.unreachable('loadConfig should throw')
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      expect((err as ConfigError).problems).toHaveLength(2)
      expect((err as ConfigError).message).toMatch(/PORT.*\n.*LOG_LEVEL/)
    }
  })

  it('.env.example and the README configuration table list every variable with its default', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    for (const v of ENV_VARS) {
      expect(example, v.name).toMatch(new RegExp(`^${v.name}=${v.default.replace(/[.*/]/g, '\\$&')}$`, 'm'))
      expect(readme, v.name).toContain(`| \`${v.name}\` | ${v.default === '' ? 'unset' : `\`${v.default}\``} |`)
    }
  })
})
