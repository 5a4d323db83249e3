/**
 * Usage counts and the recommendation audit log, group-committed: the rows of every response
 * finished in one event-loop turn are written in one transaction right after that turn, and each
 * response waits for it, so a response the client got implies a committed row (a WAL commit survives
 * a killed process) while the commit cost is shared by everything answered in that turn.
 * A failed write is logged and counted in /metrics; it never fails the response.
 * Also deletes audit rows older than AUDIT_RETENTION_DAYS at start-up and daily.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createUsageRepository, utcDay, type NewAuditRecord, type UsageRepository } from '../db/usage-repository.js'

const DAY_MS = 86_400_000

/** What the recommendation route reports about its answer: ids and levels, never client text. */
export interface AuditFacts {
  readonly kbVersion: string
  readonly regionIds: readonly string[]
  readonly conditionIds: readonly string[]
  readonly triageLevel: string
  readonly topMuscleIds: readonly string[]
}

declare module 'fastify' {
  interface FastifyInstance {
    usage: UsageRepository
    /** Writes that failed since start (exported in /metrics). */
    usageWriteFailures: { count: number }
  }
  interface FastifyRequest {
    /** Set by POST /v1/recommendations on success; becomes one audit row. */
    auditFacts: AuditFacts | null
  }
}

async function usageAuditPlugin(app: FastifyInstance, opts: { retentionDays: number }): Promise<void> {
  const usage = createUsageRepository(app.database.db, app.database.sqlite)
  const failures = { count: 0 }
  app.decorate('usage', usage)
  app.decorate('usageWriteFailures', failures)
  app.decorateRequest('auditFacts', null)

  // This turn's counts by day, then key id (both strings the process keeps, so no key is built per
  // request), the audit rows, and the responses waiting for the commit (their onSend callbacks and
  // payloads side by side: no closure per request).
  let counts = new Map<string, Map<string, { keyId: string; day: string; n: number }>>()
  let audits: NewAuditRecord[] = []
  let waiting: ((err: null, payload: unknown) => void)[] = []
  let payloads: unknown[] = []
  let scheduled = false
  const flush = (): void => {
    scheduled = false
    const batch = { counts: [...counts.values()].flatMap((byKey) => [...byKey.values()]), audits, waiting, payloads }
    counts = new Map()
    audits = []
    waiting = []
    payloads = []
    try {
      usage.recordBatch(batch.counts, batch.audits)
    } catch (err) {
      failures.count += batch.waiting.length
      app.log.error({ err, requests: batch.waiting.length }, 'usage/audit write failed; the responses are sent anyway')
    }
    for (let i = 0; i < batch.waiting.length; i++) batch.waiting[i]!(null, batch.payloads[i])
  }

  // Callback-style: the response goes on (done) once its rows are committed, with no promise per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    // Routes registered before the auth plugin (swagger-ui) have no apiKey decoration: undefined.
    const key = request.apiKey ?? null
    const facts = reply.statusCode === 200 ? request.auditFacts ?? null : null
    if ((key === null && facts === null) || reply.statusCode === 429) return done(null, payload)
    const now = Date.now()
    if (key !== null) {
      const day = utcDay(now)
      let byKey = counts.get(day)
      if (byKey === undefined) counts.set(day, (byKey = new Map()))
      const c = byKey.get(key.id)
      if (c) c.n++
      else byKey.set(key.id, { keyId: key.id, day, n: 1 })
    }
    if (facts !== null) {
      audits.push({
        at: now, requestId: String(request.id), keyId: key?.id ?? null, kbVersion: facts.kbVersion, regionIds: facts.regionIds,
        conditionIds: facts.conditionIds, triageLevel: facts.triageLevel, topMuscleIds: facts.topMuscleIds, latencyMs: Math.round(reply.elapsedTime * 1000) / 1000,
      })
    }
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
    waiting.push(done)
    payloads.push(payload)
  })
  app.addHook('onClose', async () => {
    if (scheduled) flush()
  })

  const prune = (): void => {
    try {
      const removed = usage.deleteAuditBefore(Date.now() - opts.retentionDays * DAY_MS)
      if (removed > 0) app.log.info({ removed, retentionDays: opts.retentionDays }, 'pruned old audit records')
    } catch (err) {
      app.log.error({ err }, 'audit retention pruning failed')
    }
  }
  prune()
  const timer = setInterval(prune, DAY_MS)
  timer.unref()
  app.addHook('onClose', async () => clearInterval(timer))
}

export default fp(usageAuditPlugin, { name: 'usage-audit', dependencies: ['auth'] })
