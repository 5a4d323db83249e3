/**
 * Third pass: finds the knowledge base's phrases in the client's words (longest first), with the
 * side each region is on. Phrases and words are compared in canonical form (see lemmas.ts), with
 * fillers dropped, so "pain in the back of my left knee" meets "back of knee". Builds its own
 * index (phrase → what it names) once per knowledge base. Pure.
 */
import type { KnowledgeBase } from '../../kb/schema.js'
import type { Side } from '../types.js'
import { MOVEMENTS } from './words.js'

export type PhraseType = 'region' | 'sensation' | 'context' | 'sign' | 'condition' | 'term'

export interface PhraseTarget {
  type: PhraseType
  id: string
}

export interface PhraseIndex {
  /** Canonical phrase (words joined by one space) → what it names. */
  byPhrase: ReadonlyMap<string, readonly PhraseTarget[]>
  /** First word → the most words a phrase starting with it has. */
  maxByFirst: ReadonlyMap<string, number>
}

/** A word of the message in canonical form, with where it came from. */
export interface Word {
  norm: string
  token: number
  start: number
  end: number
  sentence: number
  clause: number
  gap: 'none' | 'comma' | 'clause' | 'sentence'
  /** A side word ("left", "both") that stood just before this word. */
  side?: Side
  /** The client wrote a plural ("knees"): a paired body part on both sides. */
  plural?: boolean
}

export interface PhraseMatch extends PhraseTarget {
  phrase: string
  /** Index of the first and one past the last word matched. */
  from: number
  to: number
  span: [number, number]
  sentence: number
  clause: number
  side?: Side
  /** A body part named as moved ("when I turn my head"), not as a complaint. */
  moved?: boolean
}

/** Every phrase a knowledge base names things by, raw (before canonical form): label, id words, synonyms. */
export function phrasesOf(kb: Pick<KnowledgeBase, 'regions' | 'sensations' | 'contexts' | 'signs' | 'conditions' | 'terms'>): { type: PhraseType; id: string; phrase: string }[] {
  const out: { type: PhraseType; id: string; phrase: string }[] = []
  const add = (type: PhraseType, id: string, list: string[]): void => { for (const phrase of list) out.push({ type, id, phrase }) }
  // A region's id is a name of it too, unless another region goes by that name ("leg" is the whole leg; the region \`leg\` is the lower leg).
  const named = new Set(kb.regions.flatMap((r) => [r.label, ...r.synonyms].map((x) => x.toLowerCase())))
  const ownNames = (r: { label: string; synonyms: string[] }): Set<string> => new Set([r.label, ...r.synonyms].map((x) => x.toLowerCase()))
  for (const r of kb.regions) {
    const idName = r.id.replace(/-/g, ' ')
    add('region', r.id, [r.label, ...r.synonyms, ...(named.has(idName) && !ownNames(r).has(idName) ? [] : [idName])])
  }
  for (const s of kb.sensations) add('sensation', s.id, [s.label, ...s.synonyms])
  for (const c of kb.contexts) add('context', c.id, [c.label, ...c.synonyms])
  // A sign's label describes it ("Worst headache of my life"); only its synonyms and patterns are read.
  for (const s of kb.signs) add('sign', s.id, s.synonyms)
  for (const c of kb.conditions) add('condition', c.id, [c.name, c.id.replace(/-/g, ' '), ...c.aliases])
  for (const t of kb.terms) add('term', t.id, t.words)
  return out
}

/**
 * Build the phrase index.
 * @param phrases raw phrases (see phrasesOf)
 * @param canonical a phrase's canonical words (normalised, fillers dropped, lemmatised)
 */
export function buildPhraseIndex(phrases: readonly { type: PhraseType; id: string; phrase: string }[], canonical: (phrase: string) => string[]): PhraseIndex {
  const byPhrase = new Map<string, PhraseTarget[]>()
  const maxByFirst = new Map<string, number>()
  for (const { type, id, phrase } of phrases) {
    const words = canonical(phrase)
    if (words.length === 0) continue
    const key = words.join(' ')
    const list = byPhrase.get(key) ?? []
    if (!list.some((t) => t.type === type && t.id === id)) list.push({ type, id })
    byPhrase.set(key, list)
    maxByFirst.set(words[0]!, Math.max(maxByFirst.get(words[0]!) ?? 0, words.length))
  }
  return { byPhrase, maxByFirst }
}

/**
 * Which entries named inside a longer phrase also count: the region and sensation in a condition
 * ("neck pain"), the sensation in a region phrase, the region in a sensation ("stuffy ear"); in a
 * sign, its sensations, other signs and a region among its first two words ("swollen calf"); word
 * classes inside anything but another word class.
 */
