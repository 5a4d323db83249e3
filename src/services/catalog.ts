/**
 * Reference-data use cases over the compiled knowledge base: lists, lookups, muscle search and
 * region detail. Read-only; answers are computed from immutable indexes.
 */
import type { CompiledKb } from '../engine/compile.js'
import { normalizeText } from '../engine/normalize.js'
import { search, type SearchType } from '../engine/search.js'
import { suggestIds } from '../engine/suggest.js'
import { AppError } from '../errors.js'
import type { Muscle } from '../kb/schema.js'
import type { MuscleSummary, RegionDetail } from '../contract/reference.js'

function summary(m: Muscle): MuscleSummary {
  return { id: m.id, name: m.name, aliases: m.aliases, group: m.group, regions: m.regions }
}

export function createCatalogService(kb: CompiledKb) {
  const searchable = kb.kb.muscles.map((m) => ({ m, names: [m.name, m.id, ...m.aliases].map(normalizeText) }))

  const notFound = (kind: string, id: string, known: Iterable<string>): AppError => {
    const suggestions = suggestIds(id, known)
    return new AppError('NMT_ERR_NOT_FOUND', `No ${kind} with id "${id}"${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : ''}`,
      { unknown: [{ field: 'id', value: id, suggestions }] })
  }

  const listOf = <T>(items: readonly T[]) => ({ items, total: items.length })
  const source = kb.kb
  /** The whole lists, built once: the knowledge base does not change while serving. */
  const lists = {
    regions: listOf(source.regions),
    sensations: listOf(source.sensations),
    contexts: listOf(source.contexts),
    conditions: listOf(source.conditions.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, icd10cm: c.icd10cm }))),
    redFlags: listOf(source.redFlags),
    questions: listOf(source.questions),
  }

  return {
    lists,

    /** Autocomplete over regions, sensations, contexts, conditions and muscles, best first. */
    search(q: string, type: SearchType | undefined, limit: number) {
      return { items: search(kb.search, q, type ? [type] : [], limit) }
    },

    region(id: string): RegionDetail {
      const region = kb.regions.get(id)
      if (!region) throw notFound('region', id, kb.regions.keys())
      const under = new Set(kb.subtree.get(id) ?? [id])
      const hits = new Map<string, { id: string; name: string; zone: 'essential' | 'spillover'; regions: string[] }>()
      for (const r of under) {
        for (const edge of kb.referralsTo.get(r) ?? []) {
          const hit = hits.get(edge.muscle.id) ?? { id: edge.muscle.id, name: edge.muscle.name, zone: edge.zone.zone, regions: [] }
          if (edge.zone.zone === 'essential') hit.zone = 'essential'
          hit.regions.push(r)
          hits.set(edge.muscle.id, hit)
        }
      }
      const muscles = [...hits.values()]
        .map((h) => ({ ...h, regions: h.regions.sort() }))
        .sort((a, b) => (a.zone === b.zone ? 0 : a.zone === 'essential' ? -1 : 1) || b.regions.length - a.regions.length || (a.id < b.id ? -1 : 1))
      return {
        ...region,
        ancestors: [...(kb.ancestors.get(id) ?? [])],
        children: kb.kb.regions.filter((r) => r.parentId === id).map((r) => r.id),
        muscles,
      }
    },

    muscles(query: { region?: string; q?: string; limit: number; offset: number }): { items: MuscleSummary[]; total: number } {
      let list = searchable
      if (query.region !== undefined) {
        if (!kb.regions.has(query.region)) {
          const suggestions = suggestIds(query.region, kb.regions.keys())
          throw new AppError('NMT_ERR_UNKNOWN_ID', `Unknown region "${query.region}"`, { unknown: [{ field: 'region', value: query.region, suggestions }] })
        }
        const under = new Set(kb.subtree.get(query.region))
        list = list.filter(({ m }) => m.referralZones.some((z) => under.has(z.region)))
      }
      if (query.q !== undefined && normalizeText(query.q) !== '') {
        const q = normalizeText(query.q)
        list = list
          .map((e) => ({ e, rank: e.names.some((n) => n === q) ? 0 : e.names.some((n) => n.startsWith(q)) ? 1 : e.names.some((n) => n.includes(q)) ? 2 : 3 }))
          .filter((x) => x.rank < 3)
          .sort((a, b) => a.rank - b.rank || (a.e.m.id < b.e.m.id ? -1 : 1))
          .map((x) => x.e)
      }
      return { items: list.slice(query.offset, query.offset + query.limit).map(({ m }) => summary(m)), total: list.length }
    },

    muscle(id: string): Muscle {
      const m = kb.muscles.get(id)
      if (!m) throw notFound('muscle', id, kb.muscles.keys())
      return m
    },

    condition(id: string) {
      const c = kb.conditions.get(id)
      if (!c) throw notFound('condition', id, kb.conditions.keys())
      return c
    },

    info() {
      const counts = Object.fromEntries(Object.entries(kb.kb).map(([k, v]) => [k, (v as unknown[]).length]))
      return { version: kb.version, counts: counts as Record<keyof typeof kb.kb, number>, sources: kb.kb.sources }
    },
  }
}

export type CatalogService = ReturnType<typeof createCatalogService>
