/**
 * Usage counts and the recommendation audit log, group-committed: the rows of every response
 * finished in one event-loop turn are written in one transaction right after that turn, and each
 * response waits for it, so a response the client got implies a committed row (a WAL commit survives
 * a killed process) while the commit cost is shared by everything answered in that turn.
 *
 * The event loop never waits for a lock: the server's connection has no busy timeout, so while
 * another connection holds the write lock the commit fails at once and is tried again on a later
 * tick (2 ms, then doubling to 100 ms), with whatever was answered meanwhile, for up to
 * `commitWaitMs` (and for MAX_WAITING responses at most). Rows that cannot be committed (still locked,
 * or any other failure) are never acknowledged: their successful responses become 503
 * NMT_ERR_NOT_RECORDED with Retry-After (an error response goes out as it was). Both are counted in
 * /metrics and logged.
 *
 * On PostgreSQL a commit is a round trip: one is in flight at a time, and whatever is answered
 * meanwhile goes in the next (the group grows with the load). A failed commit is not retried (over a
 * dropped connection its outcome is unknown, and a retry could count twice): its successes become 503s.
 * Audit retention: see audit-retention.ts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import { utcDay, type NewAuditRecord, type UsageStore } from '../../../db/usage-repository.js'
import { problem } from '../../support/problem.js'

/** How long responses wait for their rows while another connection holds the write lock. */
export const COMMIT_WAIT_MS = 2000
const RETRY_FIRST_MS = 2
const RETRY_MAX_MS = 100
const NOT_RECORDED_RETRY_AFTER_S = 1
/** Responses held waiting for a lock at most (each holds its payload: ~16 KB for a recommendation). */
const MAX_WAITING = 5000

/** SQLite's "another connection holds the lock" (better-sqlite3 puts the extended code on `code`). */
function lockHeld(err: unknown): boolean {
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}

/** Turn a successful response whose rows were not committed into a 503 problem; returns its payload. */
function notRecorded(reply: FastifyReply): string {
  reply.code(503).type('application/problem+json').header('retry-after', String(NOT_RECORDED_RETRY_AFTER_S)).header('cache-control', 'no-store')
  reply.removeHeader('etag')
  return JSON.stringify(problem('NMT_ERR_NOT_RECORDED',
    `The answer could not be recorded (the database is locked or failing), so it is not given; retry after ${NOT_RECORDED_RETRY_AFTER_S} s`, String(reply.request.id)))
}

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
    usage: UsageStore
    /** Responses whose rows could not be committed since start, and commits tried again because the lock was held (exported in /metrics). */
    usageWriteFailures: { count: number; lockRetries: number }
  }
  interface FastifyRequest {
    /** Set by POST /v1/recommendations on success; becomes one audit row. */
    auditFacts: AuditFacts | null
  }
}

async function usageAuditPlugin(app: FastifyInstance, opts: { commitWaitMs?: number }): Promise<void> {
  const usage: UsageStore = app.store.usage
  const commitWaitMs = opts.commitWaitMs ?? COMMIT_WAIT_MS
  const failures = { count: 0, lockRetries: 0 }
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
  let replies: FastifyReply[] = []
  // A flush is due (after this turn, or a retry's timer); when the lock was first found held (0: not held).
  let scheduled = false
  let retry: NodeJS.Timeout | undefined
  let closing = false
  let lockedSince = 0
  let retryMs = RETRY_FIRST_MS
  // A PostgreSQL commit in flight; while it is, `scheduled` stays set and its end flushes again.
  let inFlight: Promise<void> | null = null
  const flush = (): void => {
    if (inFlight !== null) return
    scheduled = false
    if (waiting.length === 0) return
    let failure: unknown = null
    let pending: void | Promise<void> = undefined
    try {
      pending = usage.recordBatch([...counts.values()].flatMap((byKey) => [...byKey.values()]), audits)
    } catch (err) {
      const now = Date.now()
      if (!closing && lockHeld(err) && (lockedSince === 0 || now - lockedSince < commitWaitMs)) {
        // Nothing was written (one transaction): keep the rows and the responses, and try again later
        // with whatever is answered meanwhile.
        if (lockedSince === 0) lockedSince = now
        failures.lockRetries++
        scheduled = true
        retry = setTimeout(flush, retryMs)
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS)
        return
      }
      failure = err
    }
    const batch = { waiting, payloads, replies }
    counts = new Map()
    audits = []
    waiting = []
    payloads = []
    replies = []
    lockedSince = 0
    retryMs = RETRY_FIRST_MS
    if (pending instanceof Promise) {
      inFlight = pending.then(() => settle(batch, null), (err: unknown) => settle(batch, err)).finally(() => {
        inFlight = null
        if (scheduled) flush()
      })
      return
    }
    settle(batch, failure)
  }
  function settle(batch: { waiting: typeof waiting; payloads: unknown[]; replies: FastifyReply[] }, failure: unknown): void {
    if (failure !== null) {
      failures.count += batch.waiting.length
      app.log.error({ err: failure, requests: batch.waiting.length }, 'usage/audit rows not committed; their successful responses were refused (503)')
    }
    for (let i = 0; i < batch.waiting.length; i++) {
      const reply = batch.replies[i]!
      batch.waiting[i]!(null, failure !== null && reply.statusCode < 400 ? notRecorded(reply) : batch.payloads[i])
    }
  }

  // Callback-style: the response goes on (done) once its rows are committed, with no promise per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    // Routes registered before the auth plugin (swagger-ui) have no apiKey decoration: undefined.
    const key = request.apiKey ?? null
    const facts = reply.statusCode === 200 ? request.auditFacts ?? null : null
    if ((key === null && facts === null) || reply.statusCode === 429) return done(null, payload)
    // While the lock is held, at most MAX_WAITING responses (and their payloads) are kept waiting;
    // past that, a success is refused at once rather than held in memory.
    if ((lockedSince !== 0 || inFlight !== null) && waiting.length >= MAX_WAITING) {
      failures.count++
      return done(null, reply.statusCode < 400 ? notRecorded(reply) : payload)
    }
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
    replies.push(reply)
  })
  app.addHook('onClose', async () => {
    // Closing: one last try at once, and no more waiting for a lock.
    closing = true
    clearTimeout(retry)
    while (inFlight !== null || scheduled) {
      if (inFlight !== null) await inFlight
      else flush()
    }
  })
}

export default fp(usageAuditPlugin, { name: 'usage-audit', dependencies: ['auth', 'database'] })
