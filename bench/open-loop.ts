/**
 * Open-loop load at a fixed rate: request i is due at start + i/rate whatever happened to earlier
 * ones, sent on a pool of keep-alive connections, and its latency runs from that SCHEDULED time
 * to the end of the response, so a stall delays every request behind it in the figures too
 * (no coordinated omission). Bounded: rate × duration requests, then a drain deadline. The schedule
 * starts `warmupS` earlier at the same rate, on the same connections, and those requests are not
 * counted: the generator is a fresh process, and its first ~250 ms (cold code, new connections) were
 * late for every request (3,000-3,500 of them at 15,500 req/s: 0.75 % of a 30 s run on their own).
 */
import net from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import type { Target } from './http.js'
import { runNodeJson } from './processes.js'
import { round, Samples } from './stats.js'

export interface OpenLoopResult {
  rate: number
  durationS: number
  /** Seconds at the same rate before the measured ones (not counted). */
  warmupS: number
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
  /** The generator's own event-loop delay (max over the measured seconds, ms): a stall here shows up as latency too. */
  generatorLagMaxMs: number
}

export interface OpenLoopOptions {
  rate: number
  durationS: number
  /** Seconds sent at the same rate first and not counted (default 0). */
  warmupS?: number
  connections: number
  drainMs: number
}

/** Drive `t` at `rate` req/s for `durationS` seconds, from a child process of its own. */
export function openLoopInChild(t: Target, opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const args = ['--import', 'tsx', 'bench/open-loop.ts', JSON.stringify({ t, opts })]
  return runNodeJson<OpenLoopResult>(args, (opts.durationS + 30) * 1000 + opts.drainMs)
}

const HEAD_END = Buffer.from('\r\n\r\n')

/** One keep-alive connection speaking just enough HTTP/1.1: one request at a time, Content-Length bodies. */
class Connection {
  /** Bytes of a response head read so far (the head is small; bodies are only counted, never kept). */
  private head = ''
  /** Body bytes still to come for the response in flight, or -1 while its head is being read. */
  private remaining = -1
  private status = ''
  /** Scheduled time of the request in flight, or null when idle. */
  due: number | null = null
  readonly socket: net.Socket

  constructor(port: number, private readonly onDone: (c: Connection, due: number, status: string) => void) {
    this.socket = net.connect({ host: '127.0.0.1', port, noDelay: true })
    this.socket.on('data', (chunk: Buffer) => this.read(chunk))
    this.socket.on('error', () => this.fail())
    this.socket.on('close', () => this.fail())
  }

  send(request: Buffer, due: number): void {
    this.due = due
    this.head = ''
    this.remaining = -1
    this.socket.write(request)
  }

  private read(chunk: Buffer): void {
    if (this.due === null) return
    let body = chunk.length
    if (this.remaining === -1) {
      const before = this.head.length
      // Only the head is decoded (a 16 KB answer's first 4 KB as a string, 16,000 times a second, was
      // most of the generator's garbage); a head split over two reads is found in `this.head`.
      const headEnd = chunk.indexOf(HEAD_END)
      this.head += chunk.toString('latin1', 0, headEnd === -1 ? Math.min(chunk.length, 4096) : headEnd + 4)
      const end = this.head.indexOf('\r\n\r\n')
      if (end === -1) return
      this.status = this.head.slice(9, 12)
      this.remaining = Number(/\r\ncontent-length: *(\d+)/i.exec(this.head.slice(0, end))?.[1] ?? 0)
      body = chunk.length - (end + 4 - before)
    }
    this.remaining -= body
    if (this.remaining > 0) return
    const due = this.due
    this.due = null
    this.onDone(this, due, this.status)
  }

  private fail(): void {
    if (this.due === null) return
    const due = this.due
    this.due = null
    this.onDone(this, due, 'error')
  }
}

/**
 * Drive `t` at `rate` req/s for `durationS` seconds. The client is raw sockets with pre-built request
 * bytes (Node's http client costs ~30 us of CPU per request, which at 10k req/s saturated the
 * generator's core and measured its own queueing, not the server). A request due while every
 * connection is busy waits in a queue, and that wait counts in its latency.
 */
export async function openLoop(t: Target, opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const warmupS = opts.warmupS ?? 0
  const warm = Math.round(opts.rate * warmupS)
  const measured = Math.round(opts.rate * opts.durationS)
  const total = warm + measured
  const interval = 1000 / opts.rate
  const lat = new Samples(measured)
  const statuses: Record<string, number> = {}
  const body = t.body === undefined ? Buffer.alloc(0) : Buffer.from(t.body)
  const headers = { ...t.headers, host: `127.0.0.1:${t.port}`, 'content-length': String(body.length), connection: 'keep-alive' }
  const request = Buffer.concat([Buffer.from(`${t.method} ${t.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`, 'latin1'), body])
  let sent = 0
  let done = 0
  let errors = 0
  // Requests due before this time are the warm-up's (set when the schedule starts).
  let measureFrom = Infinity
  const waiting: number[] = []
  let head = 0
  const idle: Connection[] = []
  const finish = (c: Connection, due: number, status: string): void => {
    if (due >= measureFrom) {
      lat.add(performance.now() - due)
      statuses[status] = (statuses[status] ?? 0) + 1
      done++
      if (status === 'error') errors++
    }
    if (status === 'error') return
    if (head < waiting.length) c.send(request, waiting[head++]!)
    else idle.push(c)
  }
  const connections = Array.from({ length: opts.connections }, () => new Connection(t.port, finish))
  await Promise.all(connections.map((c) => new Promise<void>((resolve, reject) => c.socket.once('connect', resolve).once('error', reject))))
  idle.push(...connections)
  const send = (due: number): void => {
    sent++
    const c = idle.pop()
    if (c) c.send(request, due)
    else waiting.push(due)
  }

  const lag = monitorEventLoopDelay({ resolution: 1 })
  lag.enable()
  const start = performance.now() + 5
  measureFrom = start + warm * interval
  let lagReset = warm === 0
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now()
      if (!lagReset && now >= measureFrom) {
        lag.reset()
        lagReset = true
      }
      while (sent < total && start + sent * interval <= now) send(start + sent * interval)
      if (sent >= total) {
        clearInterval(timer)
        resolve()
      }
    }, 1)
  })
  const deadline = performance.now() + opts.drainMs
  while (done < measured && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10))
  const unanswered = measured - done
  const now = performance.now()
  for (const c of connections) if (c.due !== null && c.due >= measureFrom) lat.add(now - c.due)
  for (let i = head; i < waiting.length; i++) if (waiting[i]! >= measureFrom) lat.add(now - waiting[i]!)
  for (const c of connections) c.socket.destroy()
  lag.disable()
  return {
    rate: opts.rate, durationS: opts.durationS, warmupS, sent: measured, completed: done, errors, unanswered, statuses,
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
