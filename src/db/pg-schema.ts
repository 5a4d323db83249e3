/**
 * The drizzle schema of the shared store (PostgreSQL): API keys, usage counts and the audit log, the
 * same tables and columns as the SQLite schema's run-time tables, plus the key version that tells
 * every instance a key changed. No knowledge-base tables: each instance loads seed/ into memory.
 * Changes here need `npm run db:generate:pg -- --name verb-noun`.
 */
import { bigint, bigserial, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core'

/** API keys: only the sha256 of a key is stored, with a short non-secret prefix for display. */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type', { enum: ['secret', 'publishable'] }).notNull(),
  prefix: text('prefix').notNull(),
  hash: text('hash').notNull().unique(),
  origins: jsonb('origins').$type<string[]>().notNull(),
  rateLimit: integer('rate_limit'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  revokedAt: bigint('revoked_at', { mode: 'number' }),
})

/**
 * One row, bumped in the same transaction as every change to api_keys: instances read it a few times
 * a second and reload their copy of the active keys when it moved (a revoked key is refused everywhere
 * within a second, without a query per request).
 */
export const apiKeyVersion = pgTable('api_key_version', {
  id: smallint('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
})

/** Requests per key per UTC day. */
export const apiUsage = pgTable(
  'api_usage',
  {
    keyId: text('key_id').notNull().references(() => apiKeys.id),
    day: text('day').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.day] })],
)

/** One row per answered recommendation: ids and levels only, never the client's text. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: bigint('at', { mode: 'number' }).notNull(),
    requestId: text('request_id').notNull(),
    keyId: text('key_id'),
    kbVersion: text('kb_version').notNull(),
    regionIds: jsonb('region_ids').$type<string[]>().notNull(),
    conditionIds: jsonb('condition_ids').$type<string[]>().notNull(),
    triageLevel: text('triage_level').notNull(),
    topMuscleIds: jsonb('top_muscle_ids').$type<string[]>().notNull(),
    latencyMs: doublePrecision('latency_ms').notNull(),
  },
  // Only `at` is indexed, as in SQLite: retention deletes by it; every index costs each insert.
  (t) => [index('audit_log_at_idx').on(t.at)],
)
