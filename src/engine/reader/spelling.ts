/**
 * Spelling tolerance, part of the second pass: a word that is neither common English nor one of the
 * knowledge base's words is corrected to the nearest knowledge-base word (one edit for 4-7 letters,
 * two from 8; a dropped letter for 3), or split when it runs two words of a known phrase together
 * ("shoulderblade"). A real English word is never changed, so "toys" never becomes "toes". Cost is
 * bounded per word: words over MAX_CORRECTED letters are left alone. Pure; nothing is remembered.
 */
import type { English } from './english.js'
import { editDistance } from '../suggest.js'

/** Longer words are not corrected or split: no real typo of a body word is this long. */
export const MAX_CORRECTED = 24

export interface Speller {
  /** What an unknown word most likely meant: one word, two (a split), or null when it is fine or hopeless. */
  fix(word: string): string[] | null
}

/**
 * @param english common English words (never corrected)
 * @param vocabulary every word of the knowledge base's phrases (what a typo is corrected to)
 * @param phrases every phrase, as space-joined words (a split must form one)
 */
export function createSpeller(english: English, vocabulary: ReadonlySet<string>, phrases: ReadonlySet<string>): Speller {
  const byFirst = new Map<string, string[]>()
  for (const w of [...vocabulary].sort()) {
    if (w.length < 3 || /\d/.test(w)) continue
    const list = byFirst.get(w[0]!)
    if (list) list.push(w)
    else byFirst.set(w[0]!, [w])
  }

  const correct = (word: string): string | null => {
    const bucket = byFirst.get(word[0]!) ?? []
    // Three letters: only a dropped letter from a four-letter word that starts the same ("nek" → neck).
    if (word.length === 3) return bucket.find((c) => c.length === 4 && c.startsWith(word.slice(0, 2)) && editDistance(word, c, 1) === 1) ?? null
    const max = word.length >= 8 ? 2 : 1
    let best: string | null = null
    let bestD = max + 1
    for (const c of bucket) {
      if (Math.abs(c.length - word.length) > max) continue
      const d = editDistance(word, c, max)
      if (d < bestD) {
        best = c
        bestD = d
      }
    }
    return best
  }

  const split = (word: string): string[] | null => {
    for (let i = 3; i <= word.length - 3; i++) {
      const a = word.slice(0, i)
      const b = word.slice(i)
      if (phrases.has(`${a} ${b}`)) return [a, b]
    }
    return null
  }

  return {
    fix(word) {
      if (word.length < 3 || word.length > MAX_CORRECTED || vocabulary.has(word) || english.words.has(word) || /\d/.test(word)) return null
      const parts = word.length >= 6 ? split(word) : null
      if (parts) return parts
      const fixed = correct(word)
      return fixed ? [fixed] : null
    },
  }
}
