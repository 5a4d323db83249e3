/**
 * HTTP contracts of POST /v1/parse (what the API understands in free text) and GET /v1/search
 * (autocomplete).
 */
import { IdSchema, PossibleSchema, Type, type Static } from './common.js'
import { QUERY_MAX_CHARS, TEXT_MAX_CHARS } from '../limits.js'

// A pair, said as OpenAPI 3.1 (JSON Schema 2020-12) says it: `prefixItems` (the array form of `items` is
// not valid there). `items` says the same of every element, for fast-json-stringify, which reads no
// `prefixItems`.
const Offset = Type.Integer({ minimum: 0 })
const Span = Type.Array(Offset, {
  minItems: 2, maxItems: 2, prefixItems: [Type.Integer({ minimum: 0, description: 'start' }), Type.Integer({ minimum: 0, description: 'end (exclusive)' })],
  description: '[start, end) character offsets in the text',
})
const SideOrNull = Type.Union([Type.Literal('left'), Type.Literal('right'), Type.Literal('both'), Type.Null()])
const Found = Type.Object({ id: IdSchema, label: Type.String(), span: Span })

export const ParseRequestSchema = Type.Object({
  text: Type.String({ minLength: 1, maxLength: TEXT_MAX_CHARS, description: `The client's own words (at most ${TEXT_MAX_CHARS.toLocaleString('en-GB')} characters). Never stored or logged.` }),
}, { $id: 'ParseRequest', additionalProperties: false, examples: [{ text: 'my right heel kills me with the first steps in the morning, no numbness' }] })
export type ParseRequest = Static<typeof ParseRequestSchema>

export const ParseResponseSchema = Type.Object({
  kbVersion: Type.String(),
  complaints: Type.Array(Type.Object({
    region: IdSchema, label: Type.String(), side: SideOrNull, sensations: Type.Array(IdSchema), span: Span,
  }), { description: 'Each region named, with its side and the sensations named with it' }),
  sensations: Type.Array(Found, { description: 'Sensations not tied to a region' }),
  contexts: Type.Array(Found),
  conditions: Type.Array(Found),
  signs: Type.Array(Found, { description: 'Red-flag signs and history items' }),
  negated: Type.Array(Type.Object({ fact: Type.String(), label: Type.String(), span: Span }), { description: 'What the client said is absent ("no numbness")' }),
  age: Type.Union([Type.Integer(), Type.Null()]),
  onset: Type.Union([Type.Object({
    kind: Type.Union([Type.Literal('sudden'), Type.Literal('gradual'), Type.Literal('duration')]),
    text: Type.String(), span: Span, days: Type.Union([Type.Number(), Type.Null()]),
  }), Type.Null()]),
  unrecognized: Type.Array(Type.Object({ word: Type.String(), span: Span }), { description: 'Words that could not be placed' }),
  triage: Type.Object({
    level: Type.Union([Type.Literal('none'), Type.Literal('routine'), Type.Literal('urgent'), Type.Literal('emergency')]),
    flags: Type.Array(Type.Object({ id: IdSchema, level: Type.String(), title: Type.String(), advice: Type.String() })),
    possible: PossibleSchema,
  }, { description: 'Red flags raised by what the text says, and the red-flag families it touches without meeting (screen for them first)' }),
}, { $id: 'ParseResult' })

/** What the API understood in a message: the parse service builds it, Fastify's compiled serializer writes it. */
export type ParseResult = Static<typeof ParseResponseSchema>

export const SearchQuerySchema = Type.Object({
  q: Type.String({ minLength: 1, maxLength: QUERY_MAX_CHARS, description: 'What the client typed so far' }),
  type: Type.Optional(Type.Union([Type.Literal('region'), Type.Literal('sensation'), Type.Literal('context'), Type.Literal('condition'), Type.Literal('muscle')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
}, { additionalProperties: false })

export const SearchResponseSchema = Type.Object({
  items: Type.Array(Type.Object({
    type: Type.Union([Type.Literal('region'), Type.Literal('sensation'), Type.Literal('context'), Type.Literal('condition'), Type.Literal('muscle')]),
    id: IdSchema,
    label: Type.String(),
    matched: Type.String({ description: 'The name or synonym that matched' }),
  })),
}, { $id: 'SearchResults' })
