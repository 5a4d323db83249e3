/**
 * Text normalisation shared by search and free-text reading: lowercase, accents stripped,
 * apostrophes dropped, everything else that is not a letter or digit turned into a space.
 */

/** Normalise a phrase for comparison. */
export function normalizeText(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['\u2019]/g, '').replace(/[^a-z0-9]+/g, ' ').trim()
}
