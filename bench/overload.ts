/**
 * Overload: drive the server past capacity (400 connections) and past a key's quota, and show
 * whether it answers fast (429/503 problem+json with Retry-After) instead of queueing. Reports the
 * status mix, p99 latency overall and per status, and how the refusals were shaped.
 */
import { cannon, type Measure, type Target } from './http.js'

export interface OverloadResult extends Measure {
  connections: number
  durationS: number
  /** Non-2xx answers seen, and how many were problem+json and carried Retry-After. */
  refused: number
  refusedProblemJson: number
  refusedRetryAfter: number
}

/** Run `t` with many connections, checking the shape of every non-2xx answer. */
export async function overload(t: Target, connections: number, durationS: number): Promise<OverloadResult> {
  let refused = 0
  let problem = 0
  let retry = 0
  const m = await cannon(t, {
    connections, durationS,
    onResponse: (status, _body, headers) => {
      if (status < 400) return
      refused++
      const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]))
      if ((h['content-type'] ?? '').startsWith('application/problem+json')) problem++
      if (h['retry-after'] !== undefined) retry++
    },
  })
  return { ...m, connections, durationS, refused, refusedProblemJson: problem, refusedRetryAfter: retry }
}
