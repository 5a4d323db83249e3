/**
 * Autocomplete over every vocabulary and the muscles: exact, prefix, word-prefix, substring, then
 * typo-tolerant word matches, by professional and lay names. The index is built once per
 * knowledge-base load; a query scans it once (a few thousand short names). Pure.
 */
import type { KnowledgeBase } from '../kb/schema.js'
import { normalizeText } from './normalize.js'
import { editDistance } from './suggest.js'

export type SearchType = 'region' | 'sensation' | 'context' | 'condition' | 'muscle'

export interface SearchItem {
  type: SearchType
  id: string
  label: string
  /** The name or synonym the query matched. */
  matched: string
}

interface Entry {
  type: SearchType
  id: string
  label: string
  names: { raw: string; norm: string; words: string[] }[]
}

export interface SearchIndex {
  entries: readonly Entry[]
}

const TYPE_ORDER: Record<SearchType, number> = { region: 0, sensation: 1, context: 2, condition: 3, muscle: 4 }

/** Build the search index of a knowledge base. */
export function buildSearchIndex(kb: KnowledgeBase): SearchIndex {
  const entries: Entry[] = []
  const add = (type: SearchType, id: string, label: string, names: string[]): void => {
    const seen = new Set<string>()
    const list = [label, ...names, id.replace(/-/g, ' ')].map((raw) => ({ raw, norm: normalizeText(raw) }))
      .filter((n) => n.norm !== '' && !seen.has(n.norm) && seen.add(n.norm))
      .map((n) => ({ ...n, words: n.norm.split(' ') }))
    entries.push({ type, id, label, names: list })
  }
  for (const r of kb.regions) add('region', r.id, r.label, r.synonyms)
  for (const s of kb.sensations) add('sensation', s.id, s.label, s.synonyms)
  for (const c of kb.contexts) add('context', c.id, c.label, c.synonyms)
  for (const c of kb.conditions) add('condition', c.id, c.name, c.aliases)
  for (const m of kb.muscles) add('muscle', m.id, m.name, m.aliases)
  return { entries }
}

function wordScore(qw: string, words: string[]): number {
  let best = 0
  for (const w of words) {
    if (w === qw) return 3
    if (w.startsWith(qw)) best = Math.max(best, 2)
    else if (qw.length >= 4) {
      const max = qw.length >= 7 ? 2 : 1
      const d = editDistance(qw, w.slice(0, qw.length + 1), max)
      const d2 = d <= max ? d : editDistance(qw, w, max)
      if (Math.min(d, d2) <= max) best = Math.max(best, 1)
    }
  }
  return best
}

function score(q: string, qWords: string[], name: Entry['names'][number]): number {
  if (name.norm === q) return 100
  if (name.norm.startsWith(q)) return 90 - Math.min(name.norm.length - q.length, 20) / 2
  if (name.words.some((w) => w.startsWith(q))) return 70
  if (name.norm.includes(q)) return 55
  let total = 0
  for (const qw of qWords) {
    const s = wordScore(qw, name.words)
    if (s === 0) return 0
    total += s
  }
  return 20 + (total / qWords.length) * 8
}

/**
 * Search the index.
 * @param q what the client typed so far
 * @param types restrict to these kinds (all when empty)
 */
export function search(index: SearchIndex, q: string, types: readonly SearchType[], limit: number): SearchItem[] {
  const nq = normalizeText(q)
  if (nq === '') return []
  const qWords = nq.split(' ')
  const hits: { item: SearchItem; score: number }[] = []
  for (const e of index.entries) {
    if (types.length > 0 && !types.includes(e.type)) continue
    let best = 0
    let matched = ''
    for (const n of e.names) {
      const s = score(nq, qWords, n)
      if (s > best) {
        best = s
        matched = n.raw
      }
    }
    if (best > 0) hits.push({ item: { type: e.type, id: e.id, label: e.label, matched }, score: best })
  }
  hits.sort((a, b) => b.score - a.score || TYPE_ORDER[a.item.type] - TYPE_ORDER[b.item.type] || a.item.label.length - b.item.label.length || (a.item.id < b.item.id ? -1 : 1))
  return hits.slice(0, limit).map((h) => h.item)
}
