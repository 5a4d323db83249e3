/**
 * What the OpenAPI document adds to the route schemas (as @fastify/swagger's `transform`, so routes
 * need not repeat it, and only the document changes: nothing here is validated or serialised):
 * - for every /v1 operation, the API-key requirement and the 401/403/429/503 problems that auth,
 *   rate limits and load shedding add, and the rate-limit headers of its answers;
 * - for the cacheable reference routes (marked by `cacheable()`), `If-None-Match`, the `ETag` and
 *   `Cache-Control` of a 200, and the empty 304;
 * - on every response, the `X-Request-Id` header.
 */
import type { FastifySchema } from 'fastify'
import { REFERENCE_CACHE_CONTROL } from '../../support/cacheable.js'
import { problemResponses, Type } from '../../../contract/common.js'

export const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http' as const, scheme: 'bearer',
    description: 'An API key: `sk_...` (secret, server to server) or `pk_...` (publishable, from the browser origins it lists, ' +
      'widget endpoints only). Required on every /v1 call when NMT_ENV=production.',
  },
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by `cacheable()`: the route answers with an ETag and honours If-None-Match. */
    cacheable?: boolean
  }
}

const ADDED = problemResponses(401, 403, 429, 503)

/** A documented response header (all of ours are strings). */
const header = (description: string): { type: 'string'; description: string } => ({ type: 'string', description })

const REQUEST_ID = {
  'X-Request-Id': header('The request id, also in every log line and in `requestId` of a problem: the caller\'s own `X-Request-Id` ' +
    'when it is 1-128 characters of `A-Z a-z 0-9 . _ : -`, otherwise a new UUID.'),
}

const RATE_LIMIT = {
  'RateLimit-Policy': header('The limit that applies (IETF draft), e.g. `"default";q=600;w=60`: q requests per w seconds'),
  RateLimit: header('What is left of it (IETF draft), e.g. `"default";r=599;t=42`: r requests for the next t seconds'),
}

const RETRY_AFTER = { 'Retry-After': header('Seconds to wait before trying again') }

const CACHE = {
  ETag: header('The knowledge-base version, `"kb-<kbVersion>"`: reference data cannot change without it changing'),
  'Cache-Control': header(`\`${REFERENCE_CACHE_CONTROL}\``),
}

const IF_NONE_MATCH = Type.Object({
  'if-none-match': Type.Optional(Type.String({ description: 'An ETag received before (or `*`): when it still matches, the answer is an empty 304' })),
})

const NOT_MODIFIED = {
  type: 'null', description: 'Not modified: the ETag sent in If-None-Match is still current. No body.',
  headers: { ...CACHE, ...RATE_LIMIT, ...REQUEST_ID },
}

type ResponseEntry = Record<string, unknown> & { headers?: Record<string, unknown> }

/** A response entry with more headers documented (a copy: entries are shared between routes). */
function withHeaders(entry: unknown, headers: Record<string, unknown>): ResponseEntry {
  const e = entry as ResponseEntry
  return { ...e, headers: { ...e.headers, ...headers } }
}

/** The `transform` of @fastify/swagger: see the module comment. */
export function documentRoute({ schema, url, route }: { schema: FastifySchema; url: string; route?: { config?: { cacheable?: boolean } } }): { schema: FastifySchema; url: string } {
  if (!schema) return { schema, url }
  const v1 = url.startsWith('/v1/')
  const cacheable = route?.config?.cacheable === true
  const given = { ...(v1 ? ADDED : {}), ...(schema.response as Record<string, unknown> | undefined) }
  // A route that declares no responses keeps @fastify/swagger's default one.
  if (Object.keys(given).length === 0 && !cacheable) return { schema, url }
  const response: Record<string, unknown> = {}
  for (const [status, entry] of Object.entries(given)) {
    const code = Number(status)
    response[status] = withHeaders(entry, {
      ...(cacheable && code === 200 ? CACHE : {}),
      // Rate limits are counted after the key is checked: a 401, a 403 or a shed 503 has no count.
      ...(v1 && code !== 401 && code !== 403 && code !== 503 ? RATE_LIMIT : {}),
      ...(code === 429 || code === 503 ? RETRY_AFTER : {}),
      ...REQUEST_ID,
    })
  }
  if (cacheable) response['304'] = NOT_MODIFIED
  return {
    schema: {
      ...schema,
      ...(v1 ? { security: [{ apiKey: [] }] } : {}),
      ...(cacheable ? { headers: IF_NONE_MATCH } : {}),
      response,
    } as FastifySchema,
    url,
  }
}

/** Every header documented above, as the document's `components.headers`. */
const HEADERS: Record<string, { description: string }> = { ...REQUEST_ID, ...RATE_LIMIT, ...RETRY_AFTER, ...CACHE }

type Doc = { paths?: Record<string, Record<string, { responses?: Record<string, { headers?: Record<string, unknown> }> }>>; components?: Record<string, unknown> }

/**
 * The `transformObject` of @fastify/swagger: each documented header is written once, under
 * `components.headers`, and every response refers to it (instead of a copy per response).
 */
export function shareHeaders(input: { openapiObject: unknown } | { swaggerObject: unknown }): Doc {
  const doc = ('openapiObject' in input ? input.openapiObject : input.swaggerObject) as Doc
  for (const path of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(path)) {
      for (const res of Object.values(op.responses ?? {})) {
        for (const name of Object.keys(res.headers ?? {})) if (name in HEADERS) res.headers![name] = { $ref: `#/components/headers/${name}` }
      }
    }
  }
  doc.components = {
    ...doc.components,
    headers: Object.fromEntries(Object.entries(HEADERS).map(([name, s]) => [name, { description: s.description, schema: { type: 'string' } }])),
  }
  return doc
}
