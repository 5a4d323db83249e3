/**
 * Where API keys, usage counts and the audit log are kept: the embedded SQLite file (DATABASE_PATH,
 * the default) or PostgreSQL (DATABASE_URL), shared by every instance. Both are opened and migrated
 * here and offer the same repositories; callers branch on `kind` only for what one of them alone has.
 * PostgreSQL's modules are loaded only when it is used: the embedded default's start-up never pays
 * for them.
 */
import type { Config } from '../config.js'
import { createApiKeyRepository, type SqliteApiKeyRepository } from './api-key-repository.js'
import { openDatabase, type DbHandle } from './client.js'
import { migrateDatabase } from './migrate.js'
import type { PgApiKeyRepository } from './pg-api-key-repository.js'
import type { PgHandle } from './pg-client.js'
import { createUsageRepository, type UsageRepository, type UsageStore } from './usage-repository.js'

interface Common {
  /** Where the data is, for messages (never the URL: it may carry a password). */
  readonly where: string
  /** Whether the store answers a trivial query. */
  ping(): boolean | Promise<boolean>
  close(): Promise<void>
}

export interface SqliteStore extends Common {
  kind: 'sqlite'
  handle: DbHandle
  keys: SqliteApiKeyRepository
  usage: UsageRepository
}

export interface PgStore extends Common {
  kind: 'postgres'
  handle: PgHandle
  keys: PgApiKeyRepository
  usage: UsageStore
}

export type Store = SqliteStore | PgStore

export function usesPostgres(config: Pick<Config, 'databaseUrl'>): boolean {
  return config.databaseUrl !== ''
}

/** The SQLite file at `path`, migrated. */
export function openSqliteStore(path: string): SqliteStore {
  const handle = openDatabase(path)
  try {
    migrateDatabase(handle.db)
  } catch (err) {
    handle.close()
    throw err
  }
  return {
    kind: 'sqlite', handle, where: path, keys: createApiKeyRepository(handle.db), usage: createUsageRepository(handle.db, handle.sqlite),
    ping: () => handle.sqlite.open && handle.sqlite.prepare('select 1 as ok').get() !== undefined,
    close: async () => handle.close(),
  }
}

/** PostgreSQL at DATABASE_URL, migrated. */
export async function openPgStore(config: Config, onIdleError?: (err: Error) => void): Promise<PgStore> {
  const [{ migratePostgres, openPostgres }, { createPgApiKeyRepository }, { createPgUsageRepository }] = await Promise.all([
    import('./pg-client.js'), import('./pg-api-key-repository.js'), import('./pg-usage-repository.js'),
  ])
  const handle = openPostgres(config.databaseUrl, { poolSize: config.databasePoolSize, statementTimeoutMs: config.databaseStatementTimeoutMs, onIdleError })
  try {
    await migratePostgres(handle)
  } catch (err) {
    await handle.close()
    throw err
  }
  return {
    kind: 'postgres', handle, where: 'the PostgreSQL database of DATABASE_URL',
    keys: createPgApiKeyRepository(handle.db), usage: createPgUsageRepository(handle.db, handle.pool),
    ping: () => handle.ping(), close: () => handle.close(),
  }
}

/** The store the configuration names, migrated. */
export async function openStore(config: Config, onIdleError?: (err: Error) => void): Promise<Store> {
  return usesPostgres(config) ? openPgStore(config, onIdleError) : openSqliteStore(config.databasePath)
}
