/**
 * Apps with API keys for tests: a development app on in-memory SQLite with keys created through the
 * app's own service, or a production app on a temp database file that holds keys before start-up.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import type { AppOptions } from '../../src/http/app.js'
import type { Config } from '../../src/config.js'
import { createApiKeyRepository } from '../../src/db/api-key-repository.js'
import { openDatabase } from '../../src/db/client.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { createApiKeyService, type NewKeyInput } from '../../src/services/api-keys.js'
import { testApp } from './app.js'

export const ORIGIN = 'https://clinic.example'
export const OTHER_ORIGIN = 'https://elsewhere.example'

export interface KeyedApp {
  app: FastifyInstance
  http: ReturnType<typeof supertest>
  /** Keys by name, in clear, with their ids. */
  keys: Record<string, { token: string; id: string }>
  close: () => Promise<void>
}

/** The usual three keys: a secret, a publishable for ORIGIN, and a secret limited to 3 per minute. */
export const STANDARD_KEYS: NewKeyInput[] = [
  { name: 'server', type: 'secret' },
  { name: 'widget', type: 'publishable', origins: [ORIGIN] },
  { name: 'tight', type: 'secret', rateLimit: 3 },
]

/** A development app (in-memory) with keys created through app.apiKeys. */
export async function devApp(keys: NewKeyInput[] = STANDARD_KEYS, overrides: Partial<Config> = {}, options: AppOptions = {}): Promise<KeyedApp> {
  const { app, http } = await testApp(overrides, options)
  const out: KeyedApp['keys'] = {}
  for (const k of keys) {
    const { key, token } = await app.apiKeys.create(k)
    out[k.name] = { token, id: key.id }
  }
  return { app, http, keys: out, close: () => app.close() }
}

/** A production app on a temp database file that held these keys before start-up. */
export async function productionApp(keys: NewKeyInput[] = STANDARD_KEYS, overrides: Partial<Config> = {}): Promise<KeyedApp> {
  const dir = mkdtempSync(join(tmpdir(), 'nmt-keys-'))
  const databasePath = join(dir, 'nmt.db')
  const handle = openDatabase(databasePath)
  migrateDatabase(handle.db)
  const service = createApiKeyService(createApiKeyRepository(handle.db))
  const out: KeyedApp['keys'] = {}
  for (const k of keys) {
    const { key, token } = service.create(k)
    out[k.name] = { token, id: key.id }
  }
  handle.close()
  const built = await testApp({ databasePath, nmtEnv: 'production', ...overrides }).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true })
    throw err
  })
  const { app, http } = built
  return {
    app, http, keys: out,
    close: async () => {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** `Authorization: Bearer <token>`. */
export const bearer = (token: string): string => `Bearer ${token}`
