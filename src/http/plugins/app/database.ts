/**
 * Opens and migrates the store (db/store.ts) and decorates `app.store`: the embedded SQLite file, or
 * PostgreSQL when DATABASE_URL is set. A SQLite file has its WAL checkpoints run by a worker thread
 * (see db/checkpointer.ts), never on the event loop, and once the app is ready its connection never
 * waits for a lock (busy_timeout 0). Closes the store on app.close(), after in-flight requests.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../../config.js'
import { startCheckpointer, type Checkpointer } from '../../../db/checkpointer.js'
import type { DbHandle } from '../../../db/client.js'
import { openStore, type Store } from '../../../db/store.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where keys, usage and audit are kept. */
    store: Store
    /** The embedded SQLite database; reading it with DATABASE_URL set throws (use `store`). */
    database: DbHandle
    /** The worker that checkpoints a file database's WAL (null for `:memory:` and PostgreSQL). */
    walCheckpointer: Checkpointer | null
  }
}

export interface DatabasePluginOptions {
  config: Pick<Config, 'databasePath' | 'databaseUrl' | 'databasePoolSize' | 'databaseStatementTimeoutMs'>
  /** How often the worker checkpoints the WAL (default 1000 ms). */
  checkpointIntervalMs?: number
}

async function databasePlugin(app: FastifyInstance, opts: DatabasePluginOptions): Promise<void> {
  const store = await openStore(opts.config as Config,
    (err) => app.log.warn({ err }, 'PostgreSQL: an idle connection failed (the pool drops it and connects again when needed)'))
  app.decorate<Store>('store', store)
  if (store.kind === 'postgres') {
    app.decorate('database', { getter: () => { throw new Error('app.database is the embedded SQLite database; with DATABASE_URL use app.store') } })
    app.decorate('walCheckpointer', null)
    app.addHook('onClose', () => store.close())
    return
  }
  const handle = store.handle
  const path = opts.config.databasePath
  app.decorate('database', handle)
  const onError = (err: Error): void => app.log.error({ err }, 'WAL checkpoint worker')
  let checkpointer: Checkpointer | null = null
  if (path !== ':memory:') {
    try {
      checkpointer = startCheckpointer(handle.sqlite, path, { intervalMs: opts.checkpointIntervalMs ?? 1000, onError })
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
