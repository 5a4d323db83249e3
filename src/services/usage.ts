/**
 * A key's own usage report: its requests per UTC day over the last `days` days, today included.
 * The counting itself happens per request in the usage-audit plugin (group-committed).
 */
import { utcDay, type UsageStore } from '../db/usage-repository.js'
import type { Usage } from '../contract/usage.js'

const DAY_MS = 86_400_000

export function createUsageService(store: UsageStore, now: () => number = Date.now) {
  return {
    async report(key: { id: string; name: string }, days: number): Promise<Usage> {
      const today = now()
      const from = utcDay(today - (days - 1) * DAY_MS)
      const rows = await store.daily(key.id, from)
      return { keyId: key.id, name: key.name, from, to: utcDay(today), total: rows.reduce((n, r) => n + r.requests, 0), days: rows }
    },
  }
}

export type UsageService = ReturnType<typeof createUsageService>
