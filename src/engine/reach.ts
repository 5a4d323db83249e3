/**
 * What a reported region reaches, compiled once per knowledge base: for every region, each muscle
 * with a referral zone on it, inside it (a broader report) or around it (a broader zone), with the
 * best weight, its place in the region's pain guide and the explanation texts, in the region's
 * frequency order. Scoring a complaint is then one walk over a list, with no per-request maps,
 * sorting or string building. Pure.
 */
import type { Muscle } from '../kb/schema.js'
import { ordinal, relativePlace } from './guides.js'
import type { GuideIndex, GuidePlace, KbLookups, ReachEdge, Side } from './types.js'
import { WEIGHTS } from './weights.js'

type Zone = Muscle['referralZones'][number]

/** The side a zone lands on for a complaint side: referral is ipsilateral unless the zone says otherwise. */
export function zoneSide(complaintSide: Side | undefined, laterality: string): Side | undefined {
  if (!complaintSide) return undefined
  if (complaintSide === 'both' || laterality === 'bilateral') return 'both'
  if (laterality === 'midline') return undefined
  if (laterality === 'contralateral') return complaintSide === 'left' ? 'right' : 'left'
  return complaintSide
}

/**
 * Region id → the muscles lying in it (its own regions name it). Only the region itself: a broad
 * region ("leg") holds too many muscles for lying somewhere inside it to say anything.
 */
export function buildLyingIn(muscles: readonly Muscle[]): Map<string, Muscle[]> {
  const out = new Map<string, Muscle[]>()
  for (const m of muscles) {
    for (const r of new Set(m.regions)) {
      const list = out.get(r)
      if (list) list.push(m)
      else out.set(r, [m])
    }
  }
  return out
}

/**
 * Region id → the muscles a complaint there reaches, in the region's frequency order. Per muscle the
 * first best of: a zone on the region itself (×1), a zone on a region inside it (×broaderReport, a
 * spillover zone there counting spilloverWithin), a
 * zone on an enclosing region, nearest first (×broaderZone). The order: the muscles the region's pain
 * guide lists, as listed; then the others (a broad region's guide lists only its leaders) by zone
 * weight, then by their best relative place in the guides of the regions below and above, then by
 * the knowledge-base-wide commonness order.
 */
export function buildReach(lookups: Pick<KbLookups, 'regions' | 'subtree' | 'ancestors' | 'referralsTo'>, guides: GuideIndex, commonness: ReadonlyMap<string, number>): Map<string, ReachEdge[]> {
  const { regions, subtree, ancestors, referralsTo } = lookups
  const out = new Map<string, ReachEdge[]>()
  for (const region of regions.values()) {
    const best = new Map<string, { weight: number; zone: Zone; muscle: Muscle; how: string }>()
    const consider = (r: string, factor: number, how: string, spillover: number = WEIGHTS.spillover): void => {
      for (const edge of referralsTo.get(r) ?? []) {
        const w = (edge.zone.zone === 'essential' ? WEIGHTS.essential : spillover) * factor
        const prev = best.get(edge.muscle.id)
        if (!prev || w > prev.weight) best.set(edge.muscle.id, { weight: w, zone: edge.zone, muscle: edge.muscle, how })
      }
    }
    consider(region.id, 1, 'reported')
    for (const r of subtree.get(region.id) ?? []) if (r !== region.id) consider(r, WEIGHTS.broaderReport, `within the reported ${region.label}`, WEIGHTS.spilloverWithin)
    for (const a of ancestors.get(region.id) ?? []) consider(a, WEIGHTS.broaderZone, `covering the reported ${region.label}`)
    const own = guides.get(region.id)
    // A broad region (one with regions inside it) weighs its guide more: its zones all count alike.
    const guideTop = (subtree.get(region.id)?.length ?? 1) > 1 ? WEIGHTS.guideBroad : WEIGHTS.guideFirst
    const near = [...(subtree.get(region.id) ?? []), ...(ancestors.get(region.id) ?? [])].filter((r) => r !== region.id)
    const nearPlace = (muscle: string): number =>
      Math.min(...near.map((r) => guides.get(r)?.get(muscle)).filter((p): p is GuidePlace => p !== undefined).map(relativePlace), Infinity)
    const key = (id: string, weight: number): number[] => {
      const p = own?.get(id)
      return p ? [0, p.rank] : [1, -weight, nearPlace(id), commonness.get(id) ?? Infinity]
    }
    const keyed = [...best.entries()].map(([id, b]) => ({ b, k: key(id, b.weight) }))
    keyed.sort((x, y) => {
      for (let i = 0; i < x.k.length; i++) if (x.k[i] !== y.k[i]) return x.k[i]! - y.k[i]!
      return 0
    })
    out.set(region.id, keyed.map(({ b }, place) => {
      const label = regions.get(b.zone.region)?.label ?? b.zone.region
      const text = (sideText: string): string =>
        `${label} (${b.how}${sideText}) is ${b.zone.zone === 'essential' ? 'an essential' : 'a spillover'} referral zone of ${b.muscle.name}`
      const listed = own?.get(b.muscle.id)
      return {
        muscle: b.muscle, zone: b.zone, weight: b.weight, ref: `${b.muscle.id}@${b.zone.region}`,
        detail: { none: text(''), left: text(', left side'), right: text(', right side'), both: text(', both sides') },
        place,
        guide: listed
          ? {
              place: listed,
              weight: (guideTop * (listed.of - listed.rank + 1)) / listed.of,
              ref: `guide:${region.id}`,
              detail: `Listed ${ordinal(listed.rank)} of ${listed.of} for ${region.label} in the trigger-point pain guides`,
            }
          : null,
      }
    }))
  }
  return out
}
