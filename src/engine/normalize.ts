/**
 * Text normalisation for search and the catalog: lowercase, accents stripped, apostrophes dropped
 * ("can't" reads as "cannot"), everything else that is not a letter or digit turned into a space.
 * (The reader normalises its words in reader/tokens.ts.)
 */

/** Normalise a phrase for comparison. */
export function normalizeText(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ').trim().split(' ').map((w) => (w === 'cant' ? 'cannot' : w)).join(' ')
}
