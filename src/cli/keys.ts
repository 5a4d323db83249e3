/**
 * `npm run keys -- create|list|revoke`: manage API keys in DATABASE_PATH, or in PostgreSQL when
 * DATABASE_URL is set (migrating either first, so a fresh database works). A process entry like
 * server.ts. Prints a new key once; `list` never prints keys (nor the connection URL).
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import type { ApiKey } from '../db/api-key-repository.js'
import { openStore } from '../db/store.js'
import { createApiKeyService, KeyInputError } from '../services/api-keys.js'

const USAGE = `usage:
  npm run keys -- create --name NAME --type secret|publishable [--origins URL,...] [--rate-limit N]
  npm run keys -- list
  npm run keys -- revoke ID`

function fail(message: string): never {
  throw new KeyInputError(message)
}

function describe(k: ApiKey): string {
  const limit = k.rateLimit === null ? 'default rate limit' : `${k.rateLimit}/min`
  const origins = k.type === 'publishable' ? `  origins ${k.origins.join(',')}` : ''
  const status = k.revokedAt === null ? 'active' : `revoked ${k.revokedAt}`
  return `${k.id}  ${k.type.padEnd(11)}  ${k.prefix}…  ${JSON.stringify(k.name)}  ${limit}${origins}  created ${k.createdAt}  ${status}`
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { name: { type: 'string' }, type: { type: 'string' }, origins: { type: 'string' }, 'rate-limit': { type: 'string' } },
  })
  const [command, ...rest] = positionals
  // Every argument is checked before the database is opened: bad input never creates or migrates one.
  if (command === undefined) fail('missing command')
  if (command !== 'create' && command !== 'list' && command !== 'revoke') fail(`unknown command ${command}`)
  if (command === 'create') {
    if (rest.length > 0) fail(`unexpected argument ${rest[0]}`)
    if (values.name === undefined) fail('create needs --name')
    if (values.type !== 'secret' && values.type !== 'publishable') fail('create needs --type secret or --type publishable')
    if (values['rate-limit'] !== undefined && !/^\d+$/.test(values['rate-limit'])) fail('--rate-limit must be a whole number of requests per minute')
  }
  if (command === 'revoke' && rest.length !== 1) fail('revoke needs exactly one key id (see `npm run keys -- list`)')
  const config = loadConfig(process.env)
  const store = await openStore(config)
  try {
    const keys = createApiKeyService(store.keys)
    if (command === 'create') {
      const rawLimit = values['rate-limit']
      const { key, token } = await keys.create({
        name: values.name!, type: values.type as 'secret' | 'publishable', origins: values.origins?.split(',').filter((o) => o.trim() !== '') ?? [],
        rateLimit: rawLimit === undefined ? null : Number(rawLimit),
      })
      console.log(`created ${describe(key)}`)
      console.log('the key (shown only this once: store it now, it cannot be recovered):')
      console.log(token)
    } else if (command === 'list') {
      const all = await keys.list()
      if (all.length === 0) console.log(`no API keys in ${store.where}`)
      for (const k of all) console.log(describe(k))
    } else {
      const id = rest[0]!
      const result = await keys.revoke(id)
      if (result === 'not-found') fail(`no key with id ${id} (see \`npm run keys -- list\`)`)
      console.log(result === 'revoked' ? `revoked ${id}` : `${id} was already revoked`)
    }
  } finally {
    await store.close()
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  const known = err instanceof KeyInputError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  console.error(`keys: ${known ? (err as Error).message : String(err)}\n${USAGE}`)
  process.exitCode = 1
})
