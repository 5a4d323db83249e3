/**
 * `npm run db:seed [-- --force]`: migrate DATABASE_PATH, then validate, lint and load seed/ when it
 * changed (always with --force). The server does the same at start-up; this is for operators. With
 * DATABASE_URL the knowledge base is not stored (each instance loads seed/ at start-up): PostgreSQL is
 * migrated and seed/ checked, on a throwaway in-memory database, as an instance would load it.
 */
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/client.js'
import { createKbRepository } from '../db/kb-repository.js'
import { migrateDatabase } from '../db/migrate.js'
import { openPgStore, usesPostgres } from '../db/store.js'
import { SeedError } from '../kb/loader.js'
import { SEED_DIR } from '../kb/paths.js'
import { seedKnowledgeBase } from '../db/seeder.js'

const config = loadConfig(process.env)
const shared = usesPostgres(config)
try {
  if (shared) await (await openPgStore(config)).close()
  const handle = openDatabase(shared ? ':memory:' : config.databasePath)
  try {
    migrateDatabase(handle.db)
    const result = seedKnowledgeBase(createKbRepository(handle.db), SEED_DIR, process.argv.includes('--force'))
    console.log(shared
      ? `knowledge base ${result.version}: valid; not stored in PostgreSQL (each instance loads seed/ at start-up); PostgreSQL migrated`
      : `knowledge base ${result.version}: ${result.status} (${config.databasePath})`)
  } finally {
    handle.close()
  }
} catch (err) {
  console.error(err instanceof SeedError ? `db:seed failed: ${err.message}` : `db:seed failed: ${String(err)}`)
  process.exitCode = 1
}
