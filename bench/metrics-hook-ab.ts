/**
 * In-process A/B of the metrics plugin's request hook: its series found by route pattern, method and
 * status in nested maps (src/http/plugins/setup/metrics.ts) against prom-client's own counter inc()
 * and histogram observe() per request (with the labels object kept per series, or built per call).
 *
 *   npx tsx bench/metrics-hook-ab.ts
 */
import { Counter, Histogram, Registry } from 'prom-client'
const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
// The hook as src/http/plugins/setup/metrics.ts has it.
interface Series { labels: string; count: number; sum: number; buckets: number[] }
const byRoute = new Map<string, Map<string, Map<number, Series>>>()
function mapsHook(route: string, method: string, status: number, seconds: number) {
  let byMethod = byRoute.get(route)
  if (byMethod === undefined) byRoute.set(route, (byMethod = new Map()))
  let byStatus = byMethod.get(method)
  if (byStatus === undefined) byMethod.set(method, (byStatus = new Map()))
  let s = byStatus.get(status)
  if (s === undefined) { s = { labels: `method="${method}",route="${route}",status="${status}"`, count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }; byStatus.set(status, s) }
  s.count++; s.sum += seconds
  for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]!++
}
const reg = new Registry()
const requests = new Counter({ name: 'r_total', help: 'h', labelNames: ['method', 'route', 'status'] as const, registers: [reg] })
const duration = new Histogram({ name: 'd_seconds', help: 'h', labelNames: ['method', 'route', 'status'] as const, buckets: BUCKETS, registers: [reg] })
type L = { method: string; route: string; status: number }
const byRoute2 = new Map<string, Map<string, Map<number, L>>>()
function promCachedHook(route: string, method: string, status: number, seconds: number) {
  let byMethod = byRoute2.get(route)
  if (byMethod === undefined) byRoute2.set(route, (byMethod = new Map()))
  let byStatus = byMethod.get(method)
  if (byStatus === undefined) byMethod.set(method, (byStatus = new Map()))
  let l = byStatus.get(status)
  if (l === undefined) { l = { method, route, status }; byStatus.set(status, l) }
  requests.inc(l)
  duration.observe(l, seconds)
}
function promPlainHook(route: string, method: string, status: number, seconds: number) {
  const l = { method, route, status }
  requests.inc(l)
  duration.observe(l, seconds)
}
const routes = ['/v1/regions', '/v1/recommendations', '/v1/muscles/:id']
const variants = { maps: mapsHook, promCached: promCachedHook, promPlain: promPlainHook }
const N = 200_000
const res: Record<string, number[]> = { maps: [], promCached: [], promPlain: [] }
for (let r = 0; r < 12; r++) {
  for (const [name, f] of Object.entries(variants)) {
    const t = process.hrtime.bigint()
    for (let i = 0; i < N; i++) f(routes[i % 3]!, i % 7 === 0 ? 'POST' : 'GET', i % 11 === 0 ? 404 : 200, (i % 50) / 10000)
    if (r >= 2) res[name]!.push(Number(process.hrtime.bigint() - t) / N)
  }
}
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k, 'ns per request: median', v[5]!.toFixed(0), 'range', v[0]!.toFixed(0), '-', v.at(-1)!.toFixed(0)) }
