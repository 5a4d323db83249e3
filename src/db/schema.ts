/**
 * The drizzle schema: knowledge-base tables (replaced whole by the seeder, read once at start-up)
 * and run-time tables. Changes here need `npm run db:generate -- --name verb-noun`.
 */
import type { Sign, SignPattern } from '../kb/schema.js'
import { foreignKey, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const kbMeta = sqliteTable('kb_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  citation: text('citation').notNull(),
  kind: text('kind').notNull(),
  year: integer('year'),
  url: text('url'),
})

export const regions = sqliteTable(
  'regions',
  {
    id: text('id').primaryKey(),
    label: text('label').notNull(),
    parentId: text('parent_id'),
    sided: integer('sided', { mode: 'boolean' }).notNull(),
    synonyms: text('synonyms', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (t) => [foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }), index('regions_parent_idx').on(t.parentId)],
)

/** Vocabularies that share one shape: sensations, contexts and signs. */
export const vocabulary = sqliteTable(
  'vocabulary',
  {
    kind: text('kind', { enum: ['sensation', 'context', 'sign'] }).notNull(),
    id: text('id').notNull(),
    label: text('label').notNull(),
    category: text('category'),
    synonyms: text('synonyms', { mode: 'json' }).$type<string[]>().notNull(),
    /** Signs only: item sets that say the sign when they are said together (see SignSchema). */
    patterns: text('patterns', { mode: 'json' }).$type<SignPattern[]>(),
    /** Signs only: the whole authored entry (patterns, denials, derivation), read back as it was written. */
    profile: text('profile', { mode: 'json' }).$type<Sign>(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.id] })],
)

export const muscles = sqliteTable('muscles', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  muscleGroup: text('muscle_group').notNull(),
  /** The authored entry without its referral zones (they live in referral_zones). */
  profile: text('profile', { mode: 'json' }).notNull(),
})

export const referralZones = sqliteTable(
  'referral_zones',
  {
    muscleId: text('muscle_id').notNull().references(() => muscles.id),
    regionId: text('region_id').notNull().references(() => regions.id),
    position: integer('position').notNull(),
    zone: text('zone', { enum: ['essential', 'spillover'] }).notNull(),
    laterality: text('laterality').notNull(),
    sourceId: text('source_id').notNull().references(() => sources.id),
  },
  (t) => [primaryKey({ columns: [t.muscleId, t.regionId] }), index('referral_zones_region_idx').on(t.regionId)],
)

export const conditions = sqliteTable('conditions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The authored entry without its muscles (they live in condition_muscles). */
  profile: text('profile', { mode: 'json' }).notNull(),
})

export const conditionMuscles = sqliteTable(
  'condition_muscles',
  {
    conditionId: text('condition_id').notNull().references(() => conditions.id),
    muscleId: text('muscle_id').notNull().references(() => muscles.id),
    rank: integer('rank').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conditionId, t.muscleId] })],
)

export const redFlags = sqliteTable('red_flags', {
  id: text('id').primaryKey(),
  level: text('level', { enum: ['emergency', 'urgent', 'routine'] }).notNull(),
  profile: text('profile', { mode: 'json' }).notNull(),
})

export const questions = sqliteTable('questions', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['screen', 'differentiate'] }).notNull(),
  position: integer('position').notNull(),
  profile: text('profile', { mode: 'json' }).notNull(),
})

export const rules = sqliteTable('rules', {
  id: text('id').primaryKey(),
  position: integer('position').notNull(),
  sourceId: text('source_id').notNull().references(() => sources.id),
  profile: text('profile', { mode: 'json' }).notNull(),
})

/**
 * Knowledge-base kinds that need no relational shape of their own (word classes, red-flag families,
 * pain guides...): one row per entry, its authored JSON in `profile`, in authored order by kind.
 */
export const kbEntries = sqliteTable(
  'kb_entries',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    profile: text('profile', { mode: 'json' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.id] })],
)

/** API keys: only the sha256 of a key is stored, with a short non-secret prefix for display. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type', { enum: ['secret', 'publishable'] }).notNull(),
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull().unique(),
    origins: text('origins', { mode: 'json' }).$type<string[]>().notNull(),
    rateLimit: integer('rate_limit'),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
)

/** Requests per key per UTC day. */
export const apiUsage = sqliteTable(
  'api_usage',
  {
    keyId: text('key_id').notNull().references(() => apiKeys.id),
    day: text('day').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.day] })],
)

/** One row per answered recommendation: ids and levels only, never the client's text. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    requestId: text('request_id').notNull(),
    keyId: text('key_id'),
    kbVersion: text('kb_version').notNull(),
    regionIds: text('region_ids', { mode: 'json' }).$type<string[]>().notNull(),
    conditionIds: text('condition_ids', { mode: 'json' }).$type<string[]>().notNull(),
    triageLevel: text('triage_level').notNull(),
    topMuscleIds: text('top_muscle_ids', { mode: 'json' }).$type<string[]>().notNull(),
    latencyMs: real('latency_ms').notNull(),
  },
  // Only `at` is indexed (retention deletes by it; listings go by id): every index costs each insert,
  // which runs once per answered recommendation.
  (t) => [index('audit_log_at_idx').on(t.at)],
)
