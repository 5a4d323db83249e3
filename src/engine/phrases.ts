/**
 * The phrase index: every label, synonym and alias of the vocabularies, normalised, mapped to the
 * ids it names. Built once per knowledge-base load; read by the free-text reader.
 */
import type { KnowledgeBase } from '../kb/schema.js'
import { FILLERS, normalizeText } from './normalize.js'

export type PhraseType = 'region' | 'sensation' | 'context' | 'sign' | 'condition'

export interface PhraseTarget {
  type: PhraseType
  id: string
}

export interface PhraseIndex {
  byPhrase: ReadonlyMap<string, readonly PhraseTarget[]>
  /** The longest phrase, in words: how far the reader looks ahead. */
  maxWords: number
  /** First word → the longest phrase starting with it, in words; a word absent here starts none. */
  maxByFirst: ReadonlyMap<string, number>
}


/** Build the phrase index of a knowledge base. */
export function buildPhraseIndex(kb: KnowledgeBase): PhraseIndex {
  const byPhrase = new Map<string, PhraseTarget[]>()
  let maxWords = 1
  const maxByFirst = new Map<string, number>()
  const add = (type: PhraseType, id: string, phrase: string): void => {
    const p = normalizeText(phrase).split(' ').filter((w) => !FILLERS.has(w)).join(' ')
    if (p === '') return
    const list = byPhrase.get(p) ?? []
    if (!list.some((t) => t.type === type && t.id === id)) list.push({ type, id })
    byPhrase.set(p, list)
    const words = p.split(' ')
    maxWords = Math.max(maxWords, words.length)
    maxByFirst.set(words[0]!, Math.max(maxByFirst.get(words[0]!) ?? 0, words.length))
  }
  for (const r of kb.regions) [r.label, r.id.replace(/-/g, ' '), ...r.synonyms].forEach((p) => add('region', r.id, p))
  for (const s of kb.sensations) [s.label, ...s.synonyms].forEach((p) => add('sensation', s.id, p))
  for (const c of kb.contexts) [c.label, ...c.synonyms].forEach((p) => add('context', c.id, p))
  for (const s of kb.signs) [s.label, ...s.synonyms].forEach((p) => add('sign', s.id, p))
  for (const c of kb.conditions) [c.name, c.id.replace(/-/g, ' '), ...c.aliases].forEach((p) => add('condition', c.id, p))
  return { byPhrase, maxWords, maxByFirst }
}
