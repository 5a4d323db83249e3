/**
 * Engine input and output types. The engine receives ids already checked against the knowledge
 * base (the service does that) and returns plain data the HTTP layer serialises.
 */

export type Side = 'left' | 'right' | 'both'
export type Answer = 'yes' | 'no' | 'unknown'
export type TriageLevel = 'none' | 'routine' | 'urgent' | 'emergency'

export interface ComplaintInput {
  region: string
  side?: Side
  sensations: string[]
}

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

export interface FlagResult {
  id: string
  level: Exclude<TriageLevel, 'none'>
  title: string
  advice: string
  because: { fact: string; label: string }[]
}

export interface Contribution {
  kind: 'zone' | 'guide' | 'local' | 'coverage' | 'symptom' | 'entrapment' | 'context' | 'condition' | 'rule' | 'answer'
  ref: string
  weight: number
  detail: string
}

export interface MuscleResult {
  id: string
  name: string
  score: number
  tier: 'primary' | 'secondary'
  /** Never empty: a muscle no reported side places is worked on both sides. */
  sides: ('left' | 'right')[]
  explanation: Contribution[]
}

export interface FocusStep {
  order: number
  muscle: string
  name: string
  side: 'left' | 'right' | 'both'
  area: string
  technique: string
  techniques: readonly string[]
  position: string
  pressure: string
  duration: string
  cautions: readonly string[]
  selfCare: readonly string[]
  reason: string
}

export interface QuestionResult {
  id: string
  text: string
  kind: 'screen' | 'differentiate' | 'locate'
  why: string
  /** `locate` questions: the narrower regions to choose from (send the chosen one as a complaint). */
  options?: { id: string; label: string }[]
}

/** A red-flag family the message touches without meeting any of its flags: screen for it first. */
export interface PossibleFamily {
  id: string
  label: string
  /** Its screening questions not yet answered or already told, most telling first. */
  questionIds: string[]
}

export interface EngineResult {
  triage: { level: TriageLevel; flags: FlagResult[]; possible: PossibleFamily[] }
  muscles: MuscleResult[]
  focusPlan: FocusStep[]
  questions: QuestionResult[]
}
