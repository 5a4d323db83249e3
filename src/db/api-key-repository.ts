/**
 * API keys in SQLite: insert, list, revoke and the per-request lookup by hash. Stores and returns
 * only hashes and display prefixes; a key itself never reaches this module. Also declares what any
 * key store must offer (ApiKeyRepository; PostgreSQL's is pg-api-key-repository.ts).
 */
import { and, count, eq, isNull, sql } from 'drizzle-orm'
import type { Awaitable } from './awaitable.js'
import type { Db } from './client.js'
import { apiKeys } from './schema.js'

export type ApiKeyType = 'secret' | 'publishable'

export interface ApiKey {
  id: string
  name: string
  type: ApiKeyType
  /** Non-secret start of the key, for recognising it in lists (e.g. `pk_Ab12Cd`). */
  prefix: string
  /** Allowed browser origins (publishable keys only), e.g. `https://clinic.example`. */
  origins: string[]
  /** Requests per minute, or null for the configured default. */
  rateLimit: number | null
  createdAt: string
  revokedAt: string | null
}

export interface NewApiKeyRow {
  id: string
  name: string
  type: ApiKeyType
  prefix: string
  hash: string
  origins: string[]
  rateLimit: number | null
  createdAt: number
}

/**
 * What the API-key service needs from a store. The per-request reads are synchronous in every store
 * (PostgreSQL's answers them from its copy of the active keys); changes may take a round trip.
 */
export interface ApiKeyRepository {
  insert(row: NewApiKeyRow): Awaitable<ApiKey>
  list(): Awaitable<ApiKey[]>
  findActiveByHash(hash: string): ApiKey | undefined
  revoke(id: string, at: number): Awaitable<'revoked' | 'already-revoked' | 'not-found'>
  countActive(): Awaitable<number>
  activePublishableOrigins(): Set<string>
}

type Row = typeof apiKeys.$inferSelect

function toApiKey(r: Row): ApiKey {
  return {
    id: r.id, name: r.name, type: r.type, prefix: r.prefix, origins: r.origins, rateLimit: r.rateLimit,
    createdAt: new Date(r.createdAt).toISOString(), revokedAt: r.revokedAt === null ? null : new Date(r.revokedAt).toISOString(),
  }
}

export function createApiKeyRepository(db: Db) {
  return sqliteApiKeyRepository(db) satisfies ApiKeyRepository
}

function sqliteApiKeyRepository(db: Db) {
  const byHash = db.select().from(apiKeys)
    .where(and(eq(apiKeys.hash, sql.placeholder('hash')), isNull(apiKeys.revokedAt))).prepare()
  const publishableOrigins = db.select({ origins: apiKeys.origins }).from(apiKeys)
    .where(and(eq(apiKeys.type, 'publishable'), isNull(apiKeys.revokedAt))).prepare()

  return {
    insert(row: NewApiKeyRow): ApiKey {
      db.insert(apiKeys).values({ ...row, revokedAt: null }).run()
      return toApiKey({ ...row, revokedAt: null })
    },

    /** Every key, oldest first, revoked ones included. */
    list(): ApiKey[] {
      return db.select().from(apiKeys).orderBy(apiKeys.createdAt, apiKeys.id).all().map(toApiKey)
    },

    /** The active (not revoked) key with this sha256 hash. Runs on every keyed request. */
    findActiveByHash(hash: string): ApiKey | undefined {
      const row = byHash.get({ hash })
      return row ? toApiKey(row) : undefined
    },

    revoke(id: string, at: number): 'revoked' | 'already-revoked' | 'not-found' {
      const row = db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, id)).get()
      if (!row) return 'not-found'
      if (row.revokedAt !== null) return 'already-revoked'
      db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id)).run()
      return 'revoked'
    },

    countActive(): number {
      return db.select({ n: count() }).from(apiKeys).where(isNull(apiKeys.revokedAt)).get()?.n ?? 0
    },

    /** Origins allowed by any active publishable key. */
    activePublishableOrigins(): Set<string> {
      return new Set(publishableOrigins.all().flatMap((r) => r.origins))
    },
  }
}

export type SqliteApiKeyRepository = ReturnType<typeof createApiKeyRepository>
