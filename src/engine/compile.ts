/**
 * Compiles the knowledge base once per load into immutable indexes (by id, region tree, region →
 * referral edges). Pure: no I/O. Everything served at run time reads from the result.
 */
import type { Condition, Context, KnowledgeBase, Muscle, Question, RedFlag, Region, Rule, Sensation, Sign, Source, When } from '../kb/schema.js'
import { buildFactNames, type FactNames } from './facts.js'
import { focusTemplate } from './focus-plan.js'
import { buildCommonness, buildGuideIndex } from './guides.js'
import { buildLyingIn, buildReach, type ReachEdge } from './reach.js'
import type { FocusStep } from './types.js'
import { buildSearchIndex, type SearchIndex } from './search.js'
import { buildReader, type Reader } from './reader/index.js'
import { buildTriageIndex, type TriageIndex } from './triage.js'

export interface ReferralEdge {
  muscle: Muscle
  zone: Muscle['referralZones'][number]
}

export interface CompiledKb {
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
  /** Region id → the muscles that lie in it. */
  lyingIn: ReadonlyMap<string, readonly Muscle[]>
  /** Region id → every muscle a complaint there reaches (its own, inner and enclosing zones), in the region's frequency order. */
  reach: ReadonlyMap<string, readonly ReachEdge[]>
  /** Red flags by fact, and their families (see triage.ts). */
  triage: TriageIndex
  /** Signs that follow from other facts (see facts.ts), in authored order. */
  derivedSigns: readonly Sign[]
  /** Muscle id → its place in the knowledge-base-wide order of how commonly the pain guides list it (0 = most). */
  commonness: ReadonlyMap<string, number>
  /** Every scoring rule, sorted by id, and each id's place in that order. */
  rulesById: readonly Rule[]
  ruleIndex: ReadonlyMap<string, number>
  /** Fact → rules whose `all` or `any` mention it. */
  rulesByFact: ReadonlyMap<string, readonly Rule[]>
  /** Fact → questions asking about it. */
  questionsByFact: ReadonlyMap<string, readonly Question[]>
  /** Fact strings of every vocabulary id, made once (see buildFactNames). */
  factNames: FactNames
  /** Muscle id → muscles that must be worked before it (key muscles of a satellite). */
  keyMusclesOf: ReadonlyMap<string, readonly string[]>
  /** Muscle id → facts a "yes" to which would favour it (contexts, symptoms, zone regions, nerve sensations). */
  favours: ReadonlyMap<string, ReadonlySet<string>>
  /**
   * Every askable fact once (a favoured fact that a differentiating question asks about), sorted;
   * question selection counts them in typed arrays by this index.
   */
  askableFacts: readonly string[]
  /** Muscle id → its askable facts, sorted, as indexes into askableFacts. */
  askableIndex: ReadonlyMap<string, Int32Array>
  /** By askableFacts index: the differentiating questions about that fact. */
  askableQuestions: readonly (readonly Question[])[]
  /** Muscle id → its non-pain symptoms: sensation id → explanation detail (from the first note per sensation). */
  symptomDetails: ReadonlyMap<string, ReadonlyMap<string, string>>
  /** Muscle id → `context:<id>` facts it favours → explanation detail. */
  contextDetails: ReadonlyMap<string, ReadonlyMap<string, string>>
  /** Muscle id → the muscle-only part of its focus-plan step. */
  focusTemplates: ReadonlyMap<string, Omit<FocusStep, 'order' | 'side' | 'reason'>>
  /** Muscle id → muscles with a referral zone on a region where it lies. */
  referredBy: ReadonlyMap<string, ReadonlySet<string>>
  /** Sensation id → muscles listing it among their non-pain symptoms. */
  musclesBySymptom: ReadonlyMap<string, readonly Muscle[]>
  /** The free-text reader (its passes' indexes built from the vocabularies and word classes). */
  reader: Reader
  /** Autocomplete index over vocabularies, conditions and muscles. */
  search: SearchIndex
}

function indexByFact<T extends { when: When }>(list: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of list) {
    for (const f of new Set([...(item.when.all ?? []), ...(item.when.any ?? [])])) {
      const l = out.get(f) ?? []
      l.push(item)
      out.set(f, l)
    }
  }
  return out
}

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((x) => [x.id, x]))
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

/**
 * Build the indexes of a knowledge base. The input is frozen: callers must not mutate it after.
 * @param kb a validated, linted knowledge base
 * @param version its content hash (kbVersion)
 */
