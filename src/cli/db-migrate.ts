/**
 * `npm run db:migrate`: apply committed migrations to DATABASE_PATH (creating the file), or to
 * PostgreSQL when DATABASE_URL is set (migrations-pg/). A process entry like server.ts, so it reads
 * its configuration from the environment.
 */
import { loadConfig } from '../config.js'
import { openStore } from '../db/store.js'

try {
  const store = await openStore(loadConfig(process.env))
  await store.close()
  console.log(`migrated ${store.where}`)
} catch (err) {
  console.error(`db:migrate failed: ${(err as Error).message}`)
  process.exitCode = 1
}
