/**
 * Draws maps from the charts: picks the views that show something, lays them out (the whole body
 * front and back side by side, close views below, a legend last), shades shapes and marks trigger
 * points. Pure and deterministic: the same map spec gives the same bytes.
 */
import { VIEWS } from './charts/index.js'
import { fmt, lineData, pathData, spreadPoints } from './geometry.js'
import { esc, FONT, PAINT, SPILLOVER_PATTERN, tag } from './svg.js'
import type { ChartShape, ChartSide, ChartView, Point } from './types.js'

export type PaintKind = 'essential' | 'spillover' | 'reported'

/** Shade every shape of `region` or of a region below it, on the given sides (midline shapes always). */
export interface Paint { region: string; sides: readonly ChartSide[]; kind: PaintKind }
/** A marked point (a trigger point) in the shapes of `region` on the given sides. */
export interface Marker { region: string; sides: readonly ChartSide[]; id: string; title: string; label: string }
export interface LegendEntry { kind: PaintKind | 'marker'; text: string; label?: string }

export interface MapSpec {
  title: string
  desc: string
  paints: readonly Paint[]
  markers: readonly Marker[]
  legend: readonly LegendEntry[]
}

/** What the renderer needs of the region hierarchy: a region's ancestors, nearest first. */
export type Ancestors = ReadonlyMap<string, readonly string[]>

const WIDTH = 480
const BODY_W = 240
/** Close views fill the width, but no taller than this: a map stays one screen or page long. */
const CLOSE_MAX_HEIGHT = 280
const LEGEND_FONT = 18
const LINE = 28
const HEADING = 22
const RANK: Record<PaintKind, number> = { reported: 1, spillover: 2, essential: 3 }
const FILL: Record<PaintKind, string> = { essential: PAINT.essential, spillover: 'url(#nmt-spillover)', reported: PAINT.reported }

/** Characters of legend text per line: what fits the width at the legend's font size, with room to spare. */
const LEGEND_CHARS = 40
const HEADING_CHARS = 34

/** Words in lines of at most `max` characters (a longer word gets a line of its own). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  return line ? [...lines, line] : lines
}

const isBody = (v: ChartView): boolean => v.id === 'front' || v.id === 'back'

const onSide = (shape: ChartShape, sides: readonly ChartSide[]): boolean => shape.side === null || sides.includes(shape.side)
const under = (region: string, target: string, ancestors: Ancestors): boolean =>
  region === target || (ancestors.get(region)?.includes(target) ?? false)

function paintOf(shape: ChartShape, paints: readonly Paint[], ancestors: Ancestors): PaintKind | null {
  let best: PaintKind | null = null
  for (const p of paints) {
    if (onSide(shape, p.sides) && under(shape.region, p.region, ancestors) && (best === null || RANK[p.kind] > RANK[best])) best = p.kind
  }
  return best
}

/** The shapes a marker goes in: its region's own shapes, else (a region drawn only in parts) those below it. */
function anchorShapes(m: Marker, ancestors: Ancestors): { view: ChartView; shape: ChartShape }[] {
  const all = VIEWS.flatMap((view) => view.shapes.map((shape) => ({ view, shape }))).filter((x) => onSide(x.shape, m.sides))
  const own = all.filter((x) => x.shape.region === m.region)
  return own.length > 0 ? own : all.filter((x) => under(x.shape.region, m.region, ancestors))
}

const shapeTitle = (s: ChartShape, label: (id: string) => string): string => (s.side ? `${label(s.region)} (${s.side})` : label(s.region))

/** One view's shapes, shaded, with its markers, in the view's own coordinates. */
function drawView(view: ChartView, spec: Pick<MapSpec, 'paints'>, marks: Map<ChartShape, Marker[]>, ancestors: Ancestors, label: (id: string) => string, captionSize: number): string {
  const out: string[] = []
  for (const o of view.outline) out.push(tag('path', { d: pathData(o), fill: PAINT.outline, stroke: PAINT.stroke, 'stroke-width': 0.8 }))
  for (const s of view.shapes) {
    const kind = paintOf(s, spec.paints, ancestors)
    out.push(tag('path', {
      d: pathData(s.points), 'data-region': s.region, 'data-side': s.side ?? undefined,
      'data-zone': kind === 'essential' || kind === 'spillover' ? kind : undefined, 'data-reported': kind === 'reported' ? 'true' : undefined,
      fill: kind ? FILL[kind] : PAINT.blank, stroke: kind === 'reported' ? PAINT.reportedEdge : PAINT.stroke, 'stroke-width': kind === 'reported' ? 1.4 : 0.8,
    }, tag('title', {}, esc(shapeTitle(s, label)))))
  }
  for (const d of view.details) out.push(tag('path', { d: lineData(d), fill: 'none', stroke: PAINT.stroke, 'stroke-width': 0.8, 'pointer-events': 'none' }))
  for (const s of view.shapes) {
    const list = marks.get(s)
    if (!list) continue
    spreadPoints(s.points, list.length).forEach((p: Point, i) => {
      const m = list[i]!
      const r = view.width > BODY_W ? 6.5 : 7.5
      out.push(tag('g', { 'data-trigger-point': m.id, 'data-side': s.side ?? undefined }, [
        tag('title', {}, esc(m.title)),
        tag('circle', { cx: fmt(p[0]), cy: fmt(p[1]), r, fill: PAINT.marker, stroke: '#ffffff', 'stroke-width': 1.5 }),
        m.label ? tag('text', { x: fmt(p[0]), y: fmt(p[1] + r * 0.62), 'font-size': fmt(r * 1.6), 'font-weight': 700, 'text-anchor': 'middle', fill: '#ffffff', 'font-family': FONT }, esc(m.label)) : '',
      ].join('')))
    })
  }
  for (const c of view.captions) {
    out.push(tag('text', { x: c.x, y: c.y + captionSize - 12, 'font-size': captionSize, 'text-anchor': c.anchor, fill: PAINT.text, 'font-family': FONT, 'pointer-events': 'none' }, esc(c.text)))
  }
  return out.join('')
}

