/**
 * The soles of both feet, drawn by us, seen from behind and below as in the back view: the right
 * foot on the viewer's right, big toes towards the middle, toes at the top and heels at the bottom.
 */
import { mirrorX } from '../geometry.js'
import type { ChartShape, ChartView, Point } from '../types.js'

const CELL = 130

/** The left sole, big toe on the right (towards the middle), in one cell. */
const SOLE: readonly (readonly [string, readonly Point[]])[] = [
  ['big-toe', [[74, 56], [72, 34], [78, 24], [90, 22], [98, 30], [99, 54]]],
  ['lesser-toes', [[30, 60], [32, 48], [40, 40], [52, 32], [64, 28], [72, 34], [74, 56]]],
  ['ball-of-foot', [[30, 60], [74, 56], [99, 54], [101, 70], [98, 88], [30, 88], [28, 74]]],
  ['arch', [[30, 88], [98, 88], [88, 110], [86, 140], [92, 160], [38, 160], [34, 124]]],
  ['heel', [[38, 160], [92, 160], [92, 184], [84, 202], [66, 208], [48, 202], [38, 184]]],
]

export const footSole: ChartView = {
  id: 'foot-sole', label: 'Soles of the feet', width: 2 * CELL, height: 220,
  outline: [], details: [],
  captions: [
    { x: CELL / 2, y: 14, text: 'Left sole', anchor: 'middle' },
    { x: CELL + CELL / 2, y: 14, text: 'Right sole', anchor: 'middle' },
  ],
  shapes: SOLE.flatMap(([region, pts]): ChartShape[] => [
    { region, side: 'left', points: pts.map(([x, y]) => [x, y] as const) },
    { region, side: 'right', points: mirrorX(pts, CELL / 2, CELL) },
  ]),
}
