/**
 * The route pattern of a request (`/v1/muscles/:id`), read once per request. Fastify's
 * `request.routeOptions` builds a fresh twelve-field object on every access, and the auth, rate-limit,
 * metrics and logging hooks each need the pattern: it is kept on the request (the `routeUrl`
 * decoration, declared in http/app.ts) after the first read.
 */
import type { FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** Cache for routeUrl(): '' until read, then the pattern, or null for an unmatched URL. */
    routeUrl: string | null
  }
}

/** The route pattern of a request, or null when no route matched. */
export function routeUrl(request: FastifyRequest): string | null {
  let url = request.routeUrl
  if (url === '' || url === undefined) {
    url = request.routeOptions?.url ?? null
    request.routeUrl = url
  }
  return url
}

/** The route pattern of a /v1 request, or null for anything else (including unmatched URLs). */
export function v1Route(request: FastifyRequest): string | null {
  const url = routeUrl(request)
  return url !== null && url.startsWith('/v1/') ? url : null
}
