/**
 * Every body chart, by view id, in the order maps lay them out.
 */
import type { ChartView, ViewId } from '../types.js'
import { back } from './back.js'
import { footSole } from './foot.js'
import { front } from './front.js'
import { handBack, handPalm } from './hands.js'
import { head } from './head.js'

export const VIEWS: readonly ChartView[] = [front, back, head, handPalm, handBack, footSole]

export const VIEW_BY_ID: ReadonlyMap<ViewId, ChartView> = new Map(VIEWS.map((v) => [v.id, v]))
