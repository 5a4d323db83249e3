/**
 * Spelling tolerance, part of the second pass: a word that is neither common English nor one of the
 * knowledge base's words is corrected to the nearest knowledge-base word (one edit for 4-7 letters,
 * two from 8; a dropped letter for 3), or split when it runs two words of a known phrase together
 * ("shoulderblade"). A real English word is never changed, so "toys" never becomes "toes". Cost is
 * bounded per word: words over MAX_CORRECTED letters are left alone. Pure; nothing is remembered.
 */
import type { English, Speller } from '../types.js'
import { editDistance } from '../suggest.js'

/** Longer words are not corrected or split: no real typo of a body word is this long. */
export const MAX_CORRECTED = 24

/** A word and every form of it with up to `max` letters dropped. */
function deletions(word: string, max: number): Set<string> {
  const out = new Set<string>([word])
  let frontier = [word]
  for (let d = 0; d < max; d++) {
    const next: string[] = []
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1)
        if (!out.has(shorter)) {
          out.add(shorter)
          next.push(shorter)
        }
      }
    }
    frontier = next
  }
  return out
}

/**
 * @param english common English words (never corrected)
 * @param vocabulary every word of the knowledge base's phrases (what a typo is corrected to)
 * @param phrases every phrase, as space-joined words (a split must form one)
 */
export function createSpeller(english: English, vocabulary: ReadonlySet<string>, phrases: ReadonlySet<string>): Speller {
  const words = [...vocabulary].filter((w) => w.length >= 3 && !/\d/.test(w)).sort()
  // Symmetric-delete index: a word and a typo of it one edit apart share a key (the word with at most
  // one letter dropped); two deletions for words of 8 letters and more. A lookup then costs a few map
  // reads per word of the message, whatever the vocabulary's size.
  const index = new Map<string, string[]>()
  const keep = (key: string, w: string): void => {
    const list = index.get(key)
    if (!list) index.set(key, [w])
    else if (list[list.length - 1] !== w) list.push(w)
  }
  for (const w of words) for (const key of deletions(w, w.length >= 8 ? 2 : 1)) keep(key, w)

  const correct = (word: string): string | null => {
    // Three letters: only a dropped letter from a four-letter word that starts the same ("nek" → neck).
    if (word.length === 3) return (index.get(word) ?? []).find((c) => c.length === 4 && c.startsWith(word.slice(0, 2))) ?? null
    const max = word.length >= 8 ? 2 : 1
    let best: string | null = null
    let bestD = max + 1
    for (const key of deletions(word, max)) {
      for (const c of index.get(key) ?? []) {
        // Typos rarely change the first letter: corrections keep it.
        if (c[0] !== word[0] || Math.abs(c.length - word.length) > max || c.length < 4) continue
        const d = editDistance(word, c, max)
        if (d < bestD || (d === bestD && best !== null && c < best)) {
          best = c
          bestD = d
        }
      }
    }
    // Not remembered between calls: the words are the client's, and nothing they type is kept.
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
