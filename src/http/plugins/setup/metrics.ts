/**
 * Prometheus metrics, hand-written (a few Map updates per request, in onResponse, after the reply
 * left): request counts and a latency histogram by method, route pattern and status, triage levels,
 * rate-limited requests and failed usage/audit writes. Labels are route patterns, never raw URLs.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { routeUrl } from '../../support/route-url.js'

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

interface Series {
  labels: string
  count: number
  sum: number
  buckets: number[]
}

export interface Metrics {
  /** The exposition text (Prometheus text format 0.0.4). */
  render(): string
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
}

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

async function metricsPlugin(app: FastifyInstance): Promise<void> {
  const series: Series[] = []
  // Per-request lookup by route pattern, method and status in turn: the pattern and method are
  // strings the process keeps (their hashes are cached), so no label key is built per request.
  const byRoute = new Map<string, Map<string, Map<number, Series>>>()
  const triage = new Map<string, number>()
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
      s = { labels: `method="${label(method)}",route="${label(route)}",status="${status}"`, count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }
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

  function render(): string {
    const out: string[] = [
      '# HELP nmt_http_requests_total HTTP requests answered, by method, route pattern and status.',
      '# TYPE nmt_http_requests_total counter',
    ]
    for (const s of series) out.push(`nmt_http_requests_total{${s.labels}} ${s.count}`)
    out.push('# HELP nmt_http_request_duration_seconds Time from receiving a request to sending its response.',
      '# TYPE nmt_http_request_duration_seconds histogram')
    for (const s of series) {
      BUCKETS.forEach((b, i) => out.push(`nmt_http_request_duration_seconds_bucket{${s.labels},le="${b}"} ${s.buckets[i]}`))
      out.push(`nmt_http_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`,
        `nmt_http_request_duration_seconds_sum{${s.labels}} ${s.sum}`,
        `nmt_http_request_duration_seconds_count{${s.labels}} ${s.count}`)
    }
    out.push('# HELP nmt_triage_level_total Recommendations answered, by red-flag triage level.', '# TYPE nmt_triage_level_total counter')
    for (const level of ['none', 'routine', 'urgent', 'emergency', ...triage.keys()].filter((l, i, a) => a.indexOf(l) === i)) {
      out.push(`nmt_triage_level_total{level="${label(level)}"} ${triage.get(level) ?? 0}`)
    }
    const cache = app.services.answers.stats
    out.push('# HELP nmt_recommendation_cache_total Structured recommendation requests, by whether the answer cache had their answer.',
      '# TYPE nmt_recommendation_cache_total counter', `nmt_recommendation_cache_total{result="hit"} ${cache.hits}`, `nmt_recommendation_cache_total{result="miss"} ${cache.misses}`,
      '# HELP nmt_recommendation_cache_entries Answers held by the answer cache (RECOMMENDATION_CACHE_SIZE at most).',
      '# TYPE nmt_recommendation_cache_entries gauge', `nmt_recommendation_cache_entries ${cache.size}`)
    const mem = process.memoryUsage()
    out.push('# HELP nmt_event_loop_delay_ms Event-loop delay of the last load-shedding sample (see MAX_EVENT_LOOP_DELAY_MS).',
      '# TYPE nmt_event_loop_delay_ms gauge', `nmt_event_loop_delay_ms ${app.loadShedding.delayMs}`,
      '# HELP nmt_load_shedding 1 while requests are refused with 503 NMT_ERR_OVERLOADED.',
      '# TYPE nmt_load_shedding gauge', `nmt_load_shedding ${app.loadShedding.shedding === null ? 0 : 1}`)
    out.push('# HELP nmt_rate_limited_total Requests refused with 429.', '# TYPE nmt_rate_limited_total counter', `nmt_rate_limited_total ${rateLimited}`,
      '# HELP nmt_usage_write_failures_total Requests whose usage or audit rows could not be committed (a success became 503 NMT_ERR_NOT_RECORDED).',
      '# TYPE nmt_usage_write_failures_total counter', `nmt_usage_write_failures_total ${app.usageWriteFailures.count}`,
      '# HELP nmt_usage_write_lock_retries_total Group commits tried again on a later tick because another connection held the write lock.',
      '# TYPE nmt_usage_write_lock_retries_total counter', `nmt_usage_write_lock_retries_total ${app.usageWriteFailures.lockRetries}`)
    const redis = app.sharedCounters
    if (redis) {
      out.push('# HELP nmt_redis_up 1 while Redis answers (rate limits shared across instances); 0 while they are counted per instance.',
        '# TYPE nmt_redis_up gauge', `nmt_redis_up ${redis.up ? 1 : 0}`,
        '# HELP nmt_redis_outages_total Times Redis became unreachable since start.', '# TYPE nmt_redis_outages_total counter', `nmt_redis_outages_total ${redis.stats.outages}`,
        '# HELP nmt_rate_limit_local_total Requests whose limits were counted in this instance alone because Redis was unreachable.',
        '# TYPE nmt_rate_limit_local_total counter', `nmt_rate_limit_local_total ${redis.stats.localFallbacks}`)
    }
    const wal = app.walCheckpointer?.stats()
    if (wal) {
      out.push('# HELP nmt_wal_checkpoints_total WAL checkpoints run by the checkpoint worker.', '# TYPE nmt_wal_checkpoints_total counter', `nmt_wal_checkpoints_total ${wal.runs}`,
        '# HELP nmt_wal_checkpoint_failures_total Checkpoints (or the checkpoint worker) that failed.', '# TYPE nmt_wal_checkpoint_failures_total counter', `nmt_wal_checkpoint_failures_total ${wal.failures}`,
        '# HELP nmt_wal_checkpoint_worker_up 1 while the worker checkpoints; 0 when the server connection does it itself again.', '# TYPE nmt_wal_checkpoint_worker_up gauge', `nmt_wal_checkpoint_worker_up ${wal.running ? 1 : 0}`)
    }
    out.push(
      '# HELP process_resident_memory_bytes Resident set size.', '# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`,
      '# HELP nodejs_heap_used_bytes V8 heap in use.', '# TYPE nodejs_heap_used_bytes gauge', `nodejs_heap_used_bytes ${mem.heapUsed}`,
      '# HELP process_uptime_seconds Seconds since the process started.', '# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${process.uptime()}`)
    return out.join('\n') + '\n'
  }

  app.decorate('metrics', { render })
}

export default fp(metricsPlugin, { name: 'metrics', dependencies: ['usage-audit', 'hardening'] })
