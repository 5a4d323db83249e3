/**
 * Closed-loop HTTP load with autocannon (50 connections, no pipelining): one measurement, and
 * interleaved rounds (baseline, target 1..n, baseline, ...) whose medians and per-round ratios to
 * the baseline are reported. Latency is recorded per response (sub-millisecond), not from
 * autocannon's 1 ms histogram.
 */
import autocannon from 'autocannon'
import { median, round, Samples } from './stats.js'

export interface Target {
  name: string
  port: number
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
  /** Bodies sent in turn instead of `body` (each request takes the next, across connections). */
  bodies?: string[]
  /** The status every answer should have; others are counted as unexpected. */
  expect: number
}

export interface Measure {
  rps: number
  p50Ms: number
  p99Ms: number
  responses: number
  unexpected: number
  errors: number
  statuses: Record<string, number>
  /** p99 latency per status code, ms. */
  p99ByStatus: Record<string, number>
}

export interface CannonOptions {
  connections: number
  durationS: number
  /** Sees every response with its headers (slower: use for small checks only). */
  onResponse?: (status: number, body: string, headers: Record<string, string | string[]>) => void
}

/** Run autocannon once against a target. */
export function cannon(t: Target, opts: CannonOptions): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const lat = new Samples(2_000_000)
    let next = 0
    const { bodies } = t
    const statuses: Record<string, number> = {}
    const byStatus = new Map<number, Samples>()
    const instance = autocannon({
      url: `http://127.0.0.1:${t.port}`,
      connections: opts.connections,
      pipelining: 1,
      duration: opts.durationS,
      timeout: 10,
      requests: [{
        method: t.method, path: t.path, headers: t.headers, ...(t.body !== undefined ? { body: t.body } : {}),
        ...(bodies ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: bodies[next++ % bodies.length]! }) } : {}),
        ...(opts.onResponse ? { onResponse: (s: number, b: string, _c: object, h: autocannon.Request['headers']) => opts.onResponse!(s, b, (h ?? {}) as Record<string, string | string[]>) } : {}),
      }],
    }, (err, result) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)))
      const responses = lat.count
      resolve({
        rps: round(responses / result.duration, 0),
        p50Ms: round(lat.q(0.5), 3),
        p99Ms: round(lat.q(0.99), 3),
        responses,
        unexpected: responses - (statuses[t.expect] ?? 0),
        errors: result.errors,
        statuses,
        p99ByStatus: Object.fromEntries([...byStatus].map(([s, l]) => [String(s), round(l.q(0.99), 3)])),
      })
    })
    instance.on('response', (_client, status, _bytes, ms) => {
      lat.add(ms)
      statuses[status] = (statuses[status] ?? 0) + 1
      let l = byStatus.get(status)
      if (!l) byStatus.set(status, (l = new Samples(500_000)))
      l.add(ms)
    })
  })
}

export interface Series {
  rounds: Measure[]
  rps: number
  p50Ms: number
  p99Ms: number
  /** Median over rounds of (this round's req/s ÷ the same round's baseline req/s). */
  ratio: number
  unexpected: number
}

function series(rounds: Measure[], baseline: Measure[]): Series {
  return {
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    ratio: round(median(rounds.map((r, i) => r.rps / baseline[i]!.rps)), 3),
    unexpected: rounds.reduce((n, r) => n + r.unexpected + r.errors, 0),
  }
}

/**
 * Warm every target up, then run `rounds` rounds of baseline followed by each target.
 * @param log progress callback (one line per measurement)
 */
export async function interleaved(baseline: Target, targets: Target[], opts: { rounds: number; durationS: number; warmupS: number; connections: number }, log: (s: string) => void): Promise<{ baseline: Series; targets: Record<string, Series> }> {
  for (const t of [baseline, ...targets]) await cannon(t, { connections: opts.connections, durationS: opts.warmupS })
  const runs = new Map<string, Measure[]>([[baseline.name, []], ...targets.map((t) => [t.name, []] as [string, Measure[]])])
  for (let r = 0; r < opts.rounds; r++) {
    for (const t of [baseline, ...targets]) {
      const m = await cannon(t, { connections: opts.connections, durationS: opts.durationS })
      runs.get(t.name)!.push(m)
      log(`  round ${r + 1}/${opts.rounds} ${t.name.padEnd(24)} ${String(m.rps).padStart(7)} req/s  p50 ${m.p50Ms} ms  p99 ${m.p99Ms} ms${m.unexpected ? `  UNEXPECTED ${JSON.stringify(m.statuses)}` : ''}`)
    }
  }
  const base = runs.get(baseline.name)!
  return { baseline: series(base, base), targets: Object.fromEntries(targets.map((t) => [t.name, series(runs.get(t.name)!, base)])) }
}
