/**
 * Opens the shared store (PostgreSQL through node-postgres) and wraps it in drizzle; migrates it under
 * an advisory lock, so several instances starting at once apply each migration once. Never logs the
 * connection URL (it may carry a password).
 */
import pg from 'pg'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import { PG_MIGRATIONS_DIR } from '../kb/paths.js'
import * as schema from './pg-schema.js'

export type PgDb = NodePgDatabase<typeof schema>

export interface PgHandle {
  pool: pg.Pool
  db: PgDb
  /** Whether a trivial query answers (within the statement timeout). */
  ping(): Promise<boolean>
  close(): Promise<void>
}

export interface PgOptions {
  poolSize: number
  /** How long one statement may take on the server (connecting, or a silent server: CLIENT_GRACE_MS more). */
  statementTimeoutMs: number
  /** Told of errors on idle connections (PostgreSQL restarted, a proxy dropped them). */
  onIdleError?: (err: Error) => void
}

/** What the client-side timeouts add to the server's statement timeout. */
export const CLIENT_GRACE_MS = 10_000

// Any fixed number: instances migrating the same database take turns on it.
const MIGRATION_LOCK = 7_316_016

export function openPostgres(url: string, opts: PgOptions): PgHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize,
    application_name: 'nmt-api',
    statement_timeout: opts.statementTimeoutMs,
    // Client-side backstops, for a server that went silent (a dropped route) where TCP would take
    // minutes to give up. Generous: these are timers in this process, and a stall of its own event
    // loop (start-up compiles the knowledge base synchronously) must not be taken for a dead server.
    query_timeout: opts.statementTimeoutMs + CLIENT_GRACE_MS,
    connectionTimeoutMillis: opts.statementTimeoutMs + CLIENT_GRACE_MS,
    idleTimeoutMillis: 30_000,
  })
  // An idle connection that dies (server restart, network cut) is dropped by the pool; without a
  // listener its error would end the process.
  pool.on('error', (err) => opts.onIdleError?.(err))
  const db = drizzle(pool, { schema })
  return {
    pool,
    db,
    async ping() {
      try {
        await pool.query('select 1')
        return true
      } catch {
        return false
      }
    },
    close: () => (pool.ended ? Promise.resolve() : pool.end()),
  }
}

/** Apply the committed migrations under migrations-pg/. Idempotent; safe to run from many processes at once. */
export async function migratePostgres(handle: PgHandle): Promise<void> {
  const client = await handle.pool.connect()
  try {
    // Start-up may wait for another instance's migration: longer than a request's statement.
    await client.query("set statement_timeout = '60s'")
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: PG_MIGRATIONS_DIR })
      await client.query('insert into api_key_version (id, version) values (1, 0) on conflict (id) do nothing')
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK])
    }
  } finally {
    // Not back into the pool: its session has the longer timeout.
    client.release(true)
  }
}
