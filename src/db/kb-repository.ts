/**
 * Knowledge-base repository: replaces the stored knowledge base in one synchronous transaction and
 * reads it back as domain types. Knows tables and rows; knows nothing of HTTP or scoring.
 */
import { asc, eq } from 'drizzle-orm'
import { SEED_KINDS } from '../kb/files.js'
import type { Condition, KnowledgeBase, Muscle, Question, RedFlag, Rule } from '../kb/schema.js'
import type { Db } from './client.js'
import * as t from './schema.js'

const VERSION_KEY = 'kb_version'

/** Insert in chunks: SQLite limits bound parameters per statement. */
function chunks<T>(rows: T[], size = 100): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

export function createKbRepository(db: Db) {
  return {
    /** The version of the stored knowledge base, or null when none is loaded. */
    storedVersion(): string | null {
      const row = db.select().from(t.kbMeta).where(eq(t.kbMeta.key, VERSION_KEY)).get()
      return row?.value ?? null
    },

    /** Replace the whole knowledge base atomically: either all of it is stored or none. */
    replaceAll(kb: KnowledgeBase, version: string): void {
      db.transaction((tx) => {
        for (const table of [t.kbEntries, t.rules, t.questions, t.redFlags, t.conditionMuscles, t.conditions, t.referralZones, t.muscles, t.vocabulary]) {
          tx.delete(table).run()
        }
        tx.update(t.regions).set({ parentId: null }).run()
        tx.delete(t.regions).run()
        tx.delete(t.sources).run()
        const insert = <T>(table: Parameters<typeof tx.insert>[0], rows: T[]): void => {
          for (const c of chunks(rows)) tx.insert(table).values(c as never).run()
        }
        insert(t.sources, kb.sources.map((s) => ({ id: s.id, citation: s.citation, kind: s.kind, year: s.year ?? null, url: s.url ?? null })))
        insert(t.regions, kb.regions.map((r) => ({ ...r, parentId: null })))
        for (const r of kb.regions) if (r.parentId) tx.update(t.regions).set({ parentId: r.parentId }).where(eq(t.regions.id, r.id)).run()
        insert(t.vocabulary, [
          ...kb.sensations.map((s) => ({ kind: 'sensation' as const, id: s.id, label: s.label, category: s.category, synonyms: s.synonyms, patterns: null, profile: null })),
          ...kb.contexts.map((c) => ({ kind: 'context' as const, id: c.id, label: c.label, category: null, synonyms: c.synonyms, patterns: null, profile: null })),
          ...kb.signs.map((s) => ({ kind: 'sign' as const, id: s.id, label: s.label, category: null, synonyms: s.synonyms, patterns: s.patterns ?? null, profile: s })),
        ])
        insert(t.muscles, kb.muscles.map(({ referralZones: _z, ...m }) => ({ id: m.id, name: m.name, muscleGroup: m.group, profile: m })))
        insert(t.referralZones, kb.muscles.flatMap((m) => m.referralZones.map((z, position) => ({
          muscleId: m.id, regionId: z.region, position, zone: z.zone, laterality: z.laterality, sourceId: z.source,
        }))))
        insert(t.conditions, kb.conditions.map(({ muscles: _m, ...c }) => ({ id: c.id, name: c.name, profile: c })))
        insert(t.conditionMuscles, kb.conditions.flatMap((c) => c.muscles.map((muscleId, rank) => ({ conditionId: c.id, muscleId, rank }))))
        insert(t.redFlags, kb.redFlags.map((f) => ({ id: f.id, level: f.level, profile: f })))
        insert(t.questions, kb.questions.map((q, position) => ({ id: q.id, kind: q.kind, position, profile: q })))
        insert(t.rules, kb.rules.map((r, position) => ({ id: r.id, position, sourceId: r.source, profile: r })))
        for (const kind of SEED_KINDS) {
          if (kind.entries) insert(t.kbEntries, (kb[kind.key] as { id: string }[]).map((e, position) => ({ kind: kind.key, id: e.id, position, profile: e })))
        }
        tx.insert(t.kbMeta).values({ key: VERSION_KEY, value: version })
          .onConflictDoUpdate({ target: t.kbMeta.key, set: { value: version } }).run()
      })
    },

    /** Read the whole stored knowledge base back, in authored order. */
    readAll(): { kb: KnowledgeBase; version: string } | null {
      const version = this.storedVersion()
      if (version === null) return null
      const zones = new Map<string, Muscle['referralZones']>()
      for (const z of db.select().from(t.referralZones).orderBy(asc(t.referralZones.muscleId), asc(t.referralZones.position)).all()) {
        const list = zones.get(z.muscleId) ?? []
        list.push({ region: z.regionId, zone: z.zone, laterality: z.laterality as Muscle['referralZones'][number]['laterality'], source: z.sourceId })
        zones.set(z.muscleId, list)
      }
      const condMuscles = new Map<string, string[]>()
      for (const cm of db.select().from(t.conditionMuscles).orderBy(asc(t.conditionMuscles.conditionId), asc(t.conditionMuscles.rank)).all()) {
        const list = condMuscles.get(cm.conditionId) ?? []
        list.push(cm.muscleId)
        condMuscles.set(cm.conditionId, list)
      }
      const entries = new Map<string, unknown[]>()
      for (const e of db.select().from(t.kbEntries).orderBy(asc(t.kbEntries.kind), asc(t.kbEntries.position)).all()) {
        entries.set(e.kind, [...(entries.get(e.kind) ?? []), e.profile])
      }
      const vocab = db.select().from(t.vocabulary).orderBy(asc(t.vocabulary.id)).all()
      const kb: KnowledgeBase = {
        sources: db.select().from(t.sources).orderBy(asc(t.sources.id)).all().map((s) => ({
          id: s.id, citation: s.citation, kind: s.kind as KnowledgeBase['sources'][number]['kind'],
          ...(s.year !== null ? { year: s.year } : {}), ...(s.url !== null ? { url: s.url } : {}),
        })),
        regions: db.select().from(t.regions).orderBy(asc(t.regions.id)).all(),
        sensations: vocab.filter((v) => v.kind === 'sensation').map((v) => ({
          id: v.id, label: v.label, category: v.category as KnowledgeBase['sensations'][number]['category'], synonyms: v.synonyms,
        })),
        contexts: vocab.filter((v) => v.kind === 'context').map((v) => ({ id: v.id, label: v.label, synonyms: v.synonyms })),
        signs: vocab.filter((v) => v.kind === 'sign').map((v) => v.profile ?? { id: v.id, label: v.label, synonyms: v.synonyms, ...(v.patterns ? { patterns: v.patterns } : {}) }),
        muscles: db.select().from(t.muscles).orderBy(asc(t.muscles.id)).all().map((m) => {
          const { sources, ...rest } = m.profile as Omit<Muscle, 'referralZones'>
          return { ...rest, referralZones: zones.get(m.id) ?? [], sources } as Muscle
        }),
        conditions: db.select().from(t.conditions).orderBy(asc(t.conditions.id)).all().map((c) => {
          const { redFlags, sources, ...rest } = c.profile as Omit<Condition, 'muscles'>
          return { ...rest, muscles: condMuscles.get(c.id) ?? [], redFlags, sources } as Condition
        }),
        redFlags: db.select().from(t.redFlags).orderBy(asc(t.redFlags.id)).all().map((f) => f.profile as RedFlag),
        questions: db.select().from(t.questions).orderBy(asc(t.questions.position)).all().map((q) => q.profile as Question),
        rules: db.select().from(t.rules).orderBy(asc(t.rules.position)).all().map((r) => r.profile as Rule),
        terms: (entries.get('terms') ?? []) as KnowledgeBase['terms'],
        redFlagFamilies: (entries.get('redFlagFamilies') ?? []) as KnowledgeBase['redFlagFamilies'],
        painGuides: (entries.get('painGuides') ?? []) as KnowledgeBase['painGuides'],
      }
      return { kb, version }
    },
  }
}

export type KbRepository = ReturnType<typeof createKbRepository>
