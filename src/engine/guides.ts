/**
 * The pain guides compiled for ranking: each muscle's place in the guide of a region (how commonly it is
 * the source of pain there) and one knowledge-base-wide order of muscles by how early and how often the
 * guides list them, the last word when nothing else separates two muscles. Pure; never orders by id
 * while anything authored can decide.
 */
import type { Muscle, PainGuide } from '../kb/schema.js'
import type { GuideIndex, GuidePlace } from './types.js'

/** Index the guides by region and muscle. */
export function buildGuideIndex(guides: readonly PainGuide[]): GuideIndex {
  return new Map(guides.map((g) => [g.id, new Map(g.muscles.map((m, i) => [m, { rank: i + 1, of: g.muscles.length }]))]))
}

/** Share of the way down a guide, 0 for the first-listed muscle: comparable across guides of any length. */
export function relativePlace(p: GuidePlace): number {
  return (p.rank - 1) / p.of
}

/** Muscle id → its relative places in every guide listing it, best first: what the commonness order compares. */
export function guideProfiles(muscles: readonly Muscle[], guides: readonly PainGuide[]): Map<string, number[]> {
  const places = new Map<string, number[]>(muscles.map((m) => [m.id, []]))
  for (const g of guides) g.muscles.forEach((m, i) => places.get(m)?.push(relativePlace({ rank: i + 1, of: g.muscles.length })))
  for (const list of places.values()) list.sort((a, b) => a - b)
  return places
}

/**
 * Muscle id → its place in the knowledge-base-wide order: muscles compared by their relative places in
 * every guide listing them, best first (listed first somewhere, then listed early in more guides), then
 * by how many guides list them; the id decides only between muscles no guide tells apart (the
 * knowledge-base test keeps every muscle's profile distinct, so it never does there).
 */
export function buildCommonness(muscles: readonly Muscle[], guides: readonly PainGuide[]): Map<string, number> {
  const places = guideProfiles(muscles, guides)
  const ids = [...places.keys()].sort((a, b) => {
    const x = places.get(a)!
    const y = places.get(b)!
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
    if (x.length !== y.length) return y.length - x.length
    return a < b ? -1 : 1
  })
  return new Map(ids.map((id, i) => [id, i]))
}

/** 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13
  const suffix = teen ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'
  return `${n}${suffix}`
}
