/**
 * Prometheus metrics with prom-client: the process's default metrics (CPU, memory, event-loop lag,
 * GC, handles) and the app's own, in one registry. The app's numbers are counted where they happen,
 * as plain numbers (the request hook below, the usage-audit plugin, the answer cache, ...), and read
 * into prom-client's metrics when /metrics is scraped (each metric's `collect`).
 *
 * Why the request hook does not call prom-client's `inc()`/`observe()`: each call validates its
 * labels and builds a string key for them. In process (bench/metrics-hook-ab.ts, three runs of
 * alternating bursts of 200,000 hook calls over three routes), the two calls cost 1.0-4.1 µs a
 * request (medians 1.6-3.0), this hook's map lookups 0.1-0.6 µs (medians 0.24-0.27): 8-16 % of the
 * server CPU a 304 costs (~17 µs), past the 10 % a benchmark figure may drop (measured on a busy
 * shared machine: the ratio is what counts). So the hook keeps its counts in a series per route
 * pattern, method and status, and the histogram hands those to prom-client as they are
 * (RequestHistogram). Labels are route patterns, never raw URLs.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { routeUrl } from '../../support/route-url.js'

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const REQUEST_LABELS = ['method', 'route', 'status'] as const
type RequestLabel = (typeof REQUEST_LABELS)[number]

/** One route pattern, method and status: its requests, their summed seconds, and cumulative bucket counts. */
interface Series {
  labels: Record<RequestLabel, string | number>
  count: number
  sum: number
  buckets: number[]
}

export interface Metrics {
  /** The exposition text. */
  render(): Promise<string>
  /** Its content type (Prometheus text format 0.0.4). */
  readonly contentType: string
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
}

const REQUEST_DURATION = 'nmt_http_request_duration_seconds'
const REQUEST_DURATION_HELP = 'Time from receiving a request to sending its response.'

/**
 * The request-duration histogram, its series counted by the request hook (see the header). Its data
 * come out in the shape prom-client's own histogram gives its registry (`getForPromString`, which
 * prom-client 15's registry asks for before `get()`, and which `get()` reads): the series' labels as
 * shared labels, `le` per bucket. test/http/plugins/hardening.test.ts checks the buckets come out.
 */
class RequestHistogram extends Histogram<RequestLabel> {
  constructor(private readonly series: readonly Series[], registry: Registry) {
    super({ name: REQUEST_DURATION, help: REQUEST_DURATION_HELP, labelNames: REQUEST_LABELS, buckets: BUCKETS, registers: [registry] })
  }

  async getForPromString() {
    const values = []
    for (const s of this.series) {
      const sharedLabels = s.labels
      BUCKETS.forEach((le, i) => values.push({ metricName: `${REQUEST_DURATION}_bucket`, labels: { le }, sharedLabels, value: s.buckets[i]! }))
      values.push({ metricName: `${REQUEST_DURATION}_bucket`, labels: { le: '+Inf' }, sharedLabels, value: s.count },
        { metricName: `${REQUEST_DURATION}_sum`, labels: {}, sharedLabels, value: s.sum },
        { metricName: `${REQUEST_DURATION}_count`, labels: {}, sharedLabels, value: s.count })
    }
    return { name: REQUEST_DURATION, help: REQUEST_DURATION_HELP, type: 'histogram', aggregator: 'sum', values }
  }
}

/** A counter whose value is kept elsewhere and read at each scrape. */
function counterOf(registry: Registry, name: string, help: string, read: () => number): void {
  new Counter({ name, help, registers: [registry], collect() { this.reset(); this.inc(read()) } })
}

/** A gauge read at each scrape. */
function gaugeOf(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({ name, help, registers: [registry], collect() { this.set(read()) } })
}

// The process's metrics are the process's, not an app's: collected once (their event-loop monitor
// and GC observer are never stopped), into a registry each app's merges with its own.
let processRegistry: Registry | undefined
function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

