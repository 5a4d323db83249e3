/**
 * Spelling tolerance for free text: corrects a word to the nearest vocabulary word (one edit for
 * words of 4-7 letters, two from 8, a dropped letter for 3), and splits run-together words
 * ("shoulderblade"). Built once per knowledge-base load from the phrase index. Pure.
 */
import { editDistance } from './suggest.js'

export interface Speller {
  /** The vocabulary word this word most likely meant, or null when it is fine or unknown. */
  correct(word: string): string | null
  /** Two vocabulary words this one runs together, or null. */
  split(word: string): [string, string] | null
  /** Whether a word is in the vocabulary. */
  known(word: string): boolean
}

/** Common English words that must never be "corrected" into a vocabulary word. */
const PROTECTED = new Set(('that this with have from when what your they them then than were will would could should there their ' +
  'where which while about after again also been before being both came come does done down each even ever from going here into ' +
  'just know last like made make many more most much must next only other over same some such take tell than them these thing ' +
  'think those time under very want well went what whole work year years days weeks month months hours since still ' +
  'feel felt hurt hurts walk walks side sides left right front back morning night sleep sleeping lying start started').split(' '))

/**
 * Build a speller over the vocabulary's phrases: their words are what it corrects to, and only a
 * split that forms a whole phrase counts ("shoulderblade" -> shoulder blade, never "football" -> foot ball).
 */
export function buildSpeller(phrases: ReadonlySet<string>): Speller {
  const words = [...phrases].flatMap((p) => p.split(' '))
  const vocab = new Set<string>()
  for (const w of words) if (w.length >= 3 && !/^\d+$/.test(w)) vocab.add(w)
  const byFirst = new Map<string, string[]>()
  for (const w of vocab) byFirst.set(w[0]!, [...(byFirst.get(w[0]!) ?? []), w])
  for (const list of byFirst.values()) list.sort()

  const correct = (word: string): string | null => {
    if (vocab.has(word) || word.length < 3 || PROTECTED.has(word) || /\d/.test(word)) return null
    // Three letters: only a dropped letter from a four-letter word that starts the same ("nek" -> neck, "bak" -> back).
    if (word.length === 3) return (byFirst.get(word[0]!) ?? []).find((c) => c.length === 4 && c.startsWith(word.slice(0, 2)) && editDistance(word, c, 1) === 1) ?? null
    const max = word.length >= 8 ? 2 : 1
    let best: string | null = null
    let bestD = max + 1
    // Typos rarely change the first letter; searching by it keeps this fast.
    for (const candidate of byFirst.get(word[0]!) ?? []) {
      if (Math.abs(candidate.length - word.length) > max) continue
      const d = editDistance(word, candidate, max)
      if (d < bestD) {
        best = candidate
        bestD = d
      }
    }
    // Not remembered between calls: the words are the client's, and nothing they type is kept.
    return best
  }

  const split = (word: string): [string, string] | null => {
    if (word.length < 7 || vocab.has(word)) return null
    for (let i = 3; i <= word.length - 3; i++) {
      const a = word.slice(0, i)
      const b = word.slice(i)
      if (phrases.has(`${a} ${b}`)) return [a, b]
    }
    return null
  }

  return { correct, split, known: (w) => vocab.has(w) }
}
