/**
 * Applies the committed drizzle-kit migrations under migrations/. Idempotent: drizzle records what
 * ran in its own table, so a second call does nothing.
 */
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { MIGRATIONS_DIR } from '../kb/paths.js'
import type { Db } from './client.js'

/** Bring the database schema up to date. */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR })
}