export function compileKnowledgeBase(kb: KnowledgeBase, version: string): CompiledKb {
  deepFreeze(kb)
  const regions = byId(kb.regions)
  const ancestors = new Map<string, string[]>()
  const subtree = new Map<string, string[]>(kb.regions.map((r) => [r.id, [r.id]]))
  for (const r of kb.regions) {
    const chain: string[] = []
    for (let p = r.parentId; p; p = regions.get(p)?.parentId ?? null) {
      chain.push(p)
      subtree.get(p)?.push(r.id)
    }
    ancestors.set(r.id, chain)
  }
  const referralsTo = new Map<string, ReferralEdge[]>()
  for (const muscle of kb.muscles) {
    for (const zone of muscle.referralZones) {
      const list = referralsTo.get(zone.region) ?? []
      list.push({ muscle, zone })
      referralsTo.set(zone.region, list)
    }
  }
  const questionsByFact = new Map<string, Question[]>()
  for (const q of kb.questions) questionsByFact.set(q.fact, [...(questionsByFact.get(q.fact) ?? []), q])
  const ageFacts = [...new Set([
    ...kb.redFlags.flatMap((f) => [...(f.when.all ?? []), ...(f.when.any ?? []), ...(f.when.none ?? [])]),
    ...kb.rules.flatMap((r) => [...(r.when.all ?? []), ...(r.when.any ?? []), ...(r.when.none ?? [])]),
    ...kb.questions.map((q) => q.fact),
  ].filter((f) => f.startsWith('age')))].sort()
  const keyMusclesOf = new Map<string, string[]>()
  for (const m of kb.muscles) {
    for (const r of m.related) {
      if (r.relation === 'satellite') keyMusclesOf.set(r.muscle, [...(keyMusclesOf.get(r.muscle) ?? []), m.id])
    }
  }
  const musclesBySymptom = new Map<string, Muscle[]>()
  for (const m of kb.muscles) for (const sym of new Set(m.symptoms.map((x) => x.sensation))) musclesBySymptom.set(sym, [...(musclesBySymptom.get(sym) ?? []), m])
  const rulesById = [...kb.rules].sort((a, b) => (a.id < b.id ? -1 : 1))
  const commonness = buildCommonness(kb.muscles, kb.painGuides)
  const favours = new Map<string, Set<string>>()
  const askable = new Map<string, string[]>()
  const symptomDetails = new Map<string, Map<string, string>>()
  const contextDetails = new Map<string, Map<string, string>>()
  const contextById = byId(kb.contexts)
  const differentiating = new Set(kb.questions.filter((q) => q.kind === 'differentiate').map((q) => q.fact))
  for (const m of kb.muscles) {
    const f = new Set<string>([
      ...m.contexts.map((c) => `context:${c}`), ...m.symptoms.map((x) => `sensation:${x.sensation}`), ...m.referralZones.map((z) => `region:${z.region}`),
      ...(m.entrapments.length > 0 ? ['sensation:tingling', 'sensation:numbness'] : []),
    ])
    favours.set(m.id, f)
    askable.set(m.id, [...f].filter((x) => differentiating.has(x)).sort())
    const notes = new Map<string, string>()
    for (const x of m.symptoms) if (!notes.has(x.sensation)) notes.set(x.sensation, `${m.name}: ${x.note}`)
    symptomDetails.set(m.id, notes)
    contextDetails.set(m.id, new Map(m.contexts.map((c) => [`context:${c}`, `${contextById.get(c)?.label ?? `context:${c}`} commonly aggravates ${m.name}`])))
  }
  const askableFacts = [...new Set([...askable.values()].flat())].sort()
  const askablePlace = new Map(askableFacts.map((f, i) => [f, i]))
  const askableIndex = new Map([...askable].map(([m, list]) => [m, Int32Array.from(list, (f) => askablePlace.get(f)!)]))
  const askableQuestions = askableFacts.map((f) => (questionsByFact.get(f) ?? []).filter((q) => q.kind === 'differentiate'))
  return {
    version,
    kb,
    regions,
    sensations: byId(kb.sensations),
    contexts: byId(kb.contexts),
    signs: byId(kb.signs),
    muscles: byId(kb.muscles),
    conditions: byId(kb.conditions),
    redFlags: byId(kb.redFlags),
    questions: byId(kb.questions),
    sources: byId(kb.sources),
    ancestors,
    subtree,
    children: new Map(kb.regions.map((r) => [r.id, kb.regions.filter((c) => c.parentId === r.id).sort((a, b) => (a.label < b.label ? -1 : 1)).map((c) => c.id)])),
    referralsTo,
    lyingIn: buildLyingIn(kb.muscles),
    reach: buildReach(regions, subtree, ancestors, referralsTo, buildGuideIndex(kb.painGuides), commonness),
    commonness,
    triage: buildTriageIndex(kb),
    derivedSigns: kb.signs.filter((s) => s.when),
    rulesById,
    ruleIndex: new Map(rulesById.map((r, i) => [r.id, i])),
    rulesByFact: indexByFact(kb.rules),
    questionsByFact,
    factNames: buildFactNames({ regions: regions.keys(), contexts: kb.contexts.map((c) => c.id), signs: kb.signs.map((x) => x.id), conditions: kb.conditions.map((c) => c.id), sensations: kb.sensations.map((x) => x.id) }, ancestors, ageFacts),
    keyMusclesOf,
    musclesBySymptom,
    favours,
    askableFacts,
    askableIndex,
    askableQuestions,
    referredBy: new Map(kb.muscles.map((m) => [m.id, new Set(m.regions.flatMap((r) => (referralsTo.get(r) ?? []).map((e) => e.muscle.id)))])),
    symptomDetails,
    contextDetails,
    focusTemplates: new Map(kb.muscles.map((m) => [m.id, focusTemplate(m)])),
    reader: buildReader(kb, ancestors),
    search: buildSearchIndex(kb),
  }
}
