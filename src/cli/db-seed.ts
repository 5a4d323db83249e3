/**
 * `npm run db:seed [-- --force]`: migrate DATABASE_PATH, then validate, lint and load seed/ when it
 * changed (always with --force). The server does the same at start-up; this is for operators.
 */
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/client.js'
import { createKbRepository } from '../db/kb-repository.js'
import { migrateDatabase } from '../db/migrate.js'
import { SeedError } from '../kb/loader.js'
import { SEED_DIR } from '../kb/paths.js'
import { seedKnowledgeBase } from '../kb/seeder.js'

const config = loadConfig(process.env)
const handle = openDatabase(config.databasePath)
try {
  migrateDatabase(handle.db)
  const result = seedKnowledgeBase(createKbRepository(handle.db), SEED_DIR, process.argv.includes('--force'))
  console.log(`knowledge base ${result.version}: ${result.status} (${config.databasePath})`)
} catch (err) {
  console.error(err instanceof SeedError ? `db:seed failed: ${err.message}` : `db:seed failed: ${String(err)}`)
  process.exitCode = 1
} finally {
  handle.close()
}
