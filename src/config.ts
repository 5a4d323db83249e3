/**
 * Configuration: one TypeBox schema, one Config type. loadConfig(env) is pure: it reads only the
 * object it is given (server.ts passes process.env) and reports every bad variable at once.
 */
import Type, { type Static } from 'typebox'
import { Compile } from 'typebox/compile'

const LogLevelSchema = Type.Union([
  Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent'),
])

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  databasePath: Type.String({ minLength: 1 }),
  logLevel: LogLevelSchema,
  nmtEnv: Type.Union([Type.Literal('development'), Type.Literal('production')]),
  rateLimitPerMinute: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  authFailuresPerMinute: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  auditRetentionDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  trustProxy: Type.Union([Type.Boolean(), Type.Integer({ minimum: 1, maximum: 10 })]),
  maxEventLoopDelayMs: Type.Integer({ minimum: 0, maximum: 60_000 }),
  maxHeapUsedMb: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  recommendationCacheSize: Type.Integer({ minimum: 0, maximum: 100_000 }),
  /** Empty: keys, usage and audit in the SQLite file at databasePath. */
  databaseUrl: Type.Union([Type.Literal(''), Type.String({ pattern: '^postgres(ql)?://' })]),
  databasePoolSize: Type.Integer({ minimum: 1, maximum: 1000 }),
  databaseStatementTimeoutMs: Type.Integer({ minimum: 100, maximum: 600_000 }),
  /** Empty: rate-limit counters in this process's memory. */
  redisUrl: Type.Union([Type.Literal(''), Type.String({ pattern: '^rediss?://' })]),
  redisKeyPrefix: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9:_.-]+$' }),
})
export type Config = Static<typeof ConfigSchema>

/** Environment variables, their config key, default and what a valid value looks like. */
export const ENV_VARS = [
  { name: 'PORT', key: 'port', default: '3000', expect: 'an integer from 0 to 65535' },
  { name: 'HOST', key: 'host', default: '127.0.0.1', expect: 'a host name or IP address to listen on' },
  { name: 'DATABASE_PATH', key: 'databasePath', default: './data/nmt.db', expect: 'a file path, or :memory:' },
  { name: 'LOG_LEVEL', key: 'logLevel', default: 'info', expect: 'one of fatal, error, warn, info, debug, trace, silent' },
  { name: 'NMT_ENV', key: 'nmtEnv', default: 'development', expect: 'development (open /v1, for trying it) or production (a key on every /v1 call)' },
  { name: 'RATE_LIMIT_PER_MINUTE', key: 'rateLimitPerMinute', default: '600', expect: 'an integer from 1 to 1000000 (requests per minute per key, or per IP without a key)' },
  { name: 'AUTH_FAILURES_PER_MINUTE', key: 'authFailuresPerMinute', default: '30', expect: 'an integer from 1 to 1000000 (failed authentications per minute per client address before it gets 429s)' },
  { name: 'AUDIT_RETENTION_DAYS', key: 'auditRetentionDays', default: '90', expect: 'an integer from 1 to 3650' },
  { name: 'TRUST_PROXY', key: 'trustProxy', default: 'false', expect: 'false, true, or the number of proxy hops (1-10) in front of the server' },
  { name: 'MAX_EVENT_LOOP_DELAY_MS', key: 'maxEventLoopDelayMs', default: '1000', expect: 'an integer from 0 (off) to 60000' },
  { name: 'MAX_HEAP_USED_MB', key: 'maxHeapUsedMb', default: '0', expect: 'an integer, 0 for off' },
  { name: 'RECOMMENDATION_CACHE_SIZE', key: 'recommendationCacheSize', default: '500', expect: 'an integer from 0 (off) to 100000 (answers to structured requests kept for identical requests)' },
  { name: 'DATABASE_URL', key: 'databaseUrl', default: '', expect: 'empty (the SQLite file at DATABASE_PATH) or a postgres:// or postgresql:// connection URL', secret: true },
  { name: 'DATABASE_POOL_SIZE', key: 'databasePoolSize', default: '10', expect: 'an integer from 1 to 1000 (PostgreSQL connections per instance)' },
  { name: 'DATABASE_STATEMENT_TIMEOUT_MS', key: 'databaseStatementTimeoutMs', default: '2000', expect: 'an integer from 100 to 600000 (ms a PostgreSQL statement may take on the server)' },
  { name: 'REDIS_URL', key: 'redisUrl', default: '', expect: 'empty (rate limits per instance) or a redis:// or rediss:// URL', secret: true },
  { name: 'REDIS_KEY_PREFIX', key: 'redisKeyPrefix', default: 'nmt:', expect: 'letters, digits and :_.- (1-100 characters), put before every Redis key and channel' },
] as const

const INTEGER_VARS = new Set(['PORT', 'RATE_LIMIT_PER_MINUTE', 'AUTH_FAILURES_PER_MINUTE', 'AUDIT_RETENTION_DAYS', 'MAX_EVENT_LOOP_DELAY_MS', 'MAX_HEAP_USED_MB', 'RECOMMENDATION_CACHE_SIZE',
  'DATABASE_POOL_SIZE', 'DATABASE_STATEMENT_TIMEOUT_MS'])

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

const checkConfig = Compile(ConfigSchema)

function convert(name: string, raw: string): unknown {
  const v = raw.trim()
  if (INTEGER_VARS.has(name)) return /^\d{1,9}$/.test(v) ? Number(v) : raw
  if (name === 'TRUST_PROXY') return v === 'true' ? true : v === 'false' ? false : /^\d{1,2}$/.test(v) ? Number(v) : raw
  return v
}

/**
 * Build the config from environment variables, applying defaults.
 * @throws ConfigError naming every variable whose value is invalid
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = []
  const out: Record<string, unknown> = {}
  for (const v of ENV_VARS) {
    const raw = env[v.name]
    const value = convert(v.name, raw === undefined || raw === '' ? v.default : raw)
    const single = Compile(ConfigSchema.properties[v.key])
    // A connection URL may carry a password: a bad one is named, never echoed.
    const shown = 'secret' in v ? '' : `=${JSON.stringify(raw)}`
    if (!single.Check(value)) problems.push(`${v.name}${shown} is invalid: expected ${v.expect}`)
    out[v.key] = value
  }
  if (problems.length > 0) throw new ConfigError(problems)
  if (!checkConfig.Check(out)) throw new ConfigError(['configuration does not match its schema'])
  return out as Config
}
