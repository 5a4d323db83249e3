/**
 * The head, face and neck from the side, drawn by us: the right side (face to the viewer's right)
 * and the left side (its mirror image), so sided regions have a shape on each side. Midline regions
 * (top of head, nose, mouth, chin, throat) show on both profiles.
 */
import { mirrorX } from '../geometry.js'
import type { ChartShape, ChartView, Point } from '../types.js'

const CELL = 190

/** The right profile, face to the right, in one cell. */
const PROFILE: readonly (readonly [string, boolean, readonly Point[]])[] = [
  ['vertex', false, [[54, 44], [60, 34], [72, 26], [90, 20], [108, 22], [120, 28], [116, 44]]],
  ['forehead', true, [[116, 44], [120, 28], [132, 38], [140, 50], [143, 62], [120, 62]]],
  ['temple', true, [[92, 44], [116, 44], [120, 62], [122, 68], [110, 72], [96, 76]]],
  ['side-of-head-above-ear', true, [[66, 44], [92, 44], [96, 76], [92, 88], [86, 84], [72, 86], [69, 84]]],
  ['back-of-head', true, [[54, 44], [66, 44], [69, 84], [66, 118], [42, 124], [36, 110], [38, 86], [44, 62]]],
  ['base-of-skull', true, [[42, 124], [66, 118], [72, 144], [52, 152], [40, 132]]],
  ['eyebrow', true, [[120, 62], [143, 62], [144, 68], [122, 68]]],
  ['behind-eye', true, [[110, 72], [122, 68], [126, 82], [112, 84]]],
  ['eye', true, [[122, 68], [144, 68], [141, 74], [139, 82], [126, 82]]],
  ['nose-sinus', false, [[139, 82], [141, 74], [148, 88], [156, 102], [154, 106], [146, 108], [138, 104]]],
  ['cheek', true, [[96, 76], [110, 72], [112, 84], [126, 82], [139, 82], [138, 104], [128, 108], [104, 108], [104, 104], [103, 88], [92, 88]]],
  ['ear', true, [[69, 84], [72, 86], [86, 84], [92, 88], [92, 106], [84, 118], [74, 114], [68, 100]]],
  ['tmj', true, [[92, 88], [103, 88], [104, 104], [92, 106]]],
  ['upper-teeth', true, [[128, 108], [136, 106], [137, 119], [129, 119]]],
  ['lower-teeth', true, [[129, 119], [137, 119], [136, 130], [131, 130]]],
  ['mouth-tongue', false, [[136, 106], [138, 104], [146, 108], [148, 114], [145, 119], [147, 124], [143, 130], [136, 130], [137, 119]]],
  ['chin', false, [[131, 130], [143, 130], [145, 140], [144, 150], [136, 157], [134, 148]]],
  ['jaw', true, [[92, 106], [104, 104], [104, 108], [128, 108], [129, 119], [131, 130], [134, 148], [136, 157], [120, 160], [104, 158], [92, 148], [86, 124], [84, 118]]],
  ['back-of-neck', true, [[52, 152], [72, 144], [74, 205], [64, 205], [62, 180], [58, 164]]],
  ['side-of-neck', true, [[72, 144], [66, 118], [74, 114], [84, 118], [86, 124], [92, 148], [104, 158], [104, 205], [74, 205]]],
  ['throat', false, [[104, 158], [120, 160], [113, 166], [113, 205], [104, 205]]],
]

/** Lines that help find the way (the eye's opening, the lips' parting), in the right profile. */
const DETAILS: readonly (readonly Point[])[] = [[[128, 75], [134, 73], [140, 75]], [[137, 119], [145, 119]]]

const right = (pts: readonly Point[]): Point[] => pts.map(([x, y]) => [x, y] as const)
const left = (pts: readonly Point[]): Point[] => mirrorX(pts, CELL / 2, CELL)

export const head: ChartView = {
  id: 'head', label: 'Head, face and neck from the side', width: 2 * CELL, height: 215,
  outline: [],
  details: [...DETAILS.map(right), ...DETAILS.map(left)],
  captions: [
    { x: CELL / 2, y: 14, text: 'Right side', anchor: 'middle' },
    { x: CELL + CELL / 2, y: 14, text: 'Left side', anchor: 'middle' },
  ],
  shapes: PROFILE.flatMap(([region, sided, pts]): ChartShape[] => [
    { region, side: sided ? 'right' : null, points: right(pts) },
    { region, side: sided ? 'left' : null, points: left(pts) },
  ]),
}
