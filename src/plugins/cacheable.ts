/**
 * HTTP caching for reference data: ETag from the knowledge-base version (the content cannot change
 * without it changing), Cache-Control, and 304 for a matching If-None-Match before any work is done.
 * Apply inside an encapsulated plugin so only reference routes get it.
 */
import type { FastifyInstance } from 'fastify'

export const REFERENCE_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400'

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
}

/** Add ETag/Cache-Control/304 handling to every route of `scope`. */
export function cacheable(scope: FastifyInstance, kbVersion: string): void {
  const etag = `"kb-${kbVersion}"`
  scope.addHook('onRequest', async (request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && matches(request.headers['if-none-match'], etag)) {
      return reply.code(304).header('etag', etag).header('cache-control', REFERENCE_CACHE_CONTROL).send()
    }
  })
  scope.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 200) reply.header('etag', etag).header('cache-control', REFERENCE_CACHE_CONTROL)
    else if (reply.statusCode !== 304) reply.header('cache-control', 'no-store')
    return payload
  })
}
