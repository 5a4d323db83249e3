/**
 * The front of the whole body, drawn by us: a stylised figure standing with palms forward. Shapes are
 * given for the body's right half as [distance from the midline, y] and mirrored; the body's right is
 * on the viewer's left. Small regions of the face, hand and foot have their own close views.
 */
import { bodyHalf } from '../geometry.js'
import type { ChartView, Point } from '../types.js'

const W = 240
const CX = W / 2
const h = bodyHalf(CX, 'viewer-left')

/** The arm below the shoulder cap, shared with the back view (which names its strips differently). */
export const HAND_OUTLINE: readonly Point[] = [[87, 312], [93, 320], [96, 332], [92, 335], [89, 326]]
export const FINGERS_OUTLINE: readonly Point[] = [[76, 338], [89, 335], [91, 348], [90, 362], [84, 366], [79, 362], [77, 350]]

export const front: ChartView = {
  id: 'front', label: 'Front of the body', width: W, height: 620,
  outline: [...h.both(HAND_OUTLINE), ...h.both(FINGERS_OUTLINE)],
  details: [
    ...h.both([[6, 48], [10, 46.5], [14, 48]]),
    [[CX - 2, 62], [CX, 64], [CX + 2, 62]],
    [[CX - 6, 72], [CX, 73.5], [CX + 6, 72]],
  ],
  captions: [
    { x: 8, y: 16, text: 'Right', anchor: 'start' },
    { x: W - 8, y: 16, text: 'Left', anchor: 'end' },
    { x: CX, y: 612, text: 'Front', anchor: 'middle' },
  ],
  shapes: [
    // head and face
    h.midline('vertex', [[0, 12], [11, 13], [19, 17], [22, 21], [0, 21]]),
    ...h.sided('forehead', [[0, 21], [17, 21], [17, 38], [0, 38]]),
    ...h.sided('temple', [[17, 21], [22, 21], [26, 30], [27, 42], [17, 42]]),
    ...h.sided('face', [[0, 38], [17, 38], [17, 42], [27, 42], [26.5, 50], [25, 60], [21, 70], [15, 78], [8, 83], [0, 85]]),
    ...h.sided('ear', [[27, 42], [31, 40], [32.5, 47], [31, 55], [26.2, 52]]),
    // neck
    h.midline('throat', [[0, 85], [8, 83], [10, 106], [0, 106]]),
    ...h.sided('side-of-neck', [[8, 83], [15, 78], [14, 92], [15, 100], [18, 104], [10, 106]]),
    // shoulders and chest
    ...h.sided('top-of-shoulder', [[10, 106], [18, 104], [34, 108], [52, 111], [62, 115], [58, 119], [34, 113], [12, 109]]),
    h.midline('breastbone', [[0, 106], [7, 106], [7, 190], [0, 196]]),
    ...h.sided('upper-chest', [[7, 106], [10, 106], [12, 109], [34, 113], [58, 119], [55.6, 128], [54, 134], [7, 134]]),
    ...h.sided('deep-shoulder', [[58, 119], [62, 115], [66, 122], [66, 134], [60, 136], [55.6, 128]]),
    ...h.sided('front-of-shoulder', [[54, 134], [55.6, 128], [60, 136], [66, 134], [66, 152], [56, 152]]),
    ...h.sided('side-of-shoulder', [[62, 115], [68, 120], [72, 130], [73, 142], [72, 152], [66, 152], [66, 134], [66, 122]]),
    ...h.sided('armpit', [[54, 134], [56, 152], [57, 162], [52, 162], [51, 152]]),
    ...h.sided('front-of-chest', [[7, 134], [22, 134], [22, 174], [7, 174]]),
    ...h.sided('breast', [[22, 134], [42, 134], [42, 174], [22, 174]]),
    ...h.sided('side-of-chest', [[42, 134], [54, 134], [51, 152], [49.5, 172], [49, 190], [42, 190]]),
    ...h.sided('lower-ribs', [[7, 174], [42, 174], [42, 196], [30, 200], [14, 194], [7, 190]]),
    // abdomen, hips
    ...h.sided('upper-abdomen', [[0, 196], [7, 190], [14, 194], [30, 200], [30, 222], [0, 222]]),
    h.midline('around-navel', [[0, 222], [12, 222], [12, 246], [0, 246]]),
    ...h.sided('flank', [[30, 200], [42, 196], [42, 190], [49, 190], [46, 210], [44, 230], [45, 250], [30, 250]]),
    ...h.sided('lower-abdomen', [[0, 246], [12, 246], [12, 222], [30, 222], [30, 250], [32, 268], [14, 282], [0, 286]]),
    ...h.sided('front-of-hip', [[30, 250], [45, 250], [48, 262], [50, 276], [40, 280], [32, 268]]),
    ...h.sided('groin', [[14, 282], [32, 268], [40, 280], [26, 296], [16, 300]]),
    h.midline('perineum', [[0, 286], [14, 282], [16, 300], [6, 308], [0, 310]]),
    // thigh, knee, lower leg, foot
    ...h.sided('inner-thigh', [[16, 300], [26, 296], [30, 330], [32, 370], [30, 394], [24.5, 394], [24, 370], [20, 330]]),
    ...h.sided('front-of-thigh', [[26, 296], [40, 280], [50, 276], [52, 300], [50, 340], [46, 380], [44, 394], [30, 394], [32, 370], [30, 330]]),
    ...h.sided('above-knee', [[30, 394], [44, 394], [43.5, 406], [30, 406]]),
    ...h.sided('inner-knee', [[24.5, 394], [30, 394], [30, 432], [27, 440], [25.5, 418]]),
    ...h.sided('front-of-knee', [[30, 406], [43.5, 406], [43, 430], [30, 432]]),
    ...h.sided('shin', [[30, 432], [43, 430], [42, 460], [40, 500], [38, 540], [33, 540], [32, 500], [31, 460]]),
    ...h.sided('inner-shin', [[27, 440], [30, 432], [31, 460], [32, 500], [33, 540], [28, 540], [26, 500], [25, 460]]),
    ...h.sided('front-of-ankle', [[30, 540], [38, 540], [41, 552], [30, 552]]),
    ...h.sided('inner-ankle', [[28, 540], [30, 540], [30, 552], [25, 554], [26, 546]]),
    ...h.sided('top-of-foot', [[25, 554], [30, 552], [41, 552], [44, 566], [45, 576], [24, 576], [23, 564]]),
    ...h.sided('big-toe', [[22, 576], [31, 576], [31, 588], [27, 591], [22, 588]]),
    ...h.sided('lesser-toes', [[31, 576], [45, 576], [46, 582], [42, 586], [31, 588]]),
    // arm, palm forward
    ...h.sided('inner-upper-arm', [[56, 152], [62, 152], [64, 185], [67, 212], [63, 212], [60, 185], [57, 162]]),
    ...h.sided('front-of-upper-arm', [[62, 152], [72, 152], [75, 180], [77, 212], [67, 212], [64, 185]]),
    ...h.sided('inner-elbow', [[63, 212], [67, 212], [69, 230], [65, 230]]),
    ...h.sided('front-of-elbow', [[67, 212], [77, 212], [78, 230], [69, 230]]),
    ...h.sided('little-finger-side-forearm', [[65, 230], [69, 230], [74, 265], [78, 300], [74, 300], [70, 265]]),
    ...h.sided('front-of-forearm', [[69, 230], [78, 230], [82, 265], [86, 300], [78, 300], [74, 265]]),
    ...h.sided('front-of-wrist', [[74, 300], [86, 300], [87, 310], [75, 310]]),
    ...h.sided('palm', [[75, 310], [87, 310], [89, 326], [89, 335], [76, 338]]),
  ],
}
