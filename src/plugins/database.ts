/**
 * Opens the SQLite database, applies migrations and decorates `app.database`. A file database has
 * its WAL checkpoints run by a worker thread (see db/checkpointer.ts), never on the event loop, and
 * once the app is ready its connection never waits for a lock (busy_timeout 0).
 * Closes it on app.close(), after in-flight requests have finished.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { startCheckpointer, type Checkpointer } from '../db/checkpointer.js'
import { openDatabase, type DbHandle } from '../db/client.js'
import { migrateDatabase } from '../db/migrate.js'

declare module 'fastify' {
  interface FastifyInstance {
    database: DbHandle
    /** The worker that checkpoints a file database's WAL (null for `:memory:`). */
    walCheckpointer: Checkpointer | null
  }
}

export interface DatabasePluginOptions {
  databasePath: string
  /** How often the worker checkpoints the WAL (default 1000 ms). */
  checkpointIntervalMs?: number
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
  const onError = (err: Error): void => app.log.error({ err }, 'WAL checkpoint worker')
  let checkpointer: Checkpointer | null = null
  if (opts.databasePath !== ':memory:') {
    try {
      checkpointer = startCheckpointer(handle.sqlite, opts.databasePath, { intervalMs: opts.checkpointIntervalMs ?? 1000, onError })
    } catch (err) {
      // No worker: the connection keeps checkpointing for itself, as SQLite does by default.
      onError(err instanceof Error ? err : new Error(String(err)))
    }
  }
  app.decorate('walCheckpointer', checkpointer)
  // Start-up (migrations, seeding) may wait for another connection's lock; serving never does: a
  // busy timeout blocks the event loop for as long as it waits. Writes while serving retry on a later
  // tick instead (see usage-audit.ts).
  app.addHook('onReady', async () => {
    handle.sqlite.pragma('busy_timeout = 0')
  })
  app.addHook('onClose', async () => {
    // The worker's connection first, so the server's, closing last, checkpoints and removes the WAL.
    await checkpointer?.stop()
    handle.close()
  })
}

export default fp(databasePlugin, { name: 'database' })
