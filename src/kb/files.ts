/**
 * Where each kind of seed file lives and which schema validates it.
 * Muscles and rules may be split across several files in their folder; everything else is one file.
 */
import type { TSchema } from 'typebox'
import {
  ConditionSchema, ContextSchema, MuscleSchema, PainGuideSchema, QuestionSchema, RedFlagFamilySchema, RedFlagSchema, RegionSchema, RuleSchema,
  SensationSchema, SignSchema, SourceSchema, TermSchema, type KnowledgeBase,
} from './schema.js'

export interface SeedKind {
  key: keyof KnowledgeBase
  /** A single file (`regions.json`) or a folder of files (`muscles/`). */
  path: string
  schema: TSchema
  /** Stored as generic rows of `kb_entries` (kinds with no relational shape of their own). */
  entries?: true
}

export const SEED_KINDS: readonly SeedKind[] = [
  { key: 'sources', path: 'sources.json', schema: SourceSchema },
  { key: 'regions', path: 'regions.json', schema: RegionSchema },
  { key: 'sensations', path: 'sensations.json', schema: SensationSchema },
  { key: 'contexts', path: 'contexts.json', schema: ContextSchema },
  { key: 'signs', path: 'signs.json', schema: SignSchema },
  { key: 'muscles', path: 'muscles/', schema: MuscleSchema },
  { key: 'painGuides', path: 'pain-guides.json', schema: PainGuideSchema, entries: true },
  { key: 'conditions', path: 'conditions.json', schema: ConditionSchema },
  { key: 'redFlags', path: 'red-flags.json', schema: RedFlagSchema },
  { key: 'questions', path: 'questions/', schema: QuestionSchema },
  { key: 'rules', path: 'rules/', schema: RuleSchema },
  { key: 'terms', path: 'terms.json', schema: TermSchema, entries: true },
  { key: 'redFlagFamilies', path: 'red-flag-families.json', schema: RedFlagFamilySchema, entries: true },
]