function innerKeeps(outer: readonly PhraseTarget[], t: PhraseTarget, offset: number): boolean {
  if (outer.some((h) => h.type === t.type && h.id === t.id)) return false
  const types = new Set(outer.map((h) => h.type))
  // Word classes are the reader's own: kept inside any phrase but a body part or another class ("fell asleep" is no fall, "dead leg" no weakness).
  if (t.type === 'term') return !types.has('term') && !types.has('region')
  if (t.type === 'region') {
    if (types.has('region') || types.has('context')) return false
    return types.has('condition') || types.has('sensation') || (types.has('sign') && offset < 2)
  }
  if (t.type === 'sensation') return !types.has('sensation') && (types.has('condition') || types.has('sign') || types.has('region'))
  return t.type === 'sign' && types.has('sign')
}

function lookup(index: PhraseIndex, words: readonly Word[], i: number, n: number): { key: string; targets: readonly PhraseTarget[] } | null {
  let key = words[i]!.norm
  for (let j = i + 1; j < i + n; j++) key += ' ' + words[j]!.norm
  const targets = index.byPhrase.get(key)
  if (targets) return { key, targets }
  if (n === 2) {
    const joined = words[i]!.norm + words[i + 1]!.norm
    const t = index.byPhrase.get(joined)
    if (t) return { key: joined, targets: t }
  }
  return null
}

function reach(index: PhraseIndex, words: readonly Word[], i: number): number {
  const byFirst = index.maxByFirst.get(words[i]!.norm) ?? 0
  const joined = i + 1 < words.length && index.byPhrase.has(words[i]!.norm + words[i + 1]!.norm) ? 2 : 0
  let n = Math.min(Math.max(byFirst, joined), words.length - i)
  // A phrase never runs past its sentence.
  for (let j = 1; j < n; j++) if (words[i + j]!.sentence !== words[i]!.sentence) n = j
  return n
}

/**
 * Find the phrases in a message's words, longest first, each word in at most one outer phrase.
 * @param index the phrase index
 * @param words the message's words in canonical form, without fillers and side words
 */
export function matchPhrases(index: PhraseIndex, words: readonly Word[]): PhraseMatch[] {
  const out: PhraseMatch[] = []
  let side: Side | undefined
  let sentence = -1
  for (let i = 0; i < words.length;) {
    const w = words[i]!
    if (w.sentence !== sentence) {
      sentence = w.sentence
      side = undefined
    }
    if (w.side) side = w.side
    let matched = 0
    for (let n = reach(index, words, i); n >= 1 && matched === 0; n--) {
      const hit = lookup(index, words, i, n)
      if (!hit) continue
      matched = n
      const last = words[i + n - 1]!
      for (let j = i + 1; j < i + n; j++) if (words[j]!.side) side = words[j]!.side
      const previous = words[i - 1]
      const moved = previous !== undefined && MOVEMENTS.has(previous.norm) && previous.clause === w.clause
      const base = { from: i, to: i + n, sentence: w.sentence, clause: w.clause }
      for (const t of hit.targets) {
        out.push({ ...t, ...base, phrase: hit.key, span: [w.start, last.end], ...(t.type === 'region' && side ? { side } : {}), ...(t.type === 'region' && moved ? { moved } : {}) })
      }
      // "neck pain" is a condition and names the neck and the pain; "stiff neck and fever" also names
      // the neck inside "stiff neck". Every word starts its own longest inner phrase (they may overlap).
      for (let j = i; j < i + n && n > 1; j++) {
        for (let k = Math.min(i + n - j - (j === i ? 1 : 0), reach(index, words, j)); k >= 1; k--) {
          const inner = lookup(index, words, j, k)
          const extra = inner?.targets.filter((t) => innerKeeps(hit.targets, t, j - i))
          if (!inner || !extra?.length) continue
          for (const t of extra) {
            if (out.some((o) => o.type === t.type && o.id === t.id && o.from <= j && j + k <= o.to && o.from >= i)) continue
            out.push({ ...t, from: j, to: j + k, sentence: w.sentence, clause: w.clause, phrase: inner.key, span: [words[j]!.start, words[j + k - 1]!.end], ...(t.type === 'region' && side ? { side } : {}) })
          }
          break
        }
      }
    }
    i += matched > 0 ? matched : 1
  }
  return out
}

/** A side named just after a region that has none: "pain in my heel on the right". */
export function sidesAfter(matches: PhraseMatch[], sides: readonly { at: number; side: Side; sentence: number }[]): void {
  for (const m of matches) {
    if (m.type !== 'region' || m.side) continue
    const next = matches.find((g) => g.type === 'region' && g.from > m.from && g.sentence === m.sentence)
    const after = sides.find((s) => s.at >= m.to && s.at - m.to <= 4 && s.sentence === m.sentence && (!next || s.at < next.from))
    if (after) m.side = after.side
  }
}
