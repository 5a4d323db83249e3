/**
 * Opens the SQLite database, applies migrations and decorates `app.database`. Closes it on
 * app.close(), after in-flight requests have finished.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { openDatabase, type DbHandle } from '../db/client.js'
import { migrateDatabase } from '../db/migrate.js'

declare module 'fastify' {
  interface FastifyInstance {
    database: DbHandle
  }
}

export interface DatabasePluginOptions {
  databasePath: string
}

async function databasePlugin(app: FastifyInstance, opts: DatabasePluginOptions): Promise<void> {
  const handle = openDatabase(opts.databasePath)
  try {
    migrateDatabase(handle.db)
  } catch (err) {
    handle.close()
    throw err
  }
  app.decorate('database', handle)
  app.addHook('onClose', async () => handle.close())
}

export default fp(databasePlugin, { name: 'database' })
