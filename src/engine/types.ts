/**
 * Engine input and output types. The engine receives ids already checked against the knowledge
 * base (the service does that) and returns plain data the service shapes into the answer. The
 * output types are parts of the answer's contract (RecommendationResponseSchema), written once
 * there; the input is the engine's own (see EngineInput).
 */
import type { Static } from 'typebox'
import type { AnswerSchema, Recommendation, SideSchema } from '../contract/recommendations.js'

export type Side = Static<typeof SideSchema>
export type Answer = Static<typeof AnswerSchema>
export type TriageLevel = Recommendation['triage']['level']

export interface ComplaintInput {
  region: string
  side?: Side
  /** Always present, without repeats (the request may omit them). */
  sensations: string[]
}

/**
 * Not the request (RecommendationRequest): ids are checked, text is read and merged in (adding
 * `sensations` and `negated`, which no client sends), lists are de-duplicated and defaults applied
 * (`answers`, `limit`). Only `age` stays optional: triage reads an unknown age differently.
 */
export interface EngineInput {
  complaints: ComplaintInput[]
  conditions: string[]
  contexts: string[]
  signs: string[]
  /** Sensations reported without a region (from text or answers). */
  sensations: string[]
  /** Facts the client said are absent ("no numbness"), as fact strings. */
  negated: string[]
  age?: number
  answers: Record<string, Answer>
  limit: number
}

export type FlagResult = Recommendation['triage']['flags'][number]
export type PossibleFamily = Recommendation['triage']['possible'][number]
export type Contribution = Recommendation['muscles'][number]['explanation'][number]
/** A ranked muscle as the engine returns it; the service adds its trigger points and map URL. */
export type MuscleResult = Omit<Recommendation['muscles'][number], 'triggerPoints' | 'mapUrl'>
export type FocusStep = Recommendation['focusPlan'][number]
export type QuestionResult = Recommendation['questions'][number]

export interface EngineResult {
  triage: { level: TriageLevel; flags: FlagResult[]; possible: PossibleFamily[] }
  muscles: MuscleResult[]
  focusPlan: FocusStep[]
  questions: QuestionResult[]
}
