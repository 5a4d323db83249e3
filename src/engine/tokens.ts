/**
 * Splits a message into normalised words with their character spans, sentence and clause numbers.
 * Sentences end at . ! ? ; or a line break; clauses also end at commas, "but", and an "and" that
 * starts a new statement ("... and my knee ..."). Pure.
 */
import { normalizeWord } from './normalize.js'

export interface Token {
  /** Normalised form used for matching. */
  norm: string
  start: number
  end: number
  sentence: number
  clause: number
  /** What separates this word from the previous one. */
  gap: 'none' | 'comma' | 'clause' | 'sentence'
}

const WORD = /[\p{L}\p{N}'\u2019]+/gu
const NEW_STATEMENT = new Set(['my', 'the', 'i', 'it', 'its', 'also', 'then', 'now', 'when'])
const CLAUSE_WORDS = new Set(['but', 'however', 'although', 'though', 'whereas', 'yet'])

/** What stands between two words: a sentence end (. ! ? ; line break), a comma, or a colon or parenthesis. */
function separators(text: string, from: number, to: number): { sentence: boolean; comma: boolean; pause: boolean } {
  let sentence = false
  let comma = false
  let pause = false
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 46 || c === 33 || c === 63 || c === 59 || c === 10) sentence = true
    else if (c === 44) comma = true
    else if (c === 58 || c === 40 || c === 41) pause = true
  }
  return { sentence, comma, pause }
}

/** Tokenise a message, keeping where each word came from. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  let sentence = 0
  let clause = 0
  let last = 0
  for (const m of text.matchAll(WORD)) {
    const norm = normalizeWord(m[0])
    if (norm === '') continue
    const start = m.index
    let gap: Token['gap'] = 'none'
    if (out.length > 0) {
      const between = separators(text, last, start)
      if (between.sentence) gap = 'sentence'
      else if (CLAUSE_WORDS.has(norm) || (out[out.length - 1]!.norm === 'and' && NEW_STATEMENT.has(norm)) || (between.comma && NEW_STATEMENT.has(norm))) gap = 'clause'
      else if (between.comma || between.pause) gap = 'comma'
      if (gap === 'sentence') sentence += 1
      if (gap !== 'none') clause += 1
    }
    out.push({ norm, start, end: start + m[0].length, sentence, clause, gap })
    last = start + m[0].length
  }
  return out
}
