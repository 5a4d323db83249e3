/**
 * Usage counts and the audit log in PostgreSQL, behind the same interface as SQLite's. A group commit
 * is one statement (two data-modifying CTEs over JSON batches): one round trip, atomic, all or none.
 * Usage rows are upserted in key order, so instances committing at once never deadlock on them.
 */
import { and, desc, eq, gte, lt } from 'drizzle-orm'
import type pg from 'pg'
import type { PgDb } from './pg-client.js'
import { apiUsage, auditLog } from './pg-schema.js'
import type { AuditRecord, DailyUsage, NewAuditRecord, UsageCount, UsageStore } from './usage-repository.js'

const RECORD_BATCH = `
with usage as (
  insert into api_usage (key_id, day, count)
  select key_id, day, n from jsonb_to_recordset($1::jsonb) as u(key_id text, day text, n integer) order by key_id, day
  on conflict (key_id, day) do update set count = api_usage.count + excluded.count
), audit as (
  insert into audit_log (at, request_id, key_id, kb_version, region_ids, condition_ids, triage_level, top_muscle_ids, latency_ms)
  select at, request_id, key_id, kb_version, region_ids, condition_ids, triage_level, top_muscle_ids, latency_ms
  from jsonb_to_recordset($2::jsonb) as a(at bigint, request_id text, key_id text, kb_version text, region_ids jsonb,
    condition_ids jsonb, triage_level text, top_muscle_ids jsonb, latency_ms double precision)
)
select 1`

function auditJson(audits: NewAuditRecord[]): string {
  return JSON.stringify(audits.map((a) => ({
    at: a.at, request_id: a.requestId, key_id: a.keyId, kb_version: a.kbVersion, region_ids: a.regionIds,
    condition_ids: a.conditionIds, triage_level: a.triageLevel, top_muscle_ids: a.topMuscleIds, latency_ms: a.latencyMs,
  })))
}

/** @param pool the pool under `db`: the group commit goes to it directly (a failed connection is dropped, not reused) */
export function createPgUsageRepository(db: PgDb, pool: pg.Pool) {
  return {
    /** Add many usage counts and audit records in one statement (a group commit): all or none. */
    async recordBatch(counts: UsageCount[], audits: NewAuditRecord[]): Promise<void> {
      const usage = JSON.stringify(counts.map((c) => ({ key_id: c.keyId, day: c.day, n: c.n })))
      await pool.query({ name: 'nmt-record-batch', text: RECORD_BATCH, values: [usage, auditJson(audits)] })
    },

    async daily(keyId: string, fromDay: string): Promise<DailyUsage[]> {
      return db.select({ date: apiUsage.day, requests: apiUsage.count }).from(apiUsage)
        .where(and(eq(apiUsage.keyId, keyId), gte(apiUsage.day, fromDay))).orderBy(apiUsage.day)
    },

    async recentAudit(limit: number): Promise<AuditRecord[]> {
      const rows = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit)
      return rows.map(({ id: _id, at, ...r }) => ({ ...r, at: new Date(at).toISOString() }))
    },

    async deleteAuditBefore(beforeMs: number): Promise<number> {
      return (await db.delete(auditLog).where(lt(auditLog.at, beforeMs))).rowCount ?? 0
    },
  } satisfies UsageStore
}
