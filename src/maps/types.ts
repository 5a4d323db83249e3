/**
 * The shapes of our body charts and the maps drawn from them. Charts are data (polygons), not
 * markup, so every map is rendered from one definition and left/right come from one half.
 */

export type Point = readonly [number, number]
export type ChartSide = 'left' | 'right'

/** The views drawn, in the order maps lay them out. */
export const VIEW_IDS = ['front', 'back', 'head', 'hand-palm', 'hand-back', 'foot-sole'] as const
export type ViewId = (typeof VIEW_IDS)[number]

/** One tappable, shadeable shape: a region of GET /v1/regions, on one side (null: a midline region). */
export interface ChartShape {
  region: string
  side: ChartSide | null
  points: readonly Point[]
}

/** A caption drawn on a view ("Right", "Left side", ...). */
export interface Caption {
  x: number
  y: number
  text: string
  anchor: 'start' | 'middle' | 'end'
}

export interface ChartView {
  id: ViewId
  /** What the view shows, in words (the map's title and the widget's button). */
  label: string
  width: number
  height: number
  /** Drawn behind the shapes and not tappable: what no region names (fingers at body scale, a nose line). */
  outline: readonly (readonly Point[])[]
  /** Drawn over the shapes, never intercepting a tap: features that help a reader find their way. */
  details: readonly (readonly Point[])[]
  shapes: readonly ChartShape[]
  captions: readonly Caption[]
}
