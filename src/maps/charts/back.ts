/**
 * The back of the whole body, drawn by us: the same stylised figure as the front, seen from behind,
 * so the body's right is on the viewer's right. Strips along the outer edge of the limbs carry the
 * outer (lateral) regions; the inner ones are on the front view.
 */
import { bodyHalf } from '../geometry.js'
import type { ChartView } from '../types.js'
import { FINGERS_OUTLINE, HAND_OUTLINE } from './front.js'

const W = 240
const CX = W / 2
const h = bodyHalf(CX, 'viewer-right')

export const back: ChartView = {
  id: 'back', label: 'Back of the body', width: W, height: 620,
  outline: [
    ...h.both(HAND_OUTLINE), ...h.both(FINGERS_OUTLINE),
    ...h.both([[27, 42], [31, 40], [32.5, 47], [31, 55], [26.2, 52]]),
  ],
  details: [],
  captions: [
    { x: 8, y: 16, text: 'Left', anchor: 'start' },
    { x: W - 8, y: 16, text: 'Right', anchor: 'end' },
    { x: CX, y: 612, text: 'Back', anchor: 'middle' },
  ],
  shapes: [
    // head and neck
    h.midline('vertex', [[0, 12], [11, 13], [19, 17], [22, 21], [0, 21]]),
    ...h.sided('back-of-head', [[0, 21], [22, 21], [26, 30], [27, 42], [26.4, 56], [0, 56]]),
    ...h.sided('base-of-skull', [[0, 56], [26.4, 56], [25, 62], [21, 70], [16, 74], [0, 74]]),
    ...h.sided('back-of-neck', [[0, 74], [16, 74], [14, 84], [14, 96], [0, 96]]),
    ...h.sided('base-of-neck', [[0, 96], [14, 96], [16, 100], [18, 104], [12, 108], [0, 110]]),
    // shoulders and upper back
    ...h.sided('top-of-shoulder', [[12, 108], [18, 104], [34, 108], [52, 111], [62, 115], [58, 119], [34, 116], [14, 116]]),
    ...h.sided('between-shoulder-blades', [[0, 110], [12, 108], [14, 116], [14, 124], [18, 172], [18, 184], [0, 184]]),
    ...h.sided('top-of-shoulder-blade', [[14, 116], [34, 116], [58, 119], [54, 128], [22, 128], [14, 124]]),
    ...h.sided('inner-border-shoulder-blade', [[14, 124], [22, 128], [24, 166], [18, 172]]),
    ...h.sided('shoulder-blade', [[22, 128], [54, 128], [54, 134], [51, 152], [45, 166], [24, 166]]),
    ...h.sided('lower-tip-shoulder-blade', [[18, 172], [24, 166], [45, 166], [49.5, 172], [49, 184], [18, 184]]),
    ...h.sided('back-of-shoulder', [[54, 128], [58, 119], [62, 115], [66, 122], [66, 152], [56, 152], [54, 134]]),
    ...h.sided('side-of-shoulder', [[62, 115], [68, 120], [72, 130], [73, 142], [72, 152], [66, 152], [66, 134], [66, 122]]),
    // mid and low back, pelvis
    ...h.sided('mid-back', [[0, 184], [49, 184], [46, 212], [0, 212]]),
    ...h.sided('low-back', [[0, 212], [46, 212], [44, 232], [45, 248], [30, 244], [12, 246], [0, 246]]),
    ...h.sided('iliac-crest', [[12, 246], [30, 244], [45, 248], [47, 258], [30, 254], [12, 256]]),
    h.midline('sacrum', [[0, 246], [12, 246], [12, 256], [9.5, 276], [6, 284], [0, 286]]),
    h.midline('tailbone', [[0, 286], [6, 284], [5, 296], [0, 300]]),
    ...h.sided('sacroiliac', [[12, 256], [22, 255], [20, 276], [9.5, 276]]),
    ...h.sided('buttock', [[22, 255], [30, 254], [38, 257], [37, 276], [39, 296], [5, 296], [6, 284], [9.5, 276], [20, 276]]),
    ...h.sided('back-of-hip', [[38, 257], [47, 258], [44, 276], [46, 296], [39, 296], [37, 276]]),
    ...h.sided('outer-hip', [[47, 258], [50, 276], [52, 300], [46, 300], [44, 276]]),
    ...h.sided('lower-buttock', [[5, 296], [46, 296], [46, 300], [46, 312], [16, 316], [6, 306]]),
    // thigh, knee, lower leg, heel
    ...h.sided('back-of-thigh', [[16, 316], [46, 312], [44, 340], [41, 370], [38, 394], [24.5, 394], [24, 370], [20, 330]]),
    ...h.sided('outer-thigh', [[46, 300], [52, 300], [50, 340], [46, 380], [44, 394], [38, 394], [41, 370], [44, 340], [46, 312]]),
    ...h.sided('back-of-knee', [[24.5, 394], [38, 394], [38, 432], [26.5, 438], [25.5, 418]]),
    ...h.sided('outer-knee', [[38, 394], [44, 394], [43, 430], [38, 432]]),
    ...h.sided('calf', [[26.5, 438], [38, 432], [37, 460], [36, 500], [35, 512], [26.5, 512], [26, 500], [25, 460]]),
    ...h.sided('outer-leg', [[38, 432], [43, 430], [42, 460], [40, 500], [38, 530], [35, 512], [36, 500], [37, 460]]),
    ...h.sided('achilles', [[26.5, 512], [35, 512], [34, 542], [28, 542]]),
    ...h.sided('outer-ankle', [[35, 512], [38, 530], [40, 542], [38, 552], [34, 552], [34, 542]]),
    ...h.sided('heel', [[28, 542], [34, 542], [34, 552], [38, 552], [37, 566], [31, 570], [26, 566], [25.5, 552]]),
    // arm, seen from behind
    ...h.sided('back-of-upper-arm', [[56, 152], [66, 152], [68, 185], [71, 212], [63, 212], [60, 185], [57, 162]]),
    ...h.sided('outer-upper-arm', [[66, 152], [72, 152], [75, 180], [77, 212], [71, 212], [68, 185]]),
    ...h.sided('back-of-elbow', [[63, 212], [71, 212], [73, 230], [65, 230]]),
    ...h.sided('outer-elbow', [[71, 212], [77, 212], [78, 230], [73, 230]]),
    ...h.sided('back-of-forearm', [[65, 230], [73, 230], [77, 265], [80, 300], [74, 300], [70, 265]]),
    ...h.sided('thumb-side-forearm', [[73, 230], [78, 230], [82, 265], [86, 300], [80, 300], [77, 265]]),
    ...h.sided('back-of-wrist', [[74, 300], [86, 300], [87, 310], [75, 310]]),
    ...h.sided('back-of-hand', [[75, 310], [87, 310], [89, 326], [89, 335], [76, 338]]),
  ],
}
