/**
 * Text normalisation shared by search and free-text reading: lowercase, accents stripped,
 * apostrophes dropped ("can't" reads as "cannot"), everything else that is not a letter or digit
 * turned into a space.
 */

/** Normalise one word (no spaces in the result). */
export function normalizeWord(s: string): string {
  // Most words are already plain lowercase ASCII: returned as they are, with no intermediate strings.
  const w = PLAIN.test(s) ? s : s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['\u2019]/g, '').replace(/[^a-z0-9]+/g, '')
  return w === 'cant' ? 'cannot' : w
}

const PLAIN = /^[a-z0-9]+$/

/** Normalise a phrase for comparison. */
export function normalizeText(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ').trim().split(' ').map((w) => (w === 'cant' ? 'cannot' : w)).join(' ')
}

/** Words dropped from phrases and from text before matching: "back of my left hand" reads as "back of hand". */
export const FILLERS: ReadonlySet<string> = new Set(['my', 'the', 'a', 'an', 'your', 'his', 'her', 'their', 'our', 'its', 'this', 'that'])
