/**
 * Plane geometry for the charts: polygons to SVG path data, mirroring one half of the body into
 * both sides, and points inside a polygon (where a trigger point is marked). Pure and exact to 0.1.
 */
import type { ChartShape, ChartSide, Point } from './types.js'

/** A number as path data prints it: at most one decimal, no trailing zero. */
export function fmt(n: number): string {
  const r = Math.round(n * 10) / 10
  return Object.is(r, -0) ? '0' : String(r)
}

/** SVG path data of a closed polygon. */
export function pathData(points: readonly Point[]): string {
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${fmt(x)} ${fmt(y)}`).join('') + 'Z'
}

/** Open polyline path data (details: a jaw line, a fold). */
export function lineData(points: readonly Point[]): string {
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${fmt(x)} ${fmt(y)}`).join('')
}

/**
 * Places half-body drawings on a view. Points are given for the body's right side as
 * [distance out from the midline, y]; `rightOn` says on which half of the view the body's right lies
 * (the viewer's left when facing the figure, the viewer's right when behind it).
 */
export function bodyHalf(cx: number, rightOn: 'viewer-left' | 'viewer-right', dx = 0) {
  const place = (side: ChartSide, pts: readonly Point[]): Point[] => {
    const sign = (side === 'right') === (rightOn === 'viewer-right') ? 1 : -1
    return pts.map(([x, y]) => [cx + dx + sign * x, y] as const)
  }
  return {
    /** A sided region: the same outline on both sides, mirrored. */
    sided: (region: string, pts: readonly Point[]): ChartShape[] => [
      { region, side: 'right', points: place('right', pts) },
      { region, side: 'left', points: place('left', pts) },
    ],
    /** A midline region, given by its right half from top to bottom along the midline; mirrored to close it. */
    midline: (region: string, half: readonly Point[]): ChartShape => ({
      region, side: null, points: [...half.map(([x, y]) => [cx + dx + x, y] as const), ...[...half].reverse().filter(([x]) => x !== 0).map(([x, y]) => [cx + dx - x, y] as const)],
    }),
    /** Both copies of a non-region outline (a hand's fingers, a foot's toes). */
    both: (pts: readonly Point[]): Point[][] => [place('right', pts), place('left', pts)],
    /** A whole-width outline, given by its right half (mirrored). */
    whole: (half: readonly Point[]): Point[] => [...half.map(([x, y]) => [cx + dx + x, y] as const), ...[...half].reverse().filter(([x]) => x !== 0).map(([x, y]) => [cx + dx - x, y] as const)],
  }
}

/** Mirror points about the vertical line x = axis, then shift by dx. */
export function mirrorX(pts: readonly Point[], axis: number, dx = 0): Point[] {
  return pts.map(([x, y]) => [2 * axis - x + dx, y] as const)
}

/** Shift points. */
export function shift(pts: readonly Point[], dx: number, dy = 0): Point[] {
  return pts.map(([x, y]) => [x + dx, y + dy] as const)
}

/** Whether p lies inside the polygon (even-odd rule). */
export function inside(p: Point, poly: readonly Point[]): boolean {
  let hit = false
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!
    const [xj, yj] = poly[j]!
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) hit = !hit
  }
  return hit
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const len = dx * dx + dy * dy
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len))
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
}

/** Distance from p to the polygon's edge. */
export function edgeDistance(p: Point, poly: readonly Point[]): number {
  let d = Infinity
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) d = Math.min(d, segmentDistance(p, poly[j]!, poly[i]!))
  return d
}

/** Bounding box [minX, minY, maxX, maxY]. */
export function bbox(poly: readonly Point[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
  for (const [x, y] of poly) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y)
  }
  return [x0, y0, x1, y1]
}

/**
 * `count` points inside a polygon, well apart and away from its edge (a grid search, greedy: each
 * next point is the one farthest from the edge and from the points already taken). Deterministic.
 */
export function spreadPoints(poly: readonly Point[], count: number): Point[] {
  const [x0, y0, x1, y1] = bbox(poly)
  const steps = 24
  const grid: { p: Point; edge: number }[] = []
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const p: Point = [x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * j) / steps]
      if (inside(p, poly)) grid.push({ p, edge: edgeDistance(p, poly) })
    }
  }
  if (grid.length === 0) return Array.from({ length: count }, () => [(x0 + x1) / 2, (y0 + y1) / 2] as const)
  const taken: Point[] = []
  for (let k = 0; k < count; k++) {
    let best = grid[0]!
    let bestScore = -Infinity
    for (const g of grid) {
      const apart = taken.length ? Math.min(...taken.map((t) => Math.hypot(t[0] - g.p[0], t[1] - g.p[1]))) : Infinity
      const score = Math.min(g.edge, apart / 2)
      if (score > bestScore) { bestScore = score; best = g }
    }
    taken.push(best.p)
  }
  return taken
}
