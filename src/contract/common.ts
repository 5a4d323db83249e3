/**
 * Shared HTTP contract pieces: the RFC 9457 Problem schema, ids, pagination, and helpers that
 * build the `response` map of a route. Routes import `Type` from here, and only from here.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { BODY_LIMIT_BYTES, ID_MAX_CHARS, MAX_PARAM_LENGTH, TEXT_MAX_CHARS } from '../limits.js'

export { Type }
export type { Static, TSchema }

export { MAX_PARAM_LENGTH }

export const IdSchema = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: ID_MAX_CHARS, description: 'Slug id, e.g. `upper-trapezius`' })

export const PossibleSchema = Type.Array(Type.Object({
  id: IdSchema,
  label: Type.String(),
  questionIds: Type.Array(IdSchema, { description: 'Its screening questions still open, most telling first' }),
}), { description: 'Red-flag families the message touches without meeting any of their flags: ask these screening questions before any muscle work' })

export const FieldErrorSchema = Type.Object({
  path: Type.String({ description: 'JSON pointer of the failing field, e.g. `/complaints/0/region`' }),
  message: Type.String(),
})

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference identifying the problem type' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable machine-readable error code, e.g. `NMT_ERR_VALIDATION`' }),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(FieldErrorSchema, { description: 'Validation failures, one per field, at most 20' })),
    moreErrors: Type.Optional(Type.Integer({ minimum: 1, description: 'How many more fields failed than are listed in `errors`' })),
    unknown: Type.Optional(Type.Array(Type.Object({
      field: Type.String(),
      value: Type.String(),
      suggestions: Type.Array(Type.String()),
    }), { description: 'Unknown ids, each with the closest known ids' })),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
)
export type Problem = Static<typeof ProblemSchema>

const PROBLEM_REF = Type.Ref('Problem')

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request', 401: 'Missing or invalid API key', 403: 'Forbidden', 404: 'Not found',
  413: `Request body over ${BODY_LIMIT_BYTES / 1024} KiB (\`NMT_ERR_PAYLOAD_TOO_LARGE\`), or \`text\` over ${TEXT_MAX_CHARS.toLocaleString('en-GB')} characters (\`NMT_ERR_TEXT_TOO_LONG\`)`,
  415: 'Unsupported media type', 422: 'Unknown identifier',
  429: 'Rate limited, or too many failed authentications from this address', 500: 'Internal error',
  503: 'Not ready, overloaded (`NMT_ERR_OVERLOADED`), or the answer could not be recorded (`NMT_ERR_NOT_RECORDED`); see Retry-After',
}

/**
 * Problem responses for the given statuses, for a route's `response` map.
 * 500 is always included: any route can fail.
 */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {}
  for (const s of [...new Set([...statuses, 500])].sort()) {
    out[s] = { description: STATUS_TEXT[s] ?? 'Error', content: { 'application/problem+json': { schema: PROBLEM_REF } } }
  }
  return out
}

/** A JSON success response entry for a route's `response` map. */
export function jsonResponse(schema: TSchema, description: string): unknown {
  return { description, content: { 'application/json': { schema } } }
}

export const PageQuerySchema = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size (1-500)' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0, description: 'Items to skip' })),
}
