/**
 * HTTP contract of GET /v1/usage: the calling secret key's requests per UTC day.
 */
import { Type, type Static } from './common.js'

/** The longest look-back, in days. */
export const USAGE_MAX_DAYS = 366
export const USAGE_DEFAULT_DAYS = 30

export const UsageQuerySchema = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: USAGE_MAX_DAYS, default: USAGE_DEFAULT_DAYS, description: `How many days back, today included (1-${USAGE_MAX_DAYS})` })),
}, { additionalProperties: false })

export const UsageSchema = Type.Object({
  keyId: Type.String(),
  name: Type.String(),
  from: Type.String({ description: 'First UTC day covered, YYYY-MM-DD' }),
  to: Type.String({ description: 'Last UTC day covered (today), YYYY-MM-DD' }),
  total: Type.Integer({ minimum: 0 }),
  days: Type.Array(Type.Object({ date: Type.String(), requests: Type.Integer({ minimum: 0 }) }), {
    description: 'Days with requests, oldest first (days without requests are left out)',
  }),
})
export type Usage = Static<typeof UsageSchema>
