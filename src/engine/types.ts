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

// ---------------------------------------------------------------------------------------------
// The engine's own types: the compiled knowledge base, each module's index, and what passes
// between the modules. Every engine module takes its types from here, so none imports another
// for a type alone.
// ---------------------------------------------------------------------------------------------

import type { Condition, Context, KnowledgeBase, Muscle, Question, RedFlag, RedFlagFamily, Region, Rule, Sensation, Sign, Source, When } from '../kb/schema.js'

/** A referral zone with its muscle. */
export interface ReferralEdge {
  muscle: Muscle
  zone: Muscle['referralZones'][number]
}

/** What every module looks things up in: the loaded knowledge base, its entries by id and its region tree. */
export interface KbLookups {
  version: string
  kb: Readonly<KnowledgeBase>
  regions: ReadonlyMap<string, Region>
  sensations: ReadonlyMap<string, Sensation>
  contexts: ReadonlyMap<string, Context>
  signs: ReadonlyMap<string, Sign>
  muscles: ReadonlyMap<string, Muscle>
  conditions: ReadonlyMap<string, Condition>
  redFlags: ReadonlyMap<string, RedFlag>
  questions: ReadonlyMap<string, Question>
  sources: ReadonlyMap<string, Source>
  /** Region id → its ancestors, nearest first. */
  ancestors: ReadonlyMap<string, readonly string[]>
  /** Region id → itself and every region below it. */
  subtree: ReadonlyMap<string, readonly string[]>
  /** Region id → the regions directly below it, by label. */
  children: ReadonlyMap<string, readonly string[]>
  /** Region id → referral edges that land exactly on it. */
  referralsTo: ReadonlyMap<string, readonly ReferralEdge[]>
}

/** A knowledge base ready to serve: the lookups, and the index each module built from them. */
export interface CompiledKb extends KbLookups {
  facts: FactIndex
  triage: TriageIndex
  scoring: ScoreIndex
  asking: QuestionIndex
  focus: FocusIndex
  reader: Reader
  search: SearchIndex
}

// Facts (facts.ts)

export interface FactSet {
  present: Set<string>
  negated: Set<string>
  /** Complaints after answers are applied (a "yes" to "does it also reach X?" adds one). */
  complaints: ComplaintInput[]
  /** Every sensation reported anywhere. */
  sensations: Set<string>
}

export interface FactIndex {
  /** Region id → its fact and its enclosing regions' facts ("region:temple", "region:head", ...). */
  regionFacts: ReadonlyMap<string, readonly string[]>
  /** Every `age>=N` / `age<N` fact the knowledge base tests, parsed. */
  ages: readonly { fact: string; atLeast: boolean; years: number }[]
  /** Signs that follow from other facts, in authored order. */
  derivedSigns: readonly Sign[]
}

// Triage (triage.ts)

export interface TriageIndex {
  /** Fact → red flags whose `all` or `any` mention it (a flag can only fire through one of these). */
  flagsByFact: ReadonlyMap<string, readonly RedFlag[]>
  /** Families, most serious first (by their most serious flag), then as authored. */
  families: readonly { family: RedFlagFamily; level: TriageLevel; touches: readonly (string | When)[] }[]
  /** Flag id → its family id. */
  familyOf: ReadonlyMap<string, string>
}

export interface TriageOutcome {
  level: TriageLevel
  flags: FlagResult[]
  possible: PossibleFamily[]
}

// Pain guides and reach (guides.ts, reach.ts)

/** A muscle's place in one region's guide: 1-based rank of `of` listed muscles. */
export interface GuidePlace {
  rank: number
  of: number
}

/** Region id → muscle id → its place in that region's guide. */
export type GuideIndex = ReadonlyMap<string, ReadonlyMap<string, GuidePlace>>

/** A muscle a complaint in a region reaches, with its weight and explanation texts. */
export interface ReachEdge {
  muscle: Muscle
  zone: Muscle['referralZones'][number]
  weight: number
  /** `muscle@zoneRegion`: the explanation's ref. */
  ref: string
  /** The explanation's detail for the side the zone lands on (`none`: no side reported, or midline). */
  detail: Readonly<Record<Side | 'none', string>>
  /** 0-based place in the region's frequency order: the tie-break after the score. */
  place: number
  /** The muscle's listing in this region's own pain guide, with its weight, ref and text; null when not listed. */
  guide: { place: GuidePlace; weight: number; ref: string; detail: string } | null
}

// Scoring (score.ts)

