/**
 * A/B in one process: the usage repository's group commit (src/db/usage-repository.ts: statements
 * drizzle builds, run by better-sqlite3) against the same statements run through drizzle's own
 * `.prepare()` (kept below), on a WAL database file each, in alternating bursts so that both see the
 * same machine.
 *
 *   npx tsx bench/usage-ab.ts [rounds=30] [batches per burst=200] [file|memory]
 *
 * `memory` leaves out the commit's write to the file (the same for both): the statements' own cost.
 *
 * Each batch is what one event-loop turn commits under load: one usage count and AUDITS audit rows,
 * with the id arrays either shared by every row (answers from the answer cache) or fresh per row.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { sql } from 'drizzle-orm'
import { openDatabase, type Db, type DbHandle } from '../src/db/client.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { apiUsage, auditLog } from '../src/db/schema.js'
import { createUsageRepository, type NewAuditRecord, type UsageCount } from '../src/db/usage-repository.js'
import { round, Samples } from './stats.js'

/** The group commit with drizzle's own prepared statements (the alternative, for comparison only). */
function drizzlePrepared(db: Db, sqlite: Database.Database): (counts: UsageCount[], audits: NewAuditRecord[]) => void {
  const p = sql.placeholder
  const upsertUsage = db.insert(apiUsage)
    .values({ keyId: p('keyId'), day: p('day'), count: p('n') })
    .onConflictDoUpdate({ target: [apiUsage.keyId, apiUsage.day], set: { count: sql`${apiUsage.count} + excluded.${sql.identifier(apiUsage.count.name)}` } })
    .prepare()
  const insertAudit = db.insert(auditLog).values({
    at: p('at'), requestId: p('requestId'), keyId: p('keyId'), kbVersion: p('kbVersion'), regionIds: p('regionIds'),
    conditionIds: p('conditionIds'), triageLevel: p('triageLevel'), topMuscleIds: p('topMuscleIds'), latencyMs: p('latencyMs'),
  }).prepare()
  const batch = sqlite.transaction((counts: UsageCount[], audits: NewAuditRecord[]) => {
    // The records as they are (their fields are the placeholders' names; the casts only satisfy run's type).
    for (const c of counts) upsertUsage.run(c as unknown as Record<string, unknown>)
    for (const a of audits) insertAudit.run(a as unknown as Record<string, unknown>)
  })
  return (counts, audits) => batch.immediate(counts, audits)
}

const ROUNDS = Number(process.argv[2] ?? 30)
const BURST = Number(process.argv[3] ?? 200)
const IN_MEMORY = process.argv[4] === 'memory'
const AUDITS = 8

function open(dir: string, name: string): DbHandle {
  const h = openDatabase(IN_MEMORY ? ':memory:' : join(dir, name))
  migrateDatabase(h.db)
  h.sqlite.prepare("INSERT INTO api_keys (id, name, type, prefix, hash, origins, created_at) VALUES ('key_1', 'bench', 'secret', 'sk_', ?, '[]', 0)").run(name)
  return h
}

const regionIds = ['heel', 'arch']
const conditionIds = ['plantar-fasciitis']
const topMuscleIds = ['soleus', 'quadratus-plantae', 'abductor-hallucis']
let seq = 0
function batchOf(shared: boolean): [UsageCount[], NewAuditRecord[]] {
  const audits: NewAuditRecord[] = []
  for (let i = 0; i < AUDITS; i++) {
    audits.push({
      at: Date.now(), requestId: `req-${seq++}`, keyId: 'key_1', kbVersion: 'kb-1', triageLevel: 'none', latencyMs: 0.4,
      regionIds: shared ? regionIds : [...regionIds], conditionIds: shared ? conditionIds : [...conditionIds], topMuscleIds: shared ? topMuscleIds : [...topMuscleIds],
    })
  }
  return [[{ keyId: 'key_1', day: '2025-01-01', n: AUDITS }], audits]
}

function burst(record: (c: UsageCount[], a: NewAuditRecord[]) => void, shared: boolean): number {
  const batches = Array.from({ length: BURST }, () => batchOf(shared))
  const t = process.hrtime.bigint()
  for (const [c, a] of batches) record(c, a)
  return Number(process.hrtime.bigint() - t) / 1000 / (BURST * (AUDITS + 1))
}

const dir = mkdtempSync(join(tmpdir(), 'nmt-usage-ab-'))
try {
  const a = open(dir, 'drizzle.db')
  const b = open(dir, 'repository.db')
  const repository = createUsageRepository(b.db, b.sqlite)
  const variants = { drizzle: drizzlePrepared(a.db, a.sqlite), repository: (c: UsageCount[], x: NewAuditRecord[]) => repository.recordBatch(c, x) }
  for (const shared of [true, false]) {
    const samples = { drizzle: new Samples(ROUNDS), repository: new Samples(ROUNDS) }
    for (let r = 0; r < ROUNDS + 3; r++) {
      // Alternate which goes first; the first three rounds warm up and are not counted.
      const order = r % 2 === 0 ? (['drizzle', 'repository'] as const) : (['repository', 'drizzle'] as const)
      for (const name of order) {
        const us = burst(variants[name], shared)
        if (r >= 3) samples[name].add(us)
      }
    }
    const d = samples.drizzle.q(0.5)
    const h = samples.repository.q(0.5)
    console.log(`${shared ? 'shared id arrays' : 'fresh id arrays '}: µs per row (median of ${ROUNDS} bursts of ${BURST} batches of 1 count + ${AUDITS} audits):`,
      `drizzle ${round(d)} (p25-p75 ${round(samples.drizzle.q(0.25))}-${round(samples.drizzle.q(0.75))}),`,
      `repository ${round(h)} (${round(samples.repository.q(0.25))}-${round(samples.repository.q(0.75))}); drizzle/repository ${round(d / h)}`)
  }
  a.close()
  b.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
