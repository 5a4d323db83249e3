/**
 * What a reported region reaches, compiled once per knowledge base: for every region, each muscle
 * with a referral zone on it, inside it (a broader report) or around it (a broader zone), with the
 * best weight and the explanation text for every side. Scoring a complaint is then one walk over a
 * list, with no per-request maps, sorting or string building. Pure.
 */
import type { Muscle, Region } from '../kb/schema.js'
import type { Side } from './types.js'
import { WEIGHTS } from './weights.js'

type Zone = Muscle['referralZones'][number]

export interface ReachEdge {
  muscle: Muscle
  zone: Zone
  weight: number
  /** `muscle@zoneRegion`: the explanation's ref. */
  ref: string
  /** The explanation's detail for the side the zone lands on (`none`: no side reported, or midline). */
  detail: Readonly<Record<Side | 'none', string>>
}

/** The side a zone lands on for a complaint side: referral is ipsilateral unless the zone says otherwise. */
export function zoneSide(complaintSide: Side | undefined, laterality: string): Side | undefined {
  if (!complaintSide) return undefined
  if (complaintSide === 'both' || laterality === 'bilateral') return 'both'
  if (laterality === 'midline') return undefined
  if (laterality === 'contralateral') return complaintSide === 'left' ? 'right' : 'left'
  return complaintSide
}

/**
 * Region id → the muscles a complaint there reaches, sorted by muscle id. Per muscle the first best
 * of: a zone on the region itself (×1), a zone on a region inside it (×broaderReport), a zone on an
 * enclosing region, nearest first (×broaderZone).
 */
export function buildReach(
  regions: ReadonlyMap<string, Region>,
  subtree: ReadonlyMap<string, readonly string[]>,
  ancestors: ReadonlyMap<string, readonly string[]>,
  referralsTo: ReadonlyMap<string, readonly { muscle: Muscle; zone: Zone }[]>,
): Map<string, ReachEdge[]> {
  const out = new Map<string, ReachEdge[]>()
  for (const region of regions.values()) {
    const best = new Map<string, { weight: number; zone: Zone; muscle: Muscle; how: string }>()
    const consider = (r: string, factor: number, how: string): void => {
      for (const edge of referralsTo.get(r) ?? []) {
        const w = (edge.zone.zone === 'essential' ? WEIGHTS.essential : WEIGHTS.spillover) * factor
        const prev = best.get(edge.muscle.id)
        if (!prev || w > prev.weight) best.set(edge.muscle.id, { weight: w, zone: edge.zone, muscle: edge.muscle, how })
      }
    }
    consider(region.id, 1, 'reported')
    for (const r of subtree.get(region.id) ?? []) if (r !== region.id) consider(r, WEIGHTS.broaderReport, `within the reported ${region.label}`)
    for (const a of ancestors.get(region.id) ?? []) consider(a, WEIGHTS.broaderZone, `covering the reported ${region.label}`)
    out.set(region.id, [...best.entries()].sort(([a], [c]) => (a < c ? -1 : 1)).map(([, b]) => {
      const label = regions.get(b.zone.region)?.label ?? b.zone.region
      const text = (sideText: string): string =>
        `${label} (${b.how}${sideText}) is ${b.zone.zone === 'essential' ? 'an essential' : 'a spillover'} referral zone of ${b.muscle.name}`
      return {
        muscle: b.muscle, zone: b.zone, weight: b.weight, ref: `${b.muscle.id}@${b.zone.region}`,
        detail: { none: text(''), left: text(', left side'), right: text(', right side'), both: text(', both sides') },
      }
    }))
  }
  return out
}
