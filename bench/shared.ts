/**
 * Shared mode against the embedded default, in the same run: the same built server started on
 * PostgreSQL + Redis (a database and a key prefix of its own on 127.0.0.1, dropped afterwards) and
 * measured in interleaved rounds against the SQLite instance the benchmark already runs, which is the
 * baseline here: each ratio is the shared instance's req/s over the embedded one's in the same round.
 * Skipped, with the reason, when PostgreSQL or Redis is not reachable.
 */
import net from 'node:net'
import { Redis } from 'ioredis'
import pg from 'pg'
import { interleaved, type Series, type Target } from './http.js'
import { createKey, freePort, startNode, stop } from './processes.js'

const PG = 'postgres://postgres@127.0.0.1:5432'
const REDIS = 'redis://127.0.0.1:6379'

export type SharedResult = { skipped: string } | { pairs: Record<string, { embedded: Series; shared: Series }>; startMs: number }

const reachable = (port: number): Promise<boolean> => new Promise((resolve) => {
  const s = net.connect({ host: '127.0.0.1', port }).once('connect', () => { s.end(); resolve(true) }).once('error', () => resolve(false))
})

async function admin(sql: string): Promise<void> {
  const c = new pg.Client(`${PG}/postgres`)
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

/**
 * @param embedded the SQLite instance's targets to compare, by name (their keys are that instance's)
 * @param serverArgs how to run the server (as for the embedded instance)
 */
export async function benchShared(embedded: Target[], serverArgs: string[], opts: { rounds: number; durationS: number; warmupS: number; connections: number; logFile: string }, log: (s: string) => void): Promise<SharedResult> {
  if (!(await reachable(5432)) || !(await reachable(6379))) return { skipped: 'no PostgreSQL and Redis on 127.0.0.1' }
  const name = `nmt_bench_${process.pid}`
  const prefix = `nmt-bench:${process.pid}:`
  await admin(`drop database if exists ${name} with (force)`)
  await admin(`create database ${name}`)
  const env = { NMT_ENV: 'production', DATABASE_URL: `${PG}/${name}`, REDIS_URL: REDIS, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '1000000' }
  try {
    const token = createKey({ DATABASE_URL: env.DATABASE_URL }, 'bench-shared')
    const server = await startNode(serverArgs, env, { port: await freePort(), readyPath: '/ready', logFile: opts.logFile })
    try {
      const pairs: Record<string, { embedded: Series; shared: Series }> = {}
      for (const t of embedded) {
        const shared: Target = { ...t, name: `${t.name}-shared`, port: server.port, headers: { ...t.headers, authorization: `Bearer ${token}` } }
        log(`  ${t.name}: embedded SQLite (baseline) against PostgreSQL + Redis`)
        const m = await interleaved(t, [shared], opts, log)
        pairs[t.name] = { embedded: m.baseline, shared: m.targets[shared.name]! }
      }
      return { pairs, startMs: server.readyMs }
    } finally {
      await stop(server.child)
    }
  } finally {
    await admin(`drop database if exists ${name} with (force)`)
    const r = new Redis(REDIS, { maxRetriesPerRequest: 1 })
    const keys = await r.keys(`${prefix}*`)
    if (keys.length > 0) await r.del(...keys)
    r.disconnect()
  }
}
