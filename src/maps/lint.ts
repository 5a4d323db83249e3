/**
 * The charts' linter: every leaf region of the vocabulary is a named shape in at least one view,
 * every shape names a known region, sided regions have a left and a right shape wherever drawn,
 * midline regions have no side, and every region a muscle lies in or refers to can be drawn.
 */
import { TRIGGER_POINT_PLACES } from './trigger-point-places.js'
import type { ChartView } from './types.js'

export interface LintRegion { id: string; parentId: string | null; sided: boolean }
export interface LintMuscle { id: string; regions: readonly string[]; referralZones: readonly { region: string }[]; triggerPoints: readonly { id: string }[] }

/** Problems found, in words (empty when the charts and the vocabulary agree). */
export function lintCharts(views: readonly ChartView[], regions: readonly LintRegion[], muscles: readonly LintMuscle[] = []): string[] {
  const problems: string[] = []
  const byId = new Map(regions.map((r) => [r.id, r]))
  const parents = new Set(regions.map((r) => r.parentId).filter((p): p is string => p !== null))
  const drawn = new Set<string>()
  for (const view of views) {
    const count = new Map<string, number>()
    for (const s of view.shapes) {
      const region = byId.get(s.region)
      if (!region) {
        problems.push(`${view.id}: a shape names "${s.region}", which is not a region`)
        continue
      }
      drawn.add(s.region)
      if (region.sided && s.side === null) problems.push(`${view.id}: ${s.region} is sided but a shape of it has no side`)
      if (!region.sided && s.side !== null) problems.push(`${view.id}: ${s.region} has no sides but a shape of it is ${s.side}`)
      if (s.points.length < 3) problems.push(`${view.id}: a shape of ${s.region} has fewer than 3 points`)
      const key = `${s.region}/${s.side ?? 'midline'}`
      count.set(key, (count.get(key) ?? 0) + 1)
    }
    for (const r of regions.filter((x) => x.sided)) {
      const left = count.get(`${r.id}/left`) ?? 0
      const right = count.get(`${r.id}/right`) ?? 0
      if (left !== right) problems.push(`${view.id}: ${r.id} has ${right} right and ${left} left shapes`)
      if (left > 1) problems.push(`${view.id}: ${r.id} has ${left} shapes on each side (one per side per view)`)
    }
  }
  for (const r of regions) if (!parents.has(r.id) && !drawn.has(r.id)) problems.push(`leaf region ${r.id} has no shape in any view`)
  // A region drawn only through the regions below it still shades and anchors markers.
  const drawable = (id: string): boolean => drawn.has(id) || regions.some((r) => r.parentId === id && drawable(r.id))
  for (const m of muscles) {
    for (const id of new Set([...m.regions, ...m.referralZones.map((z) => z.region)])) {
      if (!drawable(id)) problems.push(`muscle ${m.id}: region ${id} cannot be drawn (no shape for it or below it)`)
    }
  }
  const points = new Set(muscles.flatMap((m) => m.triggerPoints.map((t) => `${m.id}/${t.id}`)))
  for (const [key, region] of Object.entries(TRIGGER_POINT_PLACES)) {
    if (muscles.length > 0 && !points.has(key)) problems.push(`trigger point place ${key}: no such muscle trigger point`)
    if (!drawable(region)) problems.push(`trigger point place ${key}: region ${region} cannot be drawn`)
  }
  return problems
}

/** How many distinct regions each view holds. */
export function regionsPerView(views: readonly ChartView[]): Record<string, number> {
  return Object.fromEntries(views.map((v) => [v.id, new Set(v.shapes.map((s) => s.region)).size]))
}
