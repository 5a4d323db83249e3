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
export function overviewMapUrl(areas: readonly { region: string; side: MapSide | null }[], muscles: readonly { id: string; sides: readonly ('left' | 'right')[] }[]): string {
  const a = [...new Set(areas.map((x) => item(x.region, x.side)))].slice(0, MAX_MAP_AREAS)
  const m = muscles.slice(0, MAX_MAP_MUSCLES).map((x) => item(x.id, mapSide(x.sides)))
  const query = [a.length ? `regions=${a.join(',')}` : '', m.length ? `muscles=${m.join(',')}` : ''].filter(Boolean).join('&')
  return `/v1/recommendations/map.svg${query ? `?${query}` : ''}`
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
