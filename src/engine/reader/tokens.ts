/**
 * First pass: splits a message into normalised words with their character spans, sentence and
 * clause numbers. Sentences end at . ! ? ; or a line break; clauses also end at commas before a new
 * statement, "but" and similar words, and an "and" that starts a new statement. Shorthand becomes
 * the words it stands for ("w/" → with). Cost is linear in the text: a word longer than MAX_WORD
 * characters is kept as one opaque token and never normalised, corrected or split. Pure.
 */
import type { Token } from '../types.js'
import { SHORTHAND } from './words.js'

/** Longer raw words are not words anyone types: kept opaque so no pass ever spends more on them. */
export const MAX_WORD = 40

const WORD = /\d+(?:[.,]\d+)?|[\p{L}\p{N}'\u2019]+/gu
const NEW_STATEMENT = new Set(['my', 'the', 'i', 'it', 'its', 'also', 'then', 'now', 'when', 'she', 'he', 'they', 'we', 'there', 'this', 'that', 'im', 'ive', 'id', 'shes', 'hes', 'theyre', 'theres', 'thats', 'whats'])
const CLAUSE_WORDS = new Set(['but', 'however', 'although', 'though', 'whereas', 'yet', 'except'])
const SPOKEN_STOPS = new Map<string, 'comma' | 'sentence'>([['full stop', 'sentence'], ['question mark', 'sentence'], ['exclamation mark', 'sentence'],
  ['exclamation point', 'sentence'], ['new line', 'sentence'], ['new paragraph', 'sentence']])
const SPOKEN_FIRST = new Set([...SPOKEN_STOPS.keys()].map((k) => k.split(' ')[0]!))

const PLAIN = /^[A-Za-z0-9]+$/

/** Normalise one word: accents and apostrophes dropped, lowercase ASCII letters and digits only. */
export function normalizeWord(raw: string): string {
  // Most words are plain ASCII already, with nothing to drop but capitals: one test spares them the
  // five passes below (measured: about 3 % of the reader's time on ordinary messages).
  const w = PLAIN.test(raw) ? raw.toLowerCase().slice(0, MAX_WORD) : raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['\u2019]/g, '').replace(/[^a-z0-9]+/g, '').slice(0, MAX_WORD)
  return w === 'cant' ? 'cannot' : w
}

/** What stands between two words: a sentence end, a comma, or a colon, dash or parenthesis. */
function separators(text: string, from: number, to: number): { sentence: boolean; comma: boolean; pause: boolean } {
  let sentence = false
  let comma = false
  let pause = false
  for (let i = from; i < to; i++) {
    const c = text[i]!
    if (c === '.' || c === '!' || c === '?' || c === ';' || c === '\n') sentence = true
    else if (c === ',') comma = true
    // A dash between spaces is a pause; inside a word ("cord-like", "x-ray") it is not.
    else if (c === ':' || c === '(' || c === ')' || c === '\u2013' || c === '\u2014' || (c === '-' && to - from > 1)) pause = true
  }
  return { sentence, comma, pause }
}

/** Tokenise a message, keeping where each word came from. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  let sentence = 0
  let clause = 0
  let last = 0
  // Punctuation said aloud to voice-to-text ("comma", "full stop") separates like the mark itself.
  let spoken: 'comma' | 'sentence' | undefined
  const found = [...text.matchAll(WORD)]
  for (let i = 0; i < found.length; i++) {
    const m = found[i]!
    const raw = m[0]
    const start = m.index
    const norm = raw.length > MAX_WORD ? '' : /^\d+[.,]\d+$/.test(raw) ? raw.replace(',', '.') : normalizeWord(raw)
    const dictated = norm === 'comma' ? 'comma' : SPOKEN_FIRST.has(norm) ? SPOKEN_STOPS.get(`${norm} ${normalizeWord(found[i + 1]?.[0] ?? '')}`) : undefined
    if (dictated) {
      if (dictated === 'sentence' || spoken === undefined) spoken = dictated
      if (norm !== 'comma') i++
      last = found[i]!.index + found[i]![0].length
      continue
    }
    let gap: Token['gap'] = 'none'
    if (out.length > 0) {
      const between = separators(text, last, start)
      if (spoken === 'sentence') between.sentence = true
      if (spoken === 'comma') between.comma = true
      const previous = out[out.length - 1]!.norm
      if (between.sentence) gap = 'sentence'
      else if (CLAUSE_WORDS.has(norm) || (previous === 'and' && NEW_STATEMENT.has(norm)) || ((between.comma || between.pause) && NEW_STATEMENT.has(norm))) gap = 'clause'
      else if (between.comma || between.pause) gap = 'comma'
      if (gap === 'sentence') sentence += 1
      if (gap !== 'none') clause += 1
    }
    spoken = undefined
    last = start + raw.length
    const expanded = SHORTHAND.get(norm)
    if (expanded === '') continue
    // "fever's gone", "toilet's normal": the 's is "is" (or "has"), which later passes read.
    const contracted = expanded === undefined && /['\u2019]s$/i.test(raw) ? [normalizeWord(raw.slice(0, -2)), 'is'] : undefined
    const words = contracted ?? (expanded === undefined ? [norm] : expanded.split(' '))
    words.forEach((w, i) => out.push({ norm: w, start, end: last, sentence, clause, gap: i === 0 ? gap : 'none' }))
  }
  return out
}
