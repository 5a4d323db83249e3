/**
 * API keys in PostgreSQL, behind the same interface as SQLite's. Changes are transactions that also
 * bump api_key_version; the per-request reads come from this instance's copy of the active keys,
 * reloaded whenever that version moves (see `refresh`, polled by the api-keys plugin). So a request
 * costs no query, a flood of wrong keys never reaches the database, and every instance sees a change
 * as soon as it next reads the version.
 */
import { asc, count, eq, isNull, sql } from 'drizzle-orm'
import type { ApiKey, ApiKeyRepository, NewApiKeyRow } from './api-key-repository.js'
import type { PgDb } from './pg-client.js'
import { apiKeys, apiKeyVersion } from './pg-schema.js'

type Row = typeof apiKeys.$inferSelect

function toApiKey(r: Row): ApiKey {
  return {
    id: r.id, name: r.name, type: r.type, prefix: r.prefix, origins: r.origins, rateLimit: r.rateLimit,
    createdAt: new Date(r.createdAt).toISOString(), revokedAt: r.revokedAt === null ? null : new Date(r.revokedAt).toISOString(),
  }
}

interface Snapshot {
  version: number
  byHash: Map<string, ApiKey>
  origins: Set<string>
}

type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0]

const bump = (tx: Tx) => tx.update(apiKeyVersion).set({ version: sql`${apiKeyVersion.version} + 1` }).where(eq(apiKeyVersion.id, 1))

export function createPgApiKeyRepository(db: PgDb) {
  let snapshot: Snapshot = { version: -1, byHash: new Map(), origins: new Set() }
  let loading: Promise<void> | null = null

  /** The version as stored now; reloads the active keys when it differs from this copy's. */
  async function reload(): Promise<void> {
    const [row] = await db.select({ version: apiKeyVersion.version }).from(apiKeyVersion).where(eq(apiKeyVersion.id, 1))
    const version = row?.version ?? 0
    if (version === snapshot.version) return
    // Keys and version read in one snapshot of the database, so the copy is never newer than its version.
    const next = await db.transaction(async (tx) => {
      const [v] = await tx.select({ version: apiKeyVersion.version }).from(apiKeyVersion).where(eq(apiKeyVersion.id, 1))
      const rows = await tx.select().from(apiKeys).where(isNull(apiKeys.revokedAt))
      return { version: v?.version ?? 0, rows }
    }, { isolationLevel: 'repeatable read', accessMode: 'read only' })
    const byHash = new Map<string, ApiKey>()
    const origins = new Set<string>()
    for (const r of next.rows) {
      byHash.set(r.hash, toApiKey(r))
      if (r.type === 'publishable') for (const o of r.origins) origins.add(o)
    }
    snapshot = { version: next.version, byHash, origins }
  }

  /** After a change committed here: a reload already running may have read before it, so read again after it. */
  async function refreshAfterChange(): Promise<void> {
    await loading?.catch(() => undefined)
    await repo.refresh()
  }

  const repo = {
    /** Bring this copy of the active keys up to date (one query when nothing changed). Concurrent calls share one. */
    refresh(): Promise<void> {
      loading ??= reload().finally(() => { loading = null })
      return loading
    },

    /** The key version this copy holds (-1 before the first refresh). */
    version: (): number => snapshot.version,

    async insert(row: NewApiKeyRow): Promise<ApiKey> {
      await db.transaction(async (tx) => {
        await tx.insert(apiKeys).values({ ...row, revokedAt: null })
        await bump(tx)
      })
      await refreshAfterChange()
      return toApiKey({ ...row, revokedAt: null })
    },

    async list(): Promise<ApiKey[]> {
      return (await db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))).map(toApiKey)
    },

    findActiveByHash: (hash: string): ApiKey | undefined => snapshot.byHash.get(hash),

    async revoke(id: string, at: number): Promise<'revoked' | 'already-revoked' | 'not-found'> {
      const result = await db.transaction(async (tx) => {
        const [row] = await tx.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, id)).for('update')
        if (!row) return 'not-found' as const
        if (row.revokedAt !== null) return 'already-revoked' as const
        await tx.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id))
        await bump(tx)
        return 'revoked' as const
      })
      await refreshAfterChange()
      return result
    },

    async countActive(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(apiKeys).where(isNull(apiKeys.revokedAt))
      return row?.n ?? 0
    },

    activePublishableOrigins: (): Set<string> => snapshot.origins,
  }
  return repo satisfies ApiKeyRepository
}

export type PgApiKeyRepository = ReturnType<typeof createPgApiKeyRepository>
