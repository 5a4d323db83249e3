/**
 * The machine's real PostgreSQL and Redis on 127.0.0.1 for the shared-mode tests: each test gets its
 * own database and its own Redis key prefix, dropped afterwards. When neither is reachable the
 * shared-mode tests are skipped, loudly, unless NMT_SHARED_TESTS=required (.ci/run sets it, after
 * starting both), in which case they fail.
 */
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { Redis } from 'ioredis'
import pg from 'pg'
import { describe } from 'vitest'

export const PG_HOST_URL = 'postgres://postgres@127.0.0.1:5432'
export const REDIS_URL = 'redis://127.0.0.1:6379'

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    socket.setTimeout(2000, () => socket.destroy())
    socket.once('connect', () => { socket.end(); resolve(true) })
    socket.once('error', () => resolve(false))
    socket.once('close', () => resolve(false))
  })
}

const required = process.env.NMT_SHARED_TESTS === 'required'
const [pgUp, redisUp] = await Promise.all([reachable(5432), reachable(6379)])
if (!required && !(pgUp && redisUp)) {
  console.warn(`SKIPPING shared-mode tests: PostgreSQL ${pgUp ? 'up' : 'DOWN'} and Redis ${redisUp ? 'up' : 'DOWN'} on 127.0.0.1 (.ci/run starts both)`)
}

/** `describe`, or `describe.skip` when the services are down and not required. */
export const describeShared = required || (pgUp && redisUp) ? describe : describe.skip

/** A fresh, empty database on the local PostgreSQL; `drop()` removes it (and ends its connections). */
export async function createDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `nmt_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client(`${PG_HOST_URL}/postgres`)
  await admin.connect()
  try {
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  return {
    url: `${PG_HOST_URL}/${name}`,
    name,
    drop: async () => {
      const c = new pg.Client(`${PG_HOST_URL}/postgres`)
      await c.connect()
      try {
        await c.query(`drop database if exists ${name} with (force)`)
      } finally {
        await c.end()
      }
    },
  }
}

/** A Redis key prefix of its own; `drop()` deletes every key under it. */
export function redisPrefix(): { prefix: string; drop: () => Promise<void> } {
  const prefix = `nmt-test:${process.pid}:${randomBytes(4).toString('hex')}:`
  return {
    prefix,
    drop: async () => {
      const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 })
      await r.connect()
      try {
        for (let cursor = '0'; ;) {
          const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
          if (keys.length > 0) await r.del(...keys)
          if ((cursor = next) === '0') break
        }
      } finally {
        r.disconnect()
      }
    },
  }
}

/** Run SQL against a test database. */
export async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client(url)
  await c.connect()
  try {
    return (await c.query<T>(text, values)).rows
  } finally {
    await c.end()
  }
}
