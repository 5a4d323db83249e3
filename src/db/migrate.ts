/**
 * Applies the committed drizzle-kit migrations under migrations/. Idempotent: what ran is recorded
 * in drizzle's own table (`__drizzle_migrations`, its shape and bookkeeping), so a second call does
 * nothing.
 *
 * Not drizzle's `migrate()`: it reads what ran before it takes the write lock, so processes
 * migrating one new file at once each saw nothing applied, and all but the first failed on a table
 * the first had just created. Here the read and the run are one BEGIN IMMEDIATE transaction: a
 * process waits (up to its busy timeout) for the one migrating, then finds nothing left to do.
 */
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { MIGRATIONS_DIR } from '../kb/paths.js'
import type { Db } from './client.js'

const TABLE = '"__drizzle_migrations"'

/** Bring the database schema up to date. */
export function migrateDatabase(db: Db): void {
  const sqlite = db.$client
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR })
  const run = sqlite.transaction(() => {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`)
    const last = sqlite.prepare(`SELECT created_at FROM ${TABLE} ORDER BY created_at DESC LIMIT 1`).pluck().get() as number | string | undefined
    const record = sqlite.prepare(`INSERT INTO ${TABLE} ("hash", "created_at") VALUES (?, ?)`)
    for (const migration of migrations) {
      if (last !== undefined && Number(last) >= migration.folderMillis) continue
      for (const statement of migration.sql) sqlite.exec(statement)
      record.run(migration.hash, migration.folderMillis)
    }
  })
  run.immediate()
}
