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
})
export type Config = Static<typeof ConfigSchema>

/** Environment variables, their config key, default and what a valid value looks like. */
export const ENV_VARS = [
  { name: 'PORT', key: 'port', default: '3000', expect: 'an integer from 0 to 65535' },
  { name: 'HOST', key: 'host', default: '127.0.0.1', expect: 'a host name or IP address to listen on' },
  { name: 'DATABASE_PATH', key: 'databasePath', default: './data/nmt.db', expect: 'a file path, or :memory:' },
  { name: 'LOG_LEVEL', key: 'logLevel', default: 'info', expect: 'one of fatal, error, warn, info, debug, trace, silent' },
] as const

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

const checkConfig = Compile(ConfigSchema)

function convert(name: string, raw: string): unknown {
  if (name === 'PORT') return /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : raw
  return raw.trim()
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
    if (!single.Check(value)) problems.push(`${v.name}=${JSON.stringify(raw)} is invalid: expected ${v.expect}`)
    out[v.key] = value
  }
  if (problems.length > 0) throw new ConfigError(problems)
  if (!checkConfig.Check(out)) throw new ConfigError(['configuration does not match its schema'])
  return out as Config
}