async function metricsPlugin(app: FastifyInstance): Promise<void> {
  const series: Series[] = []
  // Per-request lookup by route pattern, method and status in turn: the pattern and method are
  // strings the process keeps (their hashes are cached), so no label key is built per request.
  const byRoute = new Map<string, Map<string, Map<number, Series>>>()
  const triage = new Map<string, number>(['none', 'routine', 'urgent', 'emergency'].map((level) => [level, 0]))
  let rateLimited = 0

  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode
    const route = routeUrl(request) ?? 'unmatched'
    const method = request.method
    let byMethod = byRoute.get(route)
    if (byMethod === undefined) byRoute.set(route, (byMethod = new Map()))
    let byStatus = byMethod.get(method)
    if (byStatus === undefined) byMethod.set(method, (byStatus = new Map()))
    let s = byStatus.get(status)
    if (s === undefined) {
      s = { labels: { method, route, status }, count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }
      byStatus.set(status, s)
      series.push(s)
    }
    const seconds = reply.elapsedTime / 1000
    s.count++
    s.sum += seconds
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]!++
    if (status === 429) rateLimited++
    const level = status === 200 ? request.auditFacts?.triageLevel : undefined
    if (level !== undefined) triage.set(level, (triage.get(level) ?? 0) + 1)
    done()
  })

  const own = new Registry()
  new Counter({
    name: 'nmt_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status.', labelNames: REQUEST_LABELS, registers: [own],
    collect() {
      this.reset()
      for (const s of series) this.inc(s.labels, s.count)
    },
  })
  new RequestHistogram(series, own)
  new Counter({
    name: 'nmt_triage_level_total', help: 'Recommendations answered, by red-flag triage level.', labelNames: ['level'], registers: [own],
    collect() {
      this.reset()
      for (const [level, n] of triage) this.inc({ level }, n)
    },
  })
  const cache = (): { hits: number; misses: number; size: number } => app.services.answers.stats
  new Counter({
    name: 'nmt_recommendation_cache_total', help: 'Structured recommendation requests, by whether the answer cache had their answer.', labelNames: ['result'], registers: [own],
    collect() {
      this.reset()
      this.inc({ result: 'hit' }, cache().hits)
      this.inc({ result: 'miss' }, cache().misses)
    },
  })
  gaugeOf(own, 'nmt_recommendation_cache_entries', 'Answers held by the answer cache (RECOMMENDATION_CACHE_SIZE at most).', () => cache().size)
  gaugeOf(own, 'nmt_event_loop_delay_ms', 'Event-loop delay of the last load-shedding sample (see MAX_EVENT_LOOP_DELAY_MS).', () => app.loadShedding.delayMs)
  gaugeOf(own, 'nmt_load_shedding', '1 while requests are refused with 503 NMT_ERR_OVERLOADED.', () => (app.loadShedding.shedding === null ? 0 : 1))
  counterOf(own, 'nmt_rate_limited_total', 'Requests refused with 429.', () => rateLimited)
  counterOf(own, 'nmt_usage_write_failures_total',
    'Requests whose usage or audit rows could not be committed (a success became 503 NMT_ERR_NOT_RECORDED).', () => app.usageWriteFailures.count)
  counterOf(own, 'nmt_usage_write_lock_retries_total',
    'Group commits tried again on a later tick because another connection held the write lock.', () => app.usageWriteFailures.lockRetries)
  const redis = app.sharedCounters
  if (redis) {
    gaugeOf(own, 'nmt_redis_up', '1 while Redis answers (rate limits shared across instances); 0 while they are counted per instance.', () => (redis.up ? 1 : 0))
    counterOf(own, 'nmt_redis_outages_total', 'Times Redis became unreachable since start.', () => redis.stats.outages)
    counterOf(own, 'nmt_rate_limit_local_total', 'Requests whose limits were counted in this instance alone because Redis was unreachable.',
      () => redis.stats.localFallbacks)
  }
  const wal = app.walCheckpointer
  if (wal) {
    counterOf(own, 'nmt_wal_checkpoints_total', 'WAL checkpoints run by the checkpoint worker.', () => wal.stats().runs)
    counterOf(own, 'nmt_wal_checkpoint_failures_total', 'Checkpoints (or the checkpoint worker) that failed.', () => wal.stats().failures)
    gaugeOf(own, 'nmt_wal_checkpoint_worker_up', '1 while the worker checkpoints; 0 when the server connection does it itself again.',
      () => (wal.stats().running ? 1 : 0))
  }
  // Kept from before prom-client (dashboards read them); its default metrics name these otherwise.
  gaugeOf(own, 'nodejs_heap_used_bytes', 'V8 heap in use.', () => process.memoryUsage().heapUsed)
  gaugeOf(own, 'process_uptime_seconds', 'Seconds since the process started.', () => process.uptime())

  const registry = Registry.merge([own, processMetrics()])
  app.decorate('metrics', { render: () => registry.metrics(), contentType: registry.contentType })
}

// Reads the hardening plugin's load shedding, the usage-audit plugin's write failures and audit facts,
// the database's checkpoint worker, the Redis counters and the services' answer cache.
export default fp(metricsPlugin, { name: 'metrics', dependencies: ['hardening', 'usage-audit', 'database', 'shared-counters', 'services'] })
