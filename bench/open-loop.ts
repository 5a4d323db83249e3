/**
 * Open-loop load at a fixed rate: request i is due at start + i/rate whatever happened to earlier
 * ones, sent on a pool of keep-alive connections, and its latency runs from that SCHEDULED time
 * to the end of the response, so a stall delays every request behind it in the figures too
 * (no coordinated omission). Bounded: rate × duration requests, then a drain deadline.
 */
import http from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import type { Target } from './http.js'
import { runNodeJson } from './processes.js'
import { round, Samples } from './stats.js'

export interface OpenLoopResult {
  rate: number
  durationS: number
  sent: number
  completed: number
  errors: number
  /** Requests still unanswered at the drain deadline (counted in the latencies at that age). */
  unanswered: number
  statuses: Record<string, number>
  p50Ms: number
  p99Ms: number
  p999Ms: number
  maxMs: number
  /** The generator's own event-loop delay (max, ms): a stall here shows up as latency too. */
  generatorLagMaxMs: number
}

export interface OpenLoopOptions {
  rate: number
  durationS: number
  connections: number
  drainMs: number
}

/** Drive `t` at `rate` req/s for `durationS` seconds, from a child process of its own. */
export function openLoopInChild(t: Target, opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const args = ['--import', 'tsx', 'bench/open-loop.ts', JSON.stringify({ t, opts })]
  return runNodeJson<OpenLoopResult>(args, (opts.durationS + 30) * 1000 + opts.drainMs)
}

/** Drive `t` at `rate` req/s for `durationS` seconds. */
export async function openLoop(t: Target, opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections })
  const total = Math.round(opts.rate * opts.durationS)
  const interval = 1000 / opts.rate
  const lat = new Samples(total)
  const statuses: Record<string, number> = {}
  const body = t.body === undefined ? undefined : Buffer.from(t.body)
  const headers = body ? { ...t.headers, 'content-length': String(body.length) } : t.headers
  let sent = 0
  let done = 0
  let errors = 0
  const pending = new Set<number>()

  const send = (due: number): void => {
    sent++
    pending.add(due)
    const finish = (status: string): void => {
      if (!pending.delete(due)) return
      lat.add(performance.now() - due)
      statuses[status] = (statuses[status] ?? 0) + 1
      done++
    }
    const req = http.request({ agent, host: '127.0.0.1', port: t.port, method: t.method, path: t.path, headers }, (res) => {
      res.on('data', () => {})
      res.on('end', () => finish(String(res.statusCode)))
    })
    req.on('error', () => { errors++; finish('error') })
    req.end(body)
  }

  const lag = monitorEventLoopDelay({ resolution: 1 })
  lag.enable()
  const start = performance.now() + 5
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now()
      while (sent < total && start + sent * interval <= now) send(start + sent * interval)
      if (sent >= total) {
        clearInterval(timer)
        resolve()
      }
    }, 1)
  })
  const deadline = performance.now() + opts.drainMs
  while (pending.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10))
  const unanswered = pending.size
  for (const due of pending) lat.add(performance.now() - due)
  pending.clear()
  agent.destroy()
  lag.disable()
  return {
    rate: opts.rate, durationS: opts.durationS, sent, completed: done, errors, unanswered, statuses,
    p50Ms: round(lat.q(0.5), 3), p99Ms: round(lat.q(0.99), 3), p999Ms: round(lat.q(0.999), 3), maxMs: round(lat.q(1), 3),
    generatorLagMaxMs: round(lag.max / 1e6, 1),
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { t, opts } = JSON.parse(process.argv[2] ?? '{}') as { t: Target; opts: OpenLoopOptions }
  openLoop(t, opts).then((r) => process.stdout.write(JSON.stringify(r)), (err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
