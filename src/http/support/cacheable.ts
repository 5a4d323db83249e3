/**
 * HTTP caching for reference data: ETag from the knowledge-base version (the content cannot change
 * without it changing), Cache-Control, and 304 for a matching If-None-Match before any work is done.
 * Apply inside an encapsulated plugin so only reference routes get it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export const REFERENCE_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400'

/** Whether an If-None-Match header matches `etag` (`*`, or one of its tags, weak or strong). */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false
  // What a client echoes back is nearly always our ETag as we sent it: no parsing for that.
  if (header === etag) return true
  if (header.trim() === '*') return true
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
}

/** Add ETag/Cache-Control/304 handling to every route of `scope`. */
export function cacheable(scope: FastifyInstance, kbVersion: string): void {
  const etag = `"kb-${kbVersion}"`
  // Marks the scope's routes for the OpenAPI document (If-None-Match, ETag, the 304): see documentRoute.
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, cacheable: true }
  })
  // Callback-style hooks (no promise per request).
  scope.addHook('onRequest', (request, reply, done) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && ifNoneMatch(request.headers['if-none-match'], etag)) {
      reply.code(304).header('etag', etag).header('cache-control', REFERENCE_CACHE_CONTROL).send()
    } else done()
  })
  scope.addHook('onSend', (_request, reply, payload, done) => {
    if (reply.statusCode === 200) reply.header('etag', etag).header('cache-control', REFERENCE_CACHE_CONTROL)
    else if (reply.statusCode !== 304) reply.header('cache-control', 'no-store')
    done(null, payload)
  })
}

/**
 * A handler for a reference route whose answer depends only on `keyOf(request)` and the knowledge
 * base, which cannot change while the process serves: the first answer for a key is serialised with
 * the route's own response schema and kept, later ones send that JSON as is (no object walk, no
 * serialiser). Only answers are kept, never errors (an unknown id throws its 404 every time), so the
 * cache holds at most one entry per knowledge-base item. Kept as UTF-8 bytes: a string payload is
 * measured (Buffer.byteLength) and encoded again on every send; bytes go to the socket as they are.
 */
export function memoizedJson<R extends FastifyRequest>(keyOf: (request: R) => string, answer: (request: R) => unknown): (request: R, reply: FastifyReply) => void {
  const cache = new Map<string, Buffer>()
  // A synchronous handler (Fastify catches what it throws): an async one costs a promise per request.
  return (request, reply) => {
    const key = keyOf(request)
    let json = cache.get(key)
    if (json === undefined) {
      json = Buffer.from(reply.serializeInput(answer(request) as Record<string, unknown>, '200', 'application/json') as string)
      cache.set(key, json)
    }
    reply.type('application/json; charset=utf-8').send(json)
  }
}
