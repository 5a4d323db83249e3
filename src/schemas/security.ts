/**
 * How the OpenAPI document describes API keys: one bearer scheme, and for every /v1 operation the
 * security requirement plus the 401/403/429/503 problems that auth, rate limits and load shedding add.
 * Used as @fastify/swagger's `transform`, so routes need not repeat it.
 */
import type { FastifySchema } from 'fastify'
import { problemResponses } from './common.js'

export const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http' as const, scheme: 'bearer',
    description: 'An API key: `sk_...` (secret, server to server) or `pk_...` (publishable, from the browser origins it lists, ' +
      'widget endpoints only). Required on every /v1 call when NMT_ENV=production.',
  },
}

const ADDED = problemResponses(401, 403, 429, 503)

/** Add the key requirement and the auth and rate-limit problems to /v1 operations. */
export function secureV1Route({ schema, url }: { schema: FastifySchema; url: string }): { schema: FastifySchema; url: string } {
  if (!url.startsWith('/v1/') || !schema) return { schema, url }
  const response = { ...ADDED, ...(schema.response as Record<string, unknown> | undefined) }
  return { schema: { ...schema, security: [{ apiKey: [] }], response } as FastifySchema, url }
}
