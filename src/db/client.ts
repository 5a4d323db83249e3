/**
 * Opens SQLite (better-sqlite3) with the pragmas every connection needs and wraps it in drizzle.
 * Creates the parent folder of a file database; never migrates or seeds (see migrate.ts, seeder.ts).
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import * as schema from './schema.js'

/** What drizzle() returns: the query builder, and its better-sqlite3 connection as `$client`. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export interface DbHandle {
  db: Db
  sqlite: Database.Database
  /** Changes whenever another connection has committed to this database file (`PRAGMA data_version`). */
  dataVersion(): number
  close(): void
}

/**
 * Open a database file (or `:memory:`) with WAL, foreign keys and a busy timeout.
 * @param path file path; its folder is created when missing
 * @param opts.busyTimeoutMs how long a statement waits for another connection's lock, blocking the
 *   thread (default 5000: right for the CLIs and start-up; the serving connection sets 0 once ready)
 */
export function openDatabase(path: string, opts: { busyTimeoutMs?: number } = {}): DbHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`)
  const db = drizzle(sqlite, { schema })
  const version = sqlite.prepare('PRAGMA data_version').pluck()
  return {
    db,
    sqlite,
    dataVersion: () => (sqlite.open ? (version.get() as number) : -1),
    close: () => {
      if (sqlite.open) sqlite.close()
    },
  }
}
