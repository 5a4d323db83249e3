/**
 * What each map shows and says: the blank chart of a view, a muscle's referral pattern, and the
 * overview of a recommendation (reported areas, trigger points of the muscles to work). Builds the
 * map specs, with a <desc> that lists in words everything shaded and marked, and renders them.
 */
import type { CompiledKb } from '../engine/compile.js'
import type { Muscle } from '../kb/schema.js'
import { VIEW_BY_ID } from './charts/index.js'
import { renderChart, renderMap, type LegendEntry, type Marker, type Paint } from './render.js'
import { triggerPointPlace } from './trigger-point-places.js'
import type { ChartSide, ViewId } from './types.js'

export type MapSide = 'left' | 'right' | 'both'
type MapKb = Pick<CompiledKb, 'regions' | 'ancestors' | 'muscles'>

const BOTH: readonly ChartSide[] = ['left', 'right']
const sidesOf = (side: MapSide | null): readonly ChartSide[] => (side === 'left' || side === 'right' ? [side] : BOTH)
const sideWords = (side: MapSide): string => (side === 'both' ? 'both sides' : `${side} side`)

/** "Temple (right)", "Temple (both sides)", or the label alone for a region without sides. */
function where(kb: MapKb, region: string, sides: readonly ChartSide[]): string {
  const r = kb.regions.get(region)!
  if (!r.sided) return r.label
  return `${r.label} (${sides.length === 2 ? 'both sides' : sides[0]})`
}

const list = (items: readonly string[]): string => (items.length ? `${items.join('; ')}.` : 'none.')

/** The blank chart of one view: every region a named shape, for picking where it hurts. */
export function chartSvg(kb: MapKb, viewId: ViewId): string {
  const view = VIEW_BY_ID.get(viewId)!
  const names = [...new Set(view.shapes.map((s) => s.region))].map((id) => kb.regions.get(id)!.label)
  const desc = `A body chart of the ${view.label.toLowerCase()}, with ${names.length} regions to pick from, each a shape of its own ` +
    `(left and right separate): ${names.join(', ')}. Nothing is shaded.`
  return renderChart(view, `Body chart: ${view.label.toLowerCase()}`, desc, kb.ancestors, (id) => kb.regions.get(id)!.label)
}

/** Sides a referral zone is drawn on, for a muscle worked on `sides`. */
function zoneSides(laterality: Muscle['referralZones'][number]['laterality'], sides: readonly ChartSide[]): readonly ChartSide[] {
  if (laterality === 'ipsilateral') return sides
  if (laterality === 'contralateral') return sides.map((s) => (s === 'left' ? 'right' : 'left'))
  return BOTH
}

function triggerPointMarkers(muscle: Muscle, sides: readonly ChartSide[], label: string): Marker[] {
  return muscle.triggerPoints.map((tp) => ({
    region: triggerPointPlace(muscle, tp.id), sides, id: `${muscle.id}/${tp.id}`, label,
    title: `Trigger point of ${muscle.name}: ${tp.location}`,
  }))
}

/** A muscle's referral pattern on `side`: essential zones solid, spillover zones lighter, trigger points marked. */
export function muscleMapSvg(kb: MapKb, muscle: Muscle, side: MapSide): string {
  const sides = sidesOf(side)
  const paints: Paint[] = muscle.referralZones.map((z) => ({ region: z.region, sides: zoneSides(z.laterality, sides), kind: z.zone }))
  const markers = triggerPointMarkers(muscle, sides, '')
  const zones = (kind: Paint['kind']): string[] => paints.filter((p) => p.kind === kind).map((p) => where(kb, p.region, p.sides))
  const places = markers.map((m) => `${where(kb, m.region, sides)}: ${m.title.slice(m.title.indexOf(': ') + 2)}`)
  const title = `${muscle.name}, ${sideWords(side)}: where it commonly sends pain`
  const desc = `Referral pattern of ${muscle.name} (${sideWords(side)}). Essential zones, shaded solid, where its pain is commonly felt: ` +
    `${list(zones('essential'))} Spillover zones, shaded lighter with stripes, where it is sometimes felt: ${list(zones('spillover'))} ` +
    `Trigger points marked with a dot (${markers.length}): ${list(places)}`
  const legend: LegendEntry[] = [
    { kind: 'essential', text: 'Essential zone: pain commonly felt here' },
    { kind: 'spillover', text: 'Spillover zone: pain sometimes felt here' },
    { kind: 'marker', text: 'Trigger point: where the muscle lies and is worked' },
  ]
  return renderMap({ title, desc, paints, markers, legend }, kb.ancestors, (id) => kb.regions.get(id)!.label)
}

export interface OverviewInput {
  areas: readonly { region: string; side: MapSide | null }[]
  muscles: readonly { muscle: Muscle; side: MapSide }[]
}

/** A recommendation at a glance: the reported areas shaded, the muscles' trigger points numbered in rank order. */
export function overviewSvg(kb: MapKb, input: OverviewInput): string {
  const paints: Paint[] = input.areas.map((a) => ({ region: a.region, sides: sidesOf(a.side), kind: 'reported' }))
  const markers = input.muscles.flatMap((m, i) => triggerPointMarkers(m.muscle, sidesOf(m.side), String(i + 1)))
  const legend: LegendEntry[] = [
    ...(paints.length ? [{ kind: 'reported' as const, text: 'Where it hurts, as reported' }] : []),
    ...input.muscles.map((m, i) => ({ kind: 'marker' as const, label: String(i + 1), text: `${m.muscle.name} (${sideWords(m.side)}): trigger points` })),
  ]
  const numbered = input.muscles.map((m, i) =>
    `${i + 1}, ${m.muscle.name} (${sideWords(m.side)}), in ${[...new Set(m.muscle.triggerPoints.map((tp) => where(kb, triggerPointPlace(m.muscle, tp.id), sidesOf(m.side))))].join(' and ')}`)
  const desc = `Where it hurts, shaded: ${list(paints.map((p) => where(kb, p.region, p.sides)))} ` +
    `Trigger points of the muscles to work, marked with numbered dots: ${list(numbered)}`
  return renderMap({ title: 'Where it hurts and where to work', desc, paints, markers, legend }, kb.ancestors, (id) => kb.regions.get(id)!.label)
}
