/**
 * HTTP contract of POST /v1/recommendations: the request (structured complaints, condition ids,
 * free text, or any mix) and the response (triage, what was understood, ranked muscles with their
 * explanation, focus plan, follow-up questions).
 */
import { TriggerPointSchema } from '../kb/schema.js'
import { IdSchema, PossibleSchema, Type, type Static } from './common.js'
import { ID_MAX_CHARS, TEXT_MAX_CHARS } from '../limits.js'

export const SideSchema = Type.Union([Type.Literal('left'), Type.Literal('right'), Type.Literal('both')], { description: 'Side of the body the client feels it on' })
export const AnswerSchema = Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('unknown')])
const IdRef = Type.String({ minLength: 1, maxLength: ID_MAX_CHARS })

export const RecommendationRequestSchema = Type.Object({
  complaints: Type.Optional(Type.Array(Type.Object({
    region: Type.String({ minLength: 1, maxLength: ID_MAX_CHARS, description: 'Region id from GET /v1/regions' }),
    side: Type.Optional(SideSchema),
    sensations: Type.Optional(Type.Array(IdRef, { maxItems: 10, description: 'Sensation ids from GET /v1/sensations' })),
  }, { additionalProperties: false }), { maxItems: 12 })),
  conditions: Type.Optional(Type.Array(IdRef, { maxItems: 10, description: 'Condition ids from GET /v1/conditions' })),
  contexts: Type.Optional(Type.Array(IdRef, { maxItems: 20, description: 'Context ids from GET /v1/contexts' })),
  signs: Type.Optional(Type.Array(IdRef, { maxItems: 20, description: 'Clinical signs or history (ids used by GET /v1/red-flags triggers), e.g. from an intake form' })),
  text: Type.Optional(Type.String({ maxLength: TEXT_MAX_CHARS, description: `The client's own words (at most ${TEXT_MAX_CHARS.toLocaleString('en-GB')} characters). Never stored or logged.` })),
  answers: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: ID_MAX_CHARS }), AnswerSchema, {
    maxProperties: 50, description: 'Answers to earlier follow-up questions, by question id',
  })),
  age: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'How many muscles to return' })),
}, {
  $id: 'RecommendationRequest',
  additionalProperties: false,
  // What the service needs to work on, said in the contract so that `{}` is invalid in the document too
  // (each member's own schema says the rest; `items: {}` only because OpenAPI linters want it).
  anyOf: [
    { required: ['complaints'], properties: { complaints: { type: 'array', items: {}, minItems: 1 } } },
    { required: ['conditions'], properties: { conditions: { type: 'array', items: {}, minItems: 1 } } },
    { required: ['text'], properties: { text: { type: 'string', pattern: '\\S' } } },
  ],
  description: 'At least one of complaints, conditions or text (not empty; text not only spaces)',
  examples: [{ complaints: [{ region: 'temple', side: 'right', sensations: ['aching'] }], contexts: ['desk-work'], age: 45 }],
})
/** A recommendation request as the client sends it (validated against the schema above). */
export type RecommendationRequest = Static<typeof RecommendationRequestSchema>

const LevelSchema = Type.Union([Type.Literal('none'), Type.Literal('routine'), Type.Literal('urgent'), Type.Literal('emergency')])

const FlagSchema = Type.Object({
  id: IdSchema,
  level: Type.Union([Type.Literal('routine'), Type.Literal('urgent'), Type.Literal('emergency')]),
  title: Type.String(),
  advice: Type.String(),
  because: Type.Array(Type.Object({ fact: Type.String(), label: Type.String() }), { description: 'The reported facts that raised the flag' }),
})

const ContributionSchema = Type.Object({
  kind: Type.Union([
    Type.Literal('zone'), Type.Literal('guide'), Type.Literal('local'), Type.Literal('coverage'), Type.Literal('symptom'),
    Type.Literal('entrapment'), Type.Literal('context'), Type.Literal('condition'), Type.Literal('rule'), Type.Literal('answer'),
  ]),
  ref: Type.String({ description: 'What made it: `<muscle>@<region>` for a referral zone, `guide:<region>` for its place in that region\'s pain guide, a rule or condition id, or a fact' }),
  weight: Type.Number(),
  detail: Type.String(),
})

