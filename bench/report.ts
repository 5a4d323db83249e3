/**
 * The benchmark's report: every figure beside its target with PASS/MISS (never a failure: a MISS is
 * information), printed as a table and written to bench/results.json with the raw measurements.
 */
import { writeFileSync } from 'node:fs'
import type { EngineTiming, HostileTiming, Timing } from './engine.js'
import type { Series } from './http.js'
import type { OpenLoopResult } from './open-loop.js'
import type { OverloadResult } from './overload.js'
import type { SharedResult } from './shared.js'

export interface Results {
  date: string
  machine: {
    cpus: number; cpuModel: string; node: string; platform: string
    /** Share of the machine's CPU other processes used just before / during the run (0-1). */
    otherCpuBefore: number | null; otherCpuDuring: number | null; loadavg1: number | null
  }
  server: { command: string; build: string }
  engine: EngineTiming
  rulesEngine: { rules: number; calls: number; medianUs: number; p99Us: number }
  scoring: Timing
  text: Timing & { messages: number; meanChars: number }
  hostileText: HostileTiming
  http: { connections: number; rounds: number; durationS: number; baseline: Series; targets: Record<string, Series> }
  /** One instance on PostgreSQL + Redis against the same on SQLite (ratio: shared over embedded, per round). */
  shared: SharedResult
  openLoop: OpenLoopResult & { capacityRps: number; serverP50Ms: number; serverP99Ms: number }
  startup: { firstStartMs: number; startsMs: number[]; medianMs: number }
  memory: { idleMb: number; afterLoadMb: number; peakMb: number }
  overload: { capacity: OverloadResult; quota: OverloadResult & { keyLimitPerMinute: number } }
  logLines: number
}

export interface Row {
  measure: string
  value: string
  target: string
  verdict: 'PASS' | 'MISS' | ''
}

const row = (measure: string, value: string, target = '', pass?: boolean): Row =>
  ({ measure, value, target, verdict: pass === undefined ? '' : pass ? 'PASS' : 'MISS' })

function httpRows(name: string, s: Series | undefined, min?: number): Row[] {
  if (!s) return []
  const value = `${s.rps} req/s (${s.ratio}x), p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms${s.unexpected ? `, ${s.unexpected} unexpected` : ''}`
  return [row(name, value, min === undefined ? '' : `>= ${min}x hello-world`, min === undefined ? undefined : s.ratio >= min && s.unexpected === 0)]
}

function refusals(o: OverloadResult): string {
  const mix = Object.entries(o.statuses).map(([s, n]) => `${s}:${n}`).join(' ')
  return `${o.connections} conns ${o.durationS} s: ${mix}; p99 ${o.p99Ms} ms; ${o.refused === 0 ? 'none refused (no load shedding)' : `refused ${o.refused}: problem+json ${o.refusedProblemJson}, Retry-After ${o.refusedRetryAfter}`}${o.errors ? `; ${o.errors} errors` : ''}`
}

function sharedRows(s: SharedResult): Row[] {
  if ('skipped' in s) return [row('shared mode (PostgreSQL + Redis) vs embedded SQLite', `not run: ${s.skipped}`)]
  const label: Record<string, string> = { distinct: 'structured POST, distinct bodies', muscle: 'GET /v1/muscles/{id}' }
  return Object.entries(s.pairs).map(([name, p]) => row(`shared mode / embedded: ${label[name] ?? name}`,
    `${p.shared.rps} vs ${p.embedded.rps} req/s (${p.shared.ratio}x), p99 ${p.shared.p99Ms} vs ${p.embedded.p99Ms} ms${p.shared.unexpected ? `, ${p.shared.unexpected} unexpected` : ''}`))
}

const fast = (o: OverloadResult): boolean => o.p99Ms <= 1000 && o.errors === 0 && o.refusedProblemJson === o.refused && o.refusedRetryAfter === o.refused

