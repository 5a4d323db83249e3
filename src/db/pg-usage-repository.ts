/**
 * Usage counts and the audit log in PostgreSQL, behind the same interface as SQLite's. A group commit
 * is one statement (two data-modifying CTEs over JSON batches): one round trip, atomic, all or none.
 * Usage rows are upserted in key order, so instances committing at once never deadlock on them.
 */
import { and, desc, eq, getTableColumns, getTableName, gte, lt } from 'drizzle-orm'
import type pg from 'pg'
import type { PgDb } from './pg-client.js'
import { apiUsage, auditLog } from './pg-schema.js'
import type { AuditRecord, DailyUsage, NewAuditRecord, UsageCount, UsageStore } from './usage-repository.js'

// The statement is built from the schema's columns. `jsonb_to_recordset` reads each JSON object's
// fields by the record's column names: those are the fields of UsageCount and NewAuditRecord, so the
// batches are sent as JSON.stringify makes them, without a per-row mapping.
const audit = Object.entries(getTableColumns(auditLog)).filter(([, column]) => column !== auditLog.id)
const usageTable = getTableName(apiUsage)
const RECORD_BATCH = `
with usage as (
  insert into ${usageTable} (${apiUsage.keyId.name}, ${apiUsage.day.name}, ${apiUsage.count.name})
  select "keyId", day, n from jsonb_to_recordset($1::jsonb) as u("keyId" ${apiUsage.keyId.getSQLType()}, day ${apiUsage.day.getSQLType()}, n ${apiUsage.count.getSQLType()})
  order by "keyId", day
  on conflict (${apiUsage.keyId.name}, ${apiUsage.day.name}) do update set ${apiUsage.count.name} = ${usageTable}.${apiUsage.count.name} + excluded.${apiUsage.count.name}
), audit as (
  insert into ${getTableName(auditLog)} (${audit.map(([, column]) => column.name).join(', ')})
  select ${audit.map(([field]) => `"${field}"`).join(', ')}
  from jsonb_to_recordset($2::jsonb) as a(${audit.map(([field, column]) => `"${field}" ${column.getSQLType()}`).join(', ')})
)
select 1`

/** @param pool the pool under `db`: the group commit goes to it directly (a failed connection is dropped, not reused) */
export function createPgUsageRepository(db: PgDb, pool: pg.Pool) {
  return {
    /** Add many usage counts and audit records in one statement (a group commit): all or none. */
    async recordBatch(counts: UsageCount[], audits: NewAuditRecord[]): Promise<void> {
      await pool.query({ name: 'nmt-record-batch', text: RECORD_BATCH, values: [JSON.stringify(counts), JSON.stringify(audits)] })
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