export const RecommendationResponseSchema = Type.Object({
  kbVersion: Type.String({ description: 'Content hash of the knowledge base that answered' }),
  triage: Type.Object({ level: LevelSchema, flags: Type.Array(FlagSchema), possible: PossibleSchema }, { description: 'Red flags, evaluated first. At urgent or emergency there is no treatment plan.' }),
  interpreted: Type.Object({
    complaints: Type.Array(Type.Object({
      region: IdSchema, label: Type.String(), side: Type.Union([SideSchema, Type.Null()]), sensations: Type.Array(IdSchema),
      from: Type.Union([Type.Literal('structured'), Type.Literal('text')]),
    })),
    conditions: Type.Array(IdSchema),
    contexts: Type.Array(IdSchema),
    signs: Type.Array(IdSchema),
    sensations: Type.Array(IdSchema, { description: 'Sensations reported without a region' }),
    negated: Type.Array(Type.String(), { description: 'Facts the client said are absent, e.g. `sensation:numbness`' }),
    unrecognized: Type.Array(Type.String(), { description: 'Words in the text that could not be placed' }),
    age: Type.Union([Type.Integer(), Type.Null()], { description: 'Age used for triage: the request\'s `age`, else one stated in the text' }),
  }, { description: 'What the API understood, to confirm with the client' }),
  muscles: Type.Array(Type.Object({
    id: IdSchema,
    name: Type.String(),
    score: Type.Number(),
    tier: Type.Union([Type.Literal('primary'), Type.Literal('secondary')]),
    sides: Type.Array(Type.Union([Type.Literal('left'), Type.Literal('right')]), { minItems: 1, description: 'Which side to work, from the reported sides and the zone laterality; both when no reported side places the muscle' }),
    explanation: Type.Array(ContributionSchema),
    triggerPoints: Type.Array(TriggerPointSchema),
    mapUrl: Type.String({ description: 'Path of its referral map (SVG) on the sides to work: `/v1/muscles/{id}/map.svg?side=...`' }),
  }), { description: 'Muscles commonly associated with the reported pattern, best first; ties break by the order of the pain guides' }),
  focusPlan: Type.Array(Type.Object({
    order: Type.Integer({ minimum: 1 }),
    side: Type.Union([Type.Literal('left'), Type.Literal('right'), Type.Literal('both')], { description: 'The muscle\'s sides: both when no reported side places it' }),
    muscle: IdSchema,
    name: Type.String(),
    area: Type.String({ description: 'Where the trigger points lie and how to find them' }),
    technique: Type.String(),
    techniques: Type.Array(Type.String()),
    position: Type.String(),
    pressure: Type.String(),
    duration: Type.String(),
    cautions: Type.Array(Type.String()),
    selfCare: Type.Array(Type.String()),
    reason: Type.String({ description: 'Why it comes at this point in the session' }),
  }), { description: 'Session order: key muscles before satellites, sources before their referral zones, proximal before distal' }),
  questions: Type.Array(Type.Object({
    id: IdSchema,
    text: Type.String(),
    kind: Type.Union([Type.Literal('screen'), Type.Literal('differentiate'), Type.Literal('locate')]),
    why: Type.String(),
    options: Type.Optional(Type.Array(Type.Object({ id: IdSchema, label: Type.String() }), {
      description: '`locate` questions only: the narrower regions to choose from; send the chosen one back as a complaint',
    })),
  }), { maxItems: 3, description: 'Up to three follow-up questions; send answers to `screen` and `differentiate` questions back in `answers`' }),
  mapUrl: Type.Union([Type.String(), Type.Null()], {
    description: 'Path of the overview map (SVG): the reported areas and the primary muscles\' trigger points on the sides to work ' +
      '(`/v1/recommendations/map.svg?regions=...&muscles=...`). Null when nothing was located, or at urgent or emergency triage.',
  }),
  disclaimer: Type.String(),
}, { $id: 'Recommendation' })

/** A recommendation as answered: the service builds it, the compiled schema serialiser writes it. */
export type Recommendation = Static<typeof RecommendationResponseSchema>