/** Every figure with its target. */
export function rows(r: Results): Row[] {
  const speedup = Math.round((r.rulesEngine.medianUs / r.scoring.medianUs) * 10) / 10
  const fullSpeedup = Math.round((r.rulesEngine.medianUs / r.engine.medianUs) * 10) / 10
  const t = r.http.targets
  return [
    row('engine median (µs/eval)', `${r.engine.medianUs} (${r.engine.inputs} inputs, ${r.engine.calls} calls)`, '<= 20', r.engine.medianUs <= 20),
    row('engine p99 (µs/eval)', String(r.engine.p99Us), '<= 200', r.engine.p99Us <= 200),
    row('  structured / with text', `median ${r.engine.structured.medianUs} / ${r.engine.withText.medianUs}, p99 ${r.engine.structured.p99Us} / ${r.engine.withText.p99Us}`),
    row('json-rules-engine (µs/eval)', `median ${r.rulesEngine.medianUs}, p99 ${r.rulesEngine.p99Us} (${r.rulesEngine.rules} rules)`),
    row('same logic (prepare, score, rank) µs', `median ${r.scoring.medianUs}, p99 ${r.scoring.p99Us}`),
    row('speed-up vs json-rules-engine, same logic', `${speedup}x (medians)`, '>= 100x', speedup >= 100),
    row('  full engine vs json-rules-engine', `${fullSpeedup}x (the engine also triages, plans and picks questions)`),
    row('free text median (µs/msg)', `${r.text.medianUs} (p99 ${r.text.p99Us}; ${r.text.messages} msgs, ~${r.text.meanChars} chars)`, '<= 100', r.text.medianUs <= 100),
    row('hostile 2,000-char text vs ordinary', `worst ${r.hostileText.worst.ratio}x (${r.hostileText.worst.name}: ${r.hostileText.worst.medianUs} µs; ordinary ${r.hostileText.ordinaryUs} µs)`, '<= 5x',
      r.hostileText.worst.ratio <= 5),
    row('hello-world (baseline)', `${r.http.baseline.rps} req/s, p50 ${r.http.baseline.p50Ms} ms, p99 ${r.http.baseline.p99Ms} ms`),
    ...httpRows('POST /v1/recommendations structured, one body (cache)', t.structured, 0.3),
    ...httpRows('  the same, ~11k distinct bodies (no cache hit)', t.distinct, 0.3),
    ...httpRows('POST /v1/recommendations text', t.text),
    ...httpRows('GET /v1/muscles/{id}', t.muscle, 0.5),
    ...httpRows('GET /v1/muscles/{id} -> 304', t.notModified, 0.7),
    ...sharedRows(r.shared),
    row(`open loop ${r.openLoop.rate} req/s (50 % of ${r.openLoop.capacityRps}) ${r.openLoop.durationS} s${r.openLoop.warmupS ? ` after ${r.openLoop.warmupS} s` : ''}`,
      `p50 ${r.openLoop.p50Ms} ms, p99 ${r.openLoop.p99Ms} ms, max ${r.openLoop.maxMs} ms (server's own p99 ${r.openLoop.serverP99Ms} ms; generator lag max ${r.openLoop.generatorLagMaxMs} ms)${r.openLoop.errors + r.openLoop.unanswered ? `, ${r.openLoop.errors} errors, ${r.openLoop.unanswered} unanswered` : ''}`,
      'p99 <= 10 ms', r.openLoop.p99Ms <= 10 && r.openLoop.errors + r.openLoop.unanswered === 0),
    row('start to /ready (median of 3)', `${Math.round(r.startup.medianMs)} ms (${r.startup.startsMs.map(Math.round).join(', ')}; first start seeding the db ${Math.round(r.startup.firstStartMs)} ms)`, '<= 1000 ms', r.startup.medianMs <= 1000),
    row('RSS idle', `${r.memory.idleMb} MB`, '<= 120 MB', r.memory.idleMb <= 120),
    row('RSS right after load', `${r.memory.afterLoadMb} MB (peak VmHWM ${r.memory.peakMb} MB)`, '<= 256 MB', r.memory.afterLoadMb <= 256),
    row('overload: past capacity', refusals(r.overload.capacity), 'p99 <= 1 s; 429/503 problem+json, Retry-After', fast(r.overload.capacity)),
    row(`overload: past a key's quota (${r.overload.quota.keyLimitPerMinute}/min)`, refusals(r.overload.quota), 'same, with 429s', fast(r.overload.quota) && (r.overload.quota.statuses['429'] ?? 0) > 0),
  ]
}

/** Render rows as an aligned text table. */
export function table(list: Row[]): string {
  const w = [0, 1, 2].map((i) => Math.max(...list.map((x) => [x.measure, x.value, x.target][i]!.length), 8))
  const line = (a: string, b: string, c: string, d: string): string => `${a.padEnd(w[0]!)}  ${b.padEnd(w[1]!)}  ${c.padEnd(w[2]!)}  ${d}`
  return [line('measure', 'measured', 'target', ''), line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(w[2]!), '----'),
    ...list.map((x) => line(x.measure, x.value, x.target, x.verdict))].join('\n')
}

/** Write results.json (raw measurements plus the table rows). */
export function writeResults(path: string, r: Results, list: Row[]): void {
  writeFileSync(path, `${JSON.stringify({ ...r, checks: list }, null, 2)}\n`)
}
