/**
 * How a route is retired (the versioning policy in CONTRIBUTING.md): while it still works it answers
 * with `Deprecation` (RFC 9745: when it was deprecated), `Sunset` (RFC 8594: when it stops working) and
 * a `Link` to what replaces it, and its schema says `deprecated: true` so the OpenAPI document shows it.
 *
 *   app.get('/v1/old', { onRequest: deprecationHeaders({ since, sunset, link }), schema: { deprecated: true, ... } }, handler)
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'

export interface RouteDeprecation {
  /** When the route was deprecated (announced). */
  since: Date
  /** When it will stop answering: at least six months after `since`. */
  sunset: Date
  /** Where the replacement or the migration note is documented. */
  link: string
}

/** The three headers of a deprecated route, in their RFC formats. */
export function deprecationHeaderValues(d: RouteDeprecation): Record<'deprecation' | 'sunset' | 'link', string> {
  return {
    deprecation: `@${Math.floor(d.since.getTime() / 1000)}`,
    sunset: d.sunset.toUTCString(),
    link: `<${d.link}>; rel="deprecation"; type="text/html"`,
  }
}

/** An onRequest hook that marks every answer of a route as deprecated. */
export function deprecationHeaders(d: RouteDeprecation): (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void {
  const headers = deprecationHeaderValues(d)
  return (_request, reply, done) => {
    reply.headers(headers)
    done()
  }
}
