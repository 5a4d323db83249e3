/**
 * HTTP contracts of the read-only reference data. Profiles reuse the knowledge-base file schemas,
 * so what partners read is exactly what is authored under seed/.
 */
import {
  ConditionSchema, ContextSchema, MuscleGroupSchema, MuscleSchema, QuestionSchema, RedFlagSchema, RegionSchema,
  SensationSchema, SourceSchema, ZoneKindSchema,
} from '../kb/schema.js'
import { QUERY_MAX_CHARS } from '../limits.js'
import { IdSchema, MAX_PARAM_LENGTH, Type, type Static, type TSchema } from './common.js'

export { ConditionSchema, ContextSchema, MuscleSchema, QuestionSchema, RedFlagSchema, RegionSchema, SensationSchema, SourceSchema }

/** `{ items, total }` list envelope. */
export function ListOf<T extends TSchema>(item: T, description: string) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer({ description: 'Items matching, before paging' }) }, { description })
}

export const RegionDetailSchema = Type.Object({
  ...RegionSchema.properties,
  ancestors: Type.Array(IdSchema, { description: 'Parent first, then its parent' }),
  children: Type.Array(IdSchema),
  muscles: Type.Array(Type.Object({
    id: IdSchema, name: Type.String(), zone: ZoneKindSchema,
    regions: Type.Array(IdSchema, { description: 'Which of this region and those below it the muscle refers to' }),
  }), { description: 'Muscles whose referral zones cover this region or a region below it; essential first' }),
}, { $id: 'RegionDetail' })
export type RegionDetail = Static<typeof RegionDetailSchema>

export const MuscleSummarySchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  aliases: Type.Array(Type.String()),
  group: MuscleGroupSchema,
  regions: Type.Array(IdSchema, { description: 'Regions where the muscle lies' }),
})
export type MuscleSummary = Static<typeof MuscleSummarySchema>

export const MuscleListQuerySchema = Type.Object({
  region: Type.Optional(Type.String({ maxLength: 80, description: 'Only muscles that refer pain to this region or a region below it' })),
  q: Type.Optional(Type.String({ maxLength: QUERY_MAX_CHARS, description: 'Name or alias contains this text (case- and accent-insensitive)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
}, { additionalProperties: false })

export const ConditionSummarySchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  aliases: Type.Array(Type.String()),
  icd10cm: ConditionSchema.properties.icd10cm,
})

export const KbInfoSchema = Type.Object({
  version: Type.String({ description: 'Content hash of the seed: the kbVersion of every recommendation' }),
  counts: Type.Object({
    sources: Type.Integer(), regions: Type.Integer(), sensations: Type.Integer(), contexts: Type.Integer(), signs: Type.Integer(),
    muscles: Type.Integer(), conditions: Type.Integer(), redFlags: Type.Integer(), questions: Type.Integer(), rules: Type.Integer(),
  }),
  sources: Type.Array(SourceSchema),
}, { $id: 'KnowledgeBaseInfo' })

export const IdParamsSchema = Type.Object({ id: Type.String({ maxLength: MAX_PARAM_LENGTH }) })
