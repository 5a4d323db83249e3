/**
 * Per-key daily request counts and the recommendation audit log. Every statement is built by drizzle
 * from the schema's columns; writes are prepared once and group-committed in one synchronous
 * transaction per batch. Rows hold ids, never client text.
 */
import { and, desc, eq, gte, is, lt, Param, Placeholder, sql, type Query } from 'drizzle-orm'
import type Database from 'better-sqlite3'
import type { Awaitable } from './awaitable.js'
import type { Db } from './client.js'
import { apiUsage, auditLog } from './schema.js'

export interface NewAuditRecord {
  at: number
  requestId: string
  keyId: string | null
  kbVersion: string
  /** Arrays must not change once recorded (their JSON is kept per array). */
  regionIds: readonly string[]
  conditionIds: readonly string[]
  triageLevel: string
  topMuscleIds: readonly string[]
  latencyMs: number
}

export interface AuditRecord extends Omit<NewAuditRecord, 'at' | 'regionIds' | 'conditionIds' | 'topMuscleIds'> {
  at: string
  regionIds: string[]
  conditionIds: string[]
  topMuscleIds: string[]
}

export interface DailyUsage {
  date: string
  requests: number
}

export interface UsageCount {
  keyId: string
  day: string
  n: number
}

/**
 * What the usage-audit plugin and the usage route need from a store: SQLite's answers at once (and a
 * held write lock throws SQLITE_BUSY synchronously, for the retry), PostgreSQL's with promises.
 */
export interface UsageStore {
  recordBatch(counts: UsageCount[], audits: NewAuditRecord[]): Awaitable<void>
  daily(keyId: string, fromDay: string): Awaitable<DailyUsage[]>
  recentAudit(limit: number): Awaitable<AuditRecord[]>
  deleteAuditBefore(beforeMs: number): Awaitable<number>
}

const DAY_MS = 86_400_000
let cachedDay = { start: 0, end: 0, day: '1970-01-01' }

/** The UTC day (`YYYY-MM-DD`) of a time in milliseconds (remembered for the day: it runs per request). */
export function utcDay(ms: number): string {
  if (ms >= cachedDay.start && ms < cachedDay.end) return cachedDay.day
  const start = Math.floor(ms / DAY_MS) * DAY_MS
  cachedDay = { start, end: start + DAY_MS, day: new Date(start).toISOString().slice(0, 10) }
  return cachedDay.day
}

/**
 * A statement drizzle writes from the schema, with a placeholder per value, run by better-sqlite3
 * with the values in `order` (checked here, once, against drizzle's placeholders). Not drizzle's own
 * `.prepare()`: its run maps every value through its column, so the JSON columns are stringified per
 * row and the JSON kept per id array (below) is lost. bench/usage-ab.ts, in memory, batches of one
 * count and eight audit rows, four runs: with the id arrays of cached answers, 20.5-34.7 µs a row
 * through drizzle against 9.5-16.3 here (2.1-2.2x); with fresh arrays, 0.94-1.13x (equal within noise).
 * On a WAL file the commit's write dominates and varied more than that between runs (0.8-1.3x).
 */
function positional(sqlite: Database.Database, query: { toSQL(): Query }, order: readonly string[]): Database.Statement {
  const { sql: text, params } = query.toSQL()
  const names = params.map((p) => (is(p, Param) && is(p.value, Placeholder) ? p.value.name : '?'))
  if (names.join() !== order.join()) throw new Error(`statement values in the order ${names.join()}, not ${order.join()}: ${text}`)
  return sqlite.prepare(text)
}

/** @param sqlite the connection under `db`: the per-request writes use it directly */
export function createUsageRepository(db: Db, sqlite: Database.Database) {
  // The per-request writes: prepared once, run in one precompiled transaction (see positional).
  const p = sql.placeholder
  const upsertUsage = positional(sqlite, db.insert(apiUsage)
    .values({ keyId: p('keyId'), day: p('day'), count: p('n') })
    .onConflictDoUpdate({ target: [apiUsage.keyId, apiUsage.day], set: { count: sql`${apiUsage.count} + excluded.${sql.identifier(apiUsage.count.name)}` } }),
  ['keyId', 'day', 'n'])
  const insertAudit = positional(sqlite, db.insert(auditLog).values({
    at: p('at'), requestId: p('requestId'), keyId: p('keyId'), kbVersion: p('kbVersion'), regionIds: p('regionIds'),
    conditionIds: p('conditionIds'), triageLevel: p('triageLevel'), topMuscleIds: p('topMuscleIds'), latencyMs: p('latencyMs'),
  }), ['at', 'requestId', 'keyId', 'kbVersion', 'regionIds', 'conditionIds', 'triageLevel', 'topMuscleIds', 'latencyMs'])
  // An answer from the answer cache hands over the same id arrays each time: their JSON is kept per
  // array (weakly, so it goes with the cached answer).
  const arrays = new WeakMap<readonly string[], string>()
  const json = (ids: readonly string[]): string => {
    let text = arrays.get(ids)
    if (text === undefined) arrays.set(ids, (text = JSON.stringify(ids)))
    return text
  }
  const batch = sqlite.transaction((counts: { keyId: string; day: string; n: number }[], audits: NewAuditRecord[]) => {
    for (const c of counts) upsertUsage.run(c.keyId, c.day, c.n)
    for (const a of audits) {
      insertAudit.run(a.at, a.requestId, a.keyId, a.kbVersion, json(a.regionIds), json(a.conditionIds), a.triageLevel, json(a.topMuscleIds), a.latencyMs)
    }
  })
  return {
    /**
     * Add many usage counts and audit records in one transaction (a group commit): all or none.
     * BEGIN IMMEDIATE: the write lock is taken first, so a held lock fails the call before any work.
     * @throws SqliteError (SQLITE_BUSY when another connection holds the write lock and no busy timeout is set)
     */
    recordBatch(counts: UsageCount[], audits: NewAuditRecord[]): void {
      batch.immediate(counts, audits)
    },

    /** A key's daily counts from `fromDay` (inclusive), oldest first; days without requests are absent. */
    daily(keyId: string, fromDay: string): DailyUsage[] {
      return db.select({ date: apiUsage.day, requests: apiUsage.count }).from(apiUsage)
        .where(and(eq(apiUsage.keyId, keyId), gte(apiUsage.day, fromDay))).orderBy(apiUsage.day).all()
    },

    /** The latest audit records, newest first. */
    recentAudit(limit: number): AuditRecord[] {
      return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all()
        .map(({ id: _id, at, ...r }) => ({ ...r, at: new Date(at).toISOString() }))
    },

    /** Delete audit records older than `beforeMs`; returns how many went. */
    deleteAuditBefore(beforeMs: number): number {
      return db.delete(auditLog).where(lt(auditLog.at, beforeMs)).run().changes
    },
  } satisfies UsageStore
}

export type UsageRepository = ReturnType<typeof createUsageRepository>