export interface ScoreIndex {
  /** Region id → every muscle a complaint there reaches (its own, inner and enclosing zones), in the region's frequency order. */
  reach: ReadonlyMap<string, readonly ReachEdge[]>
  /** Region id → the muscles that lie in it. */
  lyingIn: ReadonlyMap<string, readonly Muscle[]>
  /** Muscle id → its place in the knowledge-base-wide order of how commonly the pain guides list it (0 = most). */
  commonness: ReadonlyMap<string, number>
  /** Fact → rules whose `all` or `any` mention it. */
  rulesByFact: ReadonlyMap<string, readonly Rule[]>
  /** Sensation id → muscles listing it among their non-pain symptoms. */
  musclesBySymptom: ReadonlyMap<string, readonly Muscle[]>
  /** Muscle id → facts a "yes" to which would favour it. */
  favours: ReadonlyMap<string, ReadonlySet<string>>
  /** Muscle id → its non-pain symptoms: sensation id → explanation detail (from the first note per sensation). */
  symptomDetails: ReadonlyMap<string, ReadonlyMap<string, string>>
  /** Muscle id → `context:<id>` facts it favours → explanation detail. */
  contextDetails: ReadonlyMap<string, ReadonlyMap<string, string>>
}

export interface Scored {
  muscle: Muscle
  score: number
  contributions: Contribution[]
  /** Sides a reported side places it on, as bits: LEFT | RIGHT (0: no reported side places it). */
  sides: number
  /** Its best place in the frequency order of a reported region (Infinity when no complaint reaches it). */
  place: number
  /** How many reported regions (complaints) it explains. */
  explains: number
  /** Of those, how many on the left (or on no particular side), and how many on the right (or none). */
  onLeft: number
  onRight: number
}

// Questions (questions.ts)

export interface QuestionIndex {
  /** Muscle id → facts a "yes" to which would favour it. */
  favours: ReadonlyMap<string, ReadonlySet<string>>
  /** Muscle id → those of its favoured facts a differentiating question asks about, sorted. */
  askable: ReadonlyMap<string, readonly string[]>
  /** Fact → the differentiating questions about it. */
  questionsAbout: ReadonlyMap<string, readonly Question[]>
}

// Focus plan (focus-plan.ts)

/** The parts of a focus step that depend only on the muscle. */
export type FocusTemplate = Omit<FocusStep, 'order' | 'side' | 'reason'>

export interface FocusIndex {
  /** Muscle id → the muscle-only part of its focus-plan step. */
  templates: ReadonlyMap<string, FocusTemplate>
  /** Muscle id → muscles that must be worked before it (key muscles of a satellite). */
  keyMusclesOf: ReadonlyMap<string, readonly string[]>
  /** Muscle id → muscles with a referral zone on a region where it lies. */
  referredBy: ReadonlyMap<string, ReadonlySet<string>>
}

// Search (search.ts)

export type SearchType = 'region' | 'sensation' | 'context' | 'condition' | 'muscle'

export interface SearchItem {
  type: SearchType
  id: string
  label: string
  /** The name or synonym the query matched. */
  matched: string
}

export interface SearchEntry {
  type: SearchType
  id: string
  label: string
  names: { raw: string; norm: string; words: string[] }[]
}

export interface SearchIndex {
  entries: readonly SearchEntry[]
  /** Every distinct word of every name, by first letter: the candidates of a typo-tolerant match. */
  wordsByFirst: ReadonlyMap<string, readonly string[]>
}

// Understanding free text (understand.ts)

export interface Spanned {
  id: string
  span: [number, number]
}

export interface Understanding {
  complaints: { region: string; side: Side | null; sensations: string[]; span: [number, number] }[]
  /** Sensations not tied to any region in the message. */
  sensations: Spanned[]
  contexts: Spanned[]
  conditions: Spanned[]
  signs: Spanned[]
  /** `inferred`: denied only through something it names; used to skip questions, not shown as said. */
  negated: { fact: string; span: [number, number]; inferred?: boolean }[]
  age: number | null
  onset: Onset | null
  unrecognized: { word: string; span: [number, number] }[]
}

// The reader (reader/)

export type Span = [number, number]

export interface Finding {
  type: Exclude<PhraseType, 'term'>
  id: string
  phrase: string
  span: [number, number]
  side?: Side
  negated: boolean
  sentence: number
  clause: number
  /** A body part named as moved ("when I lift my arm"), not complained of. */
  moved?: boolean
  /** A sign denied only through something it names ("not swollen" denies a swollen calf). */
  inferred?: boolean
}

export interface Reading {
  findings: Finding[]
  /** Word classes found (the reader's own vocabulary, for tools and tests; not part of any answer). */
  terms: { id: string; span: [number, number]; negated: boolean }[]
  age: NumberReading['age']
  onset: Onset | null
  unrecognized: { word: string; span: [number, number] }[]
}

export interface Reader {
  /** Read a message (already length-checked). */
  read(text: string): Reading
  /** A word or phrase in canonical form, as the reader compares them (for tests and tools). */
  canonical(phrase: string): string[]
}

