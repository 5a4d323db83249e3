/**
 * API-key use cases: create (the only moment a key exists in clear), list, revoke, and authenticate
 * a bearer token. Keys are 192 random bits; only their sha256 is stored, so a database leak leaks no key.
 */
import { createHash, randomBytes } from 'node:crypto'
import { after, type Like } from '../db/awaitable.js'
import type { ApiKey, ApiKeyRepository, ApiKeyType } from '../db/api-key-repository.js'

export type { ApiKey, ApiKeyType }

export const KEY_PREFIX: Record<ApiKeyType, string> = { secret: 'sk_', publishable: 'pk_' }
const TOKEN = /^(?:sk|pk)_[A-Za-z0-9_-]{32}$/
const BEARER = /^Bearer +(\S+) *$/i

export class KeyInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KeyInputError'
  }
}

export interface NewKeyInput {
  name: string
  type: ApiKeyType
  origins?: string[]
  rateLimit?: number | null
}

/** sha256 of a key, hex: what the database stores and looks up. */
export function hashKey(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The token of an `Authorization: Bearer <token>` header, or null when the header is malformed. */
export function bearerToken(header: string): string | null {
  const m = BEARER.exec(header)
  return m && TOKEN.test(m[1]!) ? m[1]! : null
}

/**
 * A browser origin in its canonical form (`https://host[:port]`).
 * @throws KeyInputError for anything that is not a bare http(s) origin
 */
export function normalizeOrigin(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new KeyInputError(`"${raw}" is not an origin: expected e.g. https://clinic.example`)
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password ||
    url.pathname !== '/' || url.search || url.hash) {
    throw new KeyInputError(`"${raw}" is not an origin: expected scheme://host[:port] with no path, e.g. https://clinic.example`)
  }
  return url.origin
}

/**
 * The service answers as its store does: at once over SQLite, with promises over PostgreSQL (for
 * changes; authentication is synchronous over both).
 * @param changedElsewhere returns a value that changes whenever another connection (the keys CLI,
 *   another instance) has changed a key, e.g. SQLite's `PRAGMA data_version` or PostgreSQL's key
 *   version as last read; the key cache is dropped then.
 */
export function createApiKeyService<R extends ApiKeyRepository>(repo: R, now: () => number = Date.now, changedElsewhere: () => unknown = () => 0) {
  type Out<M extends keyof ApiKeyRepository, T> = Like<ReturnType<R[M]>, T>
  // Authentication runs on every request: answers are cached by header until any key changes, here or
  // in another process (creating or revoking a key still takes effect on the next request).
  const byHeader = new Map<string, ApiKey | null>()
  let origins: Set<string> | null = null
  let seen = changedElsewhere()
  let checked = false
  const fresh = (): void => {
    // Once per event-loop turn: requests handled in the same turn arrived together.
    if (checked) return
    checked = true
    setImmediate(() => { checked = false })
    const v = changedElsewhere()
    if (v !== seen) {
      seen = v
      byHeader.clear()
      origins = null
    }
  }
  const forget = (): void => {
    byHeader.clear()
    origins = null
  }
  return {
    /**
     * Create a key. The returned `token` is the key itself: show it once, it cannot be recovered.
     * @throws KeyInputError on a bad name, origin list or rate limit
     */
    create(input: NewKeyInput): Out<'insert', { key: ApiKey; token: string }> {
      const name = input.name.trim()
      if (name.length < 1 || name.length > 100) throw new KeyInputError('--name must be 1 to 100 characters')
      const origins = [...new Set((input.origins ?? []).map(normalizeOrigin))]
      if (input.type === 'publishable' && origins.length === 0) {
        throw new KeyInputError('a publishable key needs --origins: the browser origins it may be used from, e.g. https://clinic.example')
      }
      if (input.type === 'secret' && origins.length > 0) {
        throw new KeyInputError('--origins is for publishable keys only: secret keys are refused from browsers')
      }
      const rateLimit = input.rateLimit ?? null
      if (rateLimit !== null && (!Number.isInteger(rateLimit) || rateLimit < 1 || rateLimit > 1_000_000)) {
        throw new KeyInputError('--rate-limit must be an integer from 1 to 1000000 (requests per minute)')
      }
      const token = KEY_PREFIX[input.type] + randomBytes(24).toString('base64url')
      const inserted = repo.insert({
        id: `key_${randomBytes(6).toString('hex')}`, name, type: input.type, prefix: token.slice(0, 9),
        hash: hashKey(token), origins, rateLimit, createdAt: now(),
      })
      return after(inserted, (key) => {
        forget()
        return { key, token }
      }) as Out<'insert', { key: ApiKey; token: string }>
    },

    list: (): Out<'list', ApiKey[]> => repo.list() as Out<'list', ApiKey[]>,

    revoke(id: string): Out<'revoke', 'revoked' | 'already-revoked' | 'not-found'> {
      return after(repo.revoke(id, now()), (result) => {
        forget()
        return result
      }) as Out<'revoke', 'revoked' | 'already-revoked' | 'not-found'>
    },

    countActive: (): Out<'countActive', number> => repo.countActive() as Out<'countActive', number>,

    /** The active key an Authorization header carries, or null (malformed, unknown or revoked). */
    authenticate(header: string): ApiKey | null {
      fresh()
      const cached = byHeader.get(header)
      if (cached !== undefined) return cached
      const token = bearerToken(header)
      const key = token === null ? null : repo.findActiveByHash(hashKey(token)) ?? null
      // Bounded: a flood of random bad keys must not grow memory without limit.
      if (byHeader.size >= 10_000) byHeader.clear()
      byHeader.set(header, key)
      return key
    },

    allowedOrigins(): Set<string> {
      fresh()
      origins ??= repo.activePublishableOrigins()
      return origins
    },
  }
}

/** The service over any store (what the app decorates): changes are Awaitable. */
export type ApiKeyService = ReturnType<typeof createApiKeyService<ApiKeyRepository>>
