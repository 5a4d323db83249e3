/**
 * The map URLs a recommendation carries, and the overview's query read back. The overview's query
 * says everything the picture shows (areas with sides, muscles in rank order with sides), so the URL
 * alone gives the same bytes every time and can be cached like the catalogs.
 */
import type { MapSide } from './maps.js'

export const MAX_MAP_AREAS = 12
export const MAX_MAP_MUSCLES = 10

const ITEM = '[a-z0-9]+(-[a-z0-9]+)*(:(left|right|both))?'
/** A comma-separated list of `id` or `id:side`, at most `max` items. */
export const mapListPattern = (max: number): string => `^${ITEM}(,${ITEM}){0,${max - 1}}$`

/** The side a map draws for sides to work: one side, or both when both or none are given. */
export function mapSide(sides: readonly ('left' | 'right')[]): MapSide {
  return sides.length === 1 ? sides[0]! : 'both'
}

/** GET path of a muscle's referral map on the sides to work. */
export function muscleMapUrl(id: string, sides: readonly ('left' | 'right')[]): string {
  return `/v1/muscles/${id}/map.svg?side=${mapSide(sides)}`
}

const item = (id: string, side: MapSide | null): string => (side === null ? id : `${id}:${side}`)

/** GET path of a recommendation's overview: reported areas (with the side reported) and muscles in rank order. */
export function overviewMapUrl(areas: readonly { region: string; side?: MapSide | null }[], muscles: readonly { id: string; sides: readonly ('left' | 'right')[] }[]): string {
  // Plain loops: this runs on every recommendation answered.
  const seen: string[] = []
  for (let i = 0; i < areas.length && seen.length < MAX_MAP_AREAS; i++) {
    const a = item(areas[i]!.region, areas[i]!.side ?? null)
    if (!seen.includes(a)) seen.push(a)
  }
  let list = ''
  for (let i = 0; i < muscles.length && i < MAX_MAP_MUSCLES; i++) list += `${i ? ',' : ''}${muscles[i]!.id}:${mapSide(muscles[i]!.sides)}`
  const regions = seen.join(',')
  const query = regions && list ? `regions=${regions}&muscles=${list}` : regions ? `regions=${regions}` : list ? `muscles=${list}` : ''
  return query ? `/v1/recommendations/map.svg?${query}` : '/v1/recommendations/map.svg'
}

/** A list as the overview's query carries it (already validated by mapListPattern), items in order, repeats dropped. */
export function parseMapList(value: string | undefined): { id: string; side: MapSide | null }[] {
  if (!value) return []
  const seen = new Set<string>()
  const out: { id: string; side: MapSide | null }[] = []
  for (const part of value.split(',')) {
    if (seen.has(part)) continue
    seen.add(part)
    const [id, side] = part.split(':') as [string, MapSide | undefined]
    out.push({ id, side: side ?? null })
  }
  return out
}
