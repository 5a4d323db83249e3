/**
 * Deletes audit rows older than AUDIT_RETENTION_DAYS at start-up and daily, in whichever store holds
 * them (with several instances on PostgreSQL each one prunes: the deletes are idempotent).
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

const DAY_MS = 86_400_000

async function auditRetentionPlugin(app: FastifyInstance, opts: { retentionDays: number }): Promise<void> {
  const prune = async (): Promise<void> => {
    try {
      const removed = await app.usage.deleteAuditBefore(Date.now() - opts.retentionDays * DAY_MS)
      if (removed > 0) app.log.info({ removed, retentionDays: opts.retentionDays }, 'pruned old audit records')
    } catch (err) {
      app.log.error({ err }, 'audit retention pruning failed')
    }
  }
  await prune()
  const timer = setInterval(() => void prune(), DAY_MS)
  timer.unref()
  app.addHook('onClose', async () => clearInterval(timer))
}

export default fp(auditRetentionPlugin, { name: 'audit-retention', dependencies: ['usage-audit'] })
