/**
 * Per-key daily request counts and the recommendation audit log. Writes are prepared statements,
 * group-committed in one synchronous transaction per batch; rows hold ids, never client text.
 */
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm'
import type { Db } from './client.js'
import { apiUsage, auditLog } from './schema.js'

export interface NewAuditRecord {
  at: number
  requestId: string
  keyId: string | null
  kbVersion: string
  regionIds: string[]
  conditionIds: string[]
  triageLevel: string
  topMuscleIds: string[]
  latencyMs: number
}

export interface AuditRecord extends Omit<NewAuditRecord, 'at'> {
  at: string
}

export interface DailyUsage {
  date: string
  requests: number
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

export function createUsageRepository(db: Db) {
  const upsertUsage = db.insert(apiUsage)
    .values({ keyId: sql.placeholder('keyId'), day: sql.placeholder('day'), count: sql.placeholder('n') })
    .onConflictDoUpdate({ target: [apiUsage.keyId, apiUsage.day], set: { count: sql`${apiUsage.count} + excluded.count` } })
    .prepare()
  const insertAudit = db.insert(auditLog).values({
    at: sql.placeholder('at'), requestId: sql.placeholder('requestId'), keyId: sql.placeholder('keyId'),
    kbVersion: sql.placeholder('kbVersion'), regionIds: sql.placeholder('regionIds'), conditionIds: sql.placeholder('conditionIds'),
    triageLevel: sql.placeholder('triageLevel'), topMuscleIds: sql.placeholder('topMuscleIds'), latencyMs: sql.placeholder('latencyMs'),
  }).prepare()
  return {
    /** Add many usage counts and audit records in one transaction (a group commit): all or none. */
    recordBatch(counts: { keyId: string; day: string; n: number }[], audits: NewAuditRecord[]): void {
      db.transaction(() => {
        for (const c of counts) upsertUsage.run(c)
        for (const a of audits) insertAudit.run(auditParams(a))
      })
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
  }
}

function auditParams(a: NewAuditRecord): Record<string, unknown> {
  return { ...a }
}

export type UsageRepository = ReturnType<typeof createUsageRepository>