export interface Token {
  /** Normalised form: lowercase ASCII letters and digits ("can't" → "cannot"), or a number like "38.9". */
  norm: string
  start: number
  end: number
  sentence: number
  clause: number
  /** What separates this word from the previous one. */
  gap: 'none' | 'comma' | 'clause' | 'sentence'
}

/** A word of the message in canonical form, with where it came from. */
export interface Word {
  norm: string
  token: number
  start: number
  end: number
  sentence: number
  clause: number
  gap: 'none' | 'comma' | 'clause' | 'sentence'
  /** A side word ("left", "both") that stood just before this word. */
  side?: Side
  /** The client wrote a plural ("knees"): a paired body part on both sides. */
  plural?: boolean
  /** The client wrote an -ing form ("clearing the gutters"): a verb, never the adjective ("clear"). */
  gerund?: boolean
}

export interface English {
  /** Common English words in either spelling, lowercase, without apostrophes. */
  words: ReadonlySet<string>
  /** British spelling → American spelling, for the words whose two forms differ by a regular rule. */
  americanOf: ReadonlyMap<string, string>
}

export interface Lemmatizer {
  /** The canonical form of a normalised word. */
  lemma(word: string): string
}

export interface Speller {
  /** What an unknown word most likely meant: one word, two (a split), or null when it is fine or hopeless. */
  fix(word: string): string[] | null
}

export type PhraseType = 'region' | 'sensation' | 'context' | 'sign' | 'condition' | 'term'

export interface PhraseTarget {
  type: PhraseType
  id: string
  /** `type:id`, made once: how sign patterns name it. */
  key: string
}

/** A node of the phrase trie: the next words, and what the phrase ending here names. */
export interface PhraseNode {
  next: Map<string, PhraseNode>
  /** The canonical phrase ending here and what it names (none when no phrase ends here). */
  phrase?: string
  targets?: PhraseTarget[]
}

export interface PhraseIndex {
  /** Canonical phrases as a trie over words: a lookup walks as far as the text goes along one. */
  root: PhraseNode
  /** One-word phrases written as two words in text ("shoulder blade" for "shoulderblade"): joined words → phrase. */
  joined: ReadonlyMap<string, readonly PhraseTarget[]>
}

export interface PhraseMatch extends PhraseTarget {
  phrase: string
  /** Index of the first and one past the last word matched. */
  from: number
  to: number
  span: [number, number]
  sentence: number
  clause: number
  side?: Side
  /** A body part named as moved ("when I turn my head"), not as a complaint. */
  moved?: boolean
  /** Denied by the client (set by the negation pass). */
  denied?: boolean
}

/** A phrase as authored, with what it names; `byMuscle`: a muscle's name, placing a complaint where the muscle lies. */
export interface RawPhrase {
  type: PhraseType
  id: string
  phrase: string
  byMuscle?: boolean
}

/** Region id → part word → the candidate parts, each with the words after its prefix. */
export type PartIndex = ReadonlyMap<string, ReadonlyMap<string, readonly { id: string; words: readonly string[] }[]>>

/** Where all of a sign pattern's items must be said. */
export type PatternUnit = 'clause' | 'sentence' | 'message'

export interface SignPattern {
  sign: string
  items: readonly string[]
  within: PatternUnit
  /** Most words from the first item said to the last, or Infinity. */
  span: number
  /** Items must be said in the order given. */
  ordered: boolean
  notWith: readonly string[]
  /** Names a sign among its items or exclusions, so a sign found in the first round can change it. */
  usesSigns: boolean
}

export interface SignPatternIndex {
  /** Every item a pattern or a sign denial names: only these are collected from a message. */
  watched: ReadonlySet<string>
  /** Each pattern once, under the item of its own that the fewest patterns share. */
  byTrigger: ReadonlyMap<string, readonly SignPattern[]>
  /** Sign id → items whose denial denies it. */
  deniedBy: ReadonlyMap<string, readonly string[]>
}

export interface PatternSign {
  id: string
  span: [number, number]
  /** Index of its first word. */
  from: number
  /** Denied only through an item it names (`deniedBy`), not said itself. */
  inferred?: boolean
  negated: boolean
  sentence: number
  clause: number
  /** Words the pattern used (so they are not reported as unrecognised). */
  tokens: number[]
}

export interface Onset {
  kind: 'sudden' | 'gradual' | 'duration'
  text: string
  span: Span
  /** Approximate duration in days, for `duration`. */
  days: number | null
}

export interface NumberReading {
  age: { age: number; span: Span } | null
  /** Signs said with a number; `negated` when the number rules the sign out (a temperature of 36.8). */
  signs: { id: string; span: Span; negated: boolean }[]
  onset: Onset | null
}
