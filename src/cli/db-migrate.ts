/**
 * `npm run db:migrate`: apply committed migrations to DATABASE_PATH (creating the file). A process
 * entry like server.ts, so it reads its configuration from the environment.
 */
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/client.js'
import { migrateDatabase } from '../db/migrate.js'

const config = loadConfig(process.env)
const handle = openDatabase(config.databasePath)
try {
  migrateDatabase(handle.db)
  console.log(`migrated ${config.databasePath}`)
} catch (err) {
  console.error(`db:migrate failed: ${(err as Error).message}`)
  process.exitCode = 1
} finally {
  handle.close()
}
