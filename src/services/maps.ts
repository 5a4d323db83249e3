/**
 * The map use cases: a blank chart per view, a muscle's referral map, a recommendation's overview.
 * Every answer depends only on its query and the knowledge base, which cannot change while serving:
 * charts and muscle maps (a few hundred) are drawn once and kept; overviews (any mix of ids) are drawn
 * per request, they cost well under a millisecond.
 */
import type { CompiledKb } from '../engine/compile.js'
import { suggestIds } from '../engine/suggest.js'
import { AppError } from '../errors.js'
import { chartSvg, muscleMapSvg, overviewSvg, type MapSide } from '../maps/maps.js'
import type { ViewId } from '../maps/types.js'
import { parseMapList } from '../maps/urls.js'

/** What the map routes need to describe their parameters. */
export { VIEW_IDS, type ViewId } from '../maps/types.js'
export { mapListPattern, MAX_MAP_AREAS, MAX_MAP_MUSCLES } from '../maps/urls.js'

export function createMapService(kb: CompiledKb) {
  const kept = new Map<string, Buffer>()
  const keep = (key: string, draw: () => string): Buffer => {
    let svg = kept.get(key)
    if (svg === undefined) {
      svg = Buffer.from(draw())
      kept.set(key, svg)
    }
    return svg
  }
  const muscleOf = (id: string) => {
    const m = kb.muscles.get(id)
    if (m) return m
    const suggestions = suggestIds(id, kb.muscles.keys())
    throw new AppError('NMT_ERR_NOT_FOUND', `No muscle with id "${id}"${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : ''}`,
      { unknown: [{ field: 'id', value: id, suggestions }] })
  }

  return {
    /** The blank chart of a view. */
    chart: (view: ViewId): Buffer => keep(`chart:${view}`, () => chartSvg(kb, view)),

    /**
     * A muscle's referral map.
     * @throws AppError NMT_ERR_NOT_FOUND for an unknown muscle
     */
    muscle(id: string, side: MapSide): Buffer {
      const muscle = muscleOf(id)
      return keep(`muscle:${id}:${side}`, () => muscleMapSvg(kb, muscle, side))
    },

    /**
     * A recommendation's overview, from its query (lists already validated by the route schema).
     * @throws AppError NMT_ERR_UNKNOWN_ID for unknown region or muscle ids
     */
    overview(query: { regions?: string; muscles?: string }): Buffer {
      const areas = parseMapList(query.regions)
      const muscles = parseMapList(query.muscles)
      const unknown = [
        ...areas.filter((a) => !kb.regions.has(a.id)).map((a) => ({ field: 'regions', value: a.id, suggestions: suggestIds(a.id, kb.regions.keys()) })),
        ...muscles.filter((m) => !kb.muscles.has(m.id)).map((m) => ({ field: 'muscles', value: m.id, suggestions: suggestIds(m.id, kb.muscles.keys()) })),
      ]
      if (unknown.length > 0) {
        throw new AppError('NMT_ERR_UNKNOWN_ID', `Unknown id${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => `${u.field}=${u.value}`).join('; ')}`, { unknown })
      }
      const seen = new Set<string>()
      return Buffer.from(overviewSvg(kb, {
        areas: areas.map((a) => ({ region: a.id, side: a.side })),
        // A muscle listed twice keeps its first place (its number on the map).
        muscles: muscles.filter((m) => !seen.has(m.id) && seen.add(m.id)).map((m) => ({ muscle: kb.muscles.get(m.id)!, side: m.side ?? 'both' })),
      }))
    },
  }
}

export type MapService = ReturnType<typeof createMapService>
