/**
 * Both hands close up, drawn by us: the palms as seen from the front (the body's right hand on the
 * viewer's left, thumbs outward) and the backs as seen from behind (the right hand on the viewer's
 * right). One right hand is drawn, palm side, thumb to the left; the others are its mirror images.
 */
import { mirrorX } from '../geometry.js'
import type { ChartShape, ChartView, Point } from '../types.js'

const CELL = 150
const FINGERS: readonly (readonly [string, readonly Point[]])[] = [
  ['index-finger', [[50, 46], [52, 40], [56, 37], [61, 40], [63.5, 46], [63.5, 120], [50, 120]]],
  ['middle-finger', [[63.5, 36], [66, 30], [70.5, 27], [75, 30], [77.5, 36], [77.5, 120], [63.5, 120]]],
  ['ring-finger', [[77.5, 42], [80, 36], [84.5, 34], [89, 37], [91, 44], [91, 120], [77.5, 120]]],
  ['little-finger', [[91, 62], [93, 56], [97, 54], [101, 57], [103, 64], [103, 122], [91, 120]]],
  ['thumb', [[44, 150], [36, 138], [28, 120], [24, 106], [27, 99], [33, 100], [42, 114], [50, 126]]],
]
const PALM: readonly (readonly [string, readonly Point[]])[] = [
  ['palm', [[50, 120], [91, 120], [103, 122], [104, 150], [102, 200], [72, 200], [66, 150], [50, 126]]],
  ['thumb-base', [[50, 126], [66, 150], [72, 200], [50, 200], [44, 172], [44, 150]]],
  ['front-of-wrist', [[50, 200], [102, 200], [101, 222], [52, 222]]],
]
const BACK: readonly (readonly [string, readonly Point[]])[] = [
  ['back-of-hand', [[50, 120], [91, 120], [103, 122], [104, 150], [102, 200], [50, 200], [44, 172], [44, 150], [50, 126]]],
  ['back-of-wrist', [[50, 200], [102, 200], [101, 222], [52, 222]]],
]
const FOREARM: readonly Point[] = [[52, 222], [101, 222], [100, 238], [54, 238]]

const asIs = (pts: readonly Point[]): Point[] => pts.map(([x, y]) => [x, y] as const)
const mirrored = (dx: number) => (pts: readonly Point[]): Point[] => mirrorX(pts, CELL / 2, dx)

function hands(parts: typeof PALM, rightHand: (p: readonly Point[]) => Point[], leftHand: (p: readonly Point[]) => Point[]): ChartShape[] {
  return [...FINGERS, ...parts].flatMap(([region, pts]): ChartShape[] => [
    { region, side: 'right', points: rightHand(pts) },
    { region, side: 'left', points: leftHand(pts) },
  ])
}

export const handPalm: ChartView = {
  id: 'hand-palm', label: 'Palms of the hands', width: 2 * CELL, height: 245,
  outline: [asIs(FOREARM), mirrored(CELL)(FOREARM)], details: [],
  captions: [
    { x: CELL / 2, y: 16, text: 'Right palm', anchor: 'middle' },
    { x: CELL + CELL / 2, y: 16, text: 'Left palm', anchor: 'middle' },
  ],
  shapes: hands(PALM, asIs, mirrored(CELL)),
}

export const handBack: ChartView = {
  id: 'hand-back', label: 'Backs of the hands', width: 2 * CELL, height: 245,
  outline: [asIs(FOREARM), mirrored(CELL)(FOREARM)], details: [],
  captions: [
    { x: CELL / 2, y: 16, text: 'Left hand, back', anchor: 'middle' },
    { x: CELL + CELL / 2, y: 16, text: 'Right hand, back', anchor: 'middle' },
  ],
  shapes: hands(BACK, mirrored(CELL), asIs),
}