/** The root element, accessible: role="img", a <title> and a <desc>. */
function root(width: number, height: number, title: string, desc: string, body: string): string {
  return tag('svg', {
    xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${fmt(width)} ${fmt(height)}`, width: fmt(width), height: fmt(height),
    role: 'img', 'aria-labelledby': 'nmt-map-title nmt-map-desc',
  }, tag('title', { id: 'nmt-map-title' }, esc(title)) + tag('desc', { id: 'nmt-map-desc' }, esc(desc)) + body) + '\n'
}

/** A blank chart of one view, every shape named: for picking where it hurts. */
export function renderChart(view: ChartView, title: string, desc: string, ancestors: Ancestors, label: (id: string) => string): string {
  const body = tag('rect', { width: view.width, height: view.height, fill: '#ffffff' }) + drawView(view, { paints: [] }, new Map(), ancestors, label, view.width > BODY_W ? 14 : 13)
  return root(view.width, view.height, title, desc, body)
}

/** A map: the views that show a shaded shape or a marker, a heading and a legend. */
export function renderMap(spec: MapSpec, ancestors: Ancestors, label: (id: string) => string): string {
  const marks = new Map<ChartShape, Marker[]>()
  for (const m of spec.markers) {
    for (const { shape } of anchorShapes(m, ancestors)) {
      marks.set(shape, [...(marks.get(shape) ?? []), m])
    }
  }
  const lit = (v: ChartView): ChartShape[] => v.shapes.filter((s) => marks.has(s) || paintOf(s, spec.paints, ancestors) !== null)
  // Close views first; a whole-body view only when it shows something they do not (a head muscle's
  // map is the head alone, not a full figure with a shaded temple).
  const close = VIEWS.filter((v) => !isBody(v) && lit(v).length > 0)
  const inClose = new Set(close.flatMap((v) => lit(v).map((s) => s.region)))
  let views = VIEWS.filter((v) => isBody(v) && lit(v).some((s) => !inClose.has(s.region))).concat(close)
  if (views.length === 0) views = VIEWS.filter(isBody)
  const parts: string[] = [tag('defs', {}, SPILLOVER_PATTERN), '']
  let y = 8
  for (const line of wrap(spec.title, HEADING_CHARS)) {
    y += HEADING + 6
    parts.push(tag('text', { x: 12, y, 'font-size': HEADING, 'font-weight': 700, fill: PAINT.text, 'font-family': FONT }, esc(line)))
  }
  y += 10
  const body = views.filter(isBody)
  if (body.length > 0) {
    const x0 = (WIDTH - body.length * BODY_W) / 2
    body.forEach((v, i) => parts.push(tag('g', { transform: `translate(${fmt(x0 + i * BODY_W)} ${fmt(y)})`, 'data-view': v.id }, drawView(v, spec, marks, ancestors, label, 16))))
    y += body[0]!.height
  }
  for (const v of close) {
    const scale = Math.min(WIDTH / v.width, CLOSE_MAX_HEIGHT / v.height)
    const x0 = (WIDTH - v.width * scale) / 2
    parts.push(tag('g', { transform: `translate(${fmt(x0)} ${fmt(y)}) scale(${fmt(scale)})`, 'data-view': v.id }, drawView(v, spec, marks, ancestors, label, Math.round(17 / scale))))
    y += v.height * scale + 8
  }
  y += 8
  for (const e of spec.legend) {
    const cy = y + LINE / 2
    if (e.kind === 'marker') {
      parts.push(tag('circle', { cx: 26, cy: fmt(cy), r: e.label ? 10 : 7, fill: PAINT.marker, stroke: '#ffffff', 'stroke-width': 1.5 }))
      if (e.label) parts.push(tag('text', { x: 26, y: fmt(cy + 5), 'font-size': 14, 'font-weight': 700, 'text-anchor': 'middle', fill: '#ffffff', 'font-family': FONT }, esc(e.label)))
    }
    else parts.push(tag('rect', { x: 14, y: fmt(cy - 9), width: 24, height: 18, fill: FILL[e.kind], stroke: e.kind === 'reported' ? PAINT.reportedEdge : PAINT.stroke }))
    for (const line of wrap(e.text, LEGEND_CHARS)) {
      parts.push(tag('text', { x: 48, y: fmt(y + LINE / 2 + 6), 'font-size': LEGEND_FONT, fill: PAINT.text, 'font-family': FONT }, esc(line)))
      y += LINE
    }
  }
  y += 10
  parts[1] = tag('rect', { width: WIDTH, height: fmt(y), fill: '#ffffff' })
  return root(WIDTH, y, spec.title, spec.desc, parts.join(''))
}
