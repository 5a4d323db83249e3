/**
 * Autocomplete over every vocabulary and the muscles: exact, prefix, word-prefix, substring, then
 * typo-tolerant word matches, by professional and lay names. The index is built once per
 * knowledge-base load; a query scans it once (a few thousand short names). Pure.
 */
import type { KnowledgeBase } from '../kb/schema.js'
import { normalizeText } from './normalize.js'
import { editDistance } from './suggest.js'
import type { SearchEntry, SearchIndex, SearchItem, SearchType } from './types.js'

export type { SearchType } from './types.js'

const TYPE_ORDER: Record<SearchType, number> = { region: 0, sensation: 1, context: 2, condition: 3, muscle: 4 }

/** Build the search index of a knowledge base. */
export function buildSearchIndex(kb: KnowledgeBase): SearchIndex {
  const entries: SearchEntry[] = []
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
  const words = new Set(entries.flatMap((e) => e.names.flatMap((n) => n.words)))
  const wordsByFirst = new Map<string, string[]>()
  for (const w of [...words].sort()) wordsByFirst.set(w[0]!, [...(wordsByFirst.get(w[0]!) ?? []), w])
  return { entries, wordsByFirst }
}

/** Vocabulary words a query word may be a typo of (or a typo of a prefix of): by first letter and length. */
function nearWords(index: SearchIndex, qw: string): Set<string> {
  const out = new Set<string>()
  if (qw.length < 4) return out
  const max = qw.length >= 7 ? 2 : 1
  for (const w of index.wordsByFirst.get(qw[0]!) ?? []) {
    if (w.length < qw.length - max) continue
    if (editDistance(qw, w.slice(0, qw.length + 1), max) <= max || editDistance(qw, w, max) <= max) out.add(w)
  }
  return out
}

function score(q: string, name: SearchEntry['names'][number]): number {
  if (name.norm === q) return 100
  if (name.norm.startsWith(q)) return 90 - Math.min(name.norm.length - q.length, 20) / 2
  if (name.words.some((w) => w.startsWith(q))) return 70
  if (name.norm.includes(q)) return 55
  return 0
}

/** Typo-tolerant: every query word is a name word, a prefix of one, or near one. */
function fuzzyScore(qWords: string[], near: Set<string>[], name: SearchEntry['names'][number]): number {
  let total = 0
  for (let i = 0; i < qWords.length; i++) {
    const qw = qWords[i]!
    let best = 0
    for (const w of name.words) {
      if (w === qw) { best = 3; break }
      if (w.startsWith(qw)) best = Math.max(best, 2)
      else if (near[i]!.has(w)) best = Math.max(best, 1)
    }
    if (best === 0) return 0
    total += best
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
  const scan = (scoreOf: (n: SearchEntry['names'][number]) => number): void => {
    for (const e of index.entries) {
      if (types.length > 0 && !types.includes(e.type)) continue
      let best = 0
      let matched = ''
      for (const n of e.names) {
        const sc = scoreOf(n)
        if (sc > best) {
          best = sc
          matched = n.raw
        }
      }
      if (best > 0) hits.push({ item: { type: e.type, id: e.id, label: e.label, matched }, score: best })
    }
  }
  scan((n) => score(nq, n))
  // Typo tolerance only when the plain matches do not fill the page: it costs an edit distance per candidate word.
  if (hits.length < limit) {
    const near = qWords.map((qw) => nearWords(index, qw))
    const found = new Set(hits.map((h) => `${h.item.type}:${h.item.id}`))
    const direct = hits.length
    scan((n) => fuzzyScore(qWords, near, n))
    for (let i = hits.length - 1; i >= direct; i--) if (found.has(`${hits[i]!.item.type}:${hits[i]!.item.id}`)) hits.splice(i, 1)
  }
  hits.sort((a, b) => b.score - a.score || TYPE_ORDER[a.item.type] - TYPE_ORDER[b.item.type] || a.item.label.length - b.item.label.length || (a.item.id < b.item.id ? -1 : 1))
  return hits.slice(0, limit).map((h) => h.item)
}
