/**
 * The recommendation use case: checks every id against the knowledge base (422 with suggestions
 * for unknown ones), reads free text, merges it with structured input, runs the engine and shapes
 * the answer with what was understood; then writes it as JSON, with the facts its audit row
 * records, and keeps it for identical structured requests (the answer cache). The text is used for
 * this call only: never stored or logged.
 */
import fastJson from 'fast-json-stringify'
import { RecommendationResponseSchema, type Recommendation, type RecommendationRequest } from '../contract/recommendations.js'
import type { CompiledKb } from '../engine/compile.js'
import { complaintInput } from '../engine/facts.js'
import { recommend as runEngine } from '../engine/recommend.js'
import { suggestIds } from '../engine/suggest.js'
import { understand } from '../engine/understand.js'
import { createAnswerCache, type AnswerCache } from './answer-cache.js'
import { isInternal } from './parse.js'
import type { ComplaintInput, EngineInput, EngineResult, Side } from '../engine/types.js'
import { AppError } from '../errors.js'
import { mapSide, muscleMapUrl, overviewMapUrl } from '../maps/urls.js'

export type { Recommendation, RecommendationRequest }

export const DISCLAIMER =
  'Decision support for trained therapists: these are muscles commonly associated with the reported pain pattern, ' +
  'not a diagnosis. Red flags, and symptoms that are severe, worsening, unexplained or persistent, need a medical assessment.'

/** What an audit row records of an answer: ids and levels, never client text. */
export interface RecommendationFacts {
  readonly kbVersion: string
  readonly regionIds: readonly string[]
  readonly conditionIds: readonly string[]
  readonly triageLevel: string
  readonly topMuscleIds: readonly string[]
}

/** An answer as sent: its JSON in UTF-8 (a kept one is sent again without re-encoding), and its audit facts. */
export interface EncodedAnswer {
  json: Buffer
  facts: RecommendationFacts
}

/** How many of the top muscles an audit record keeps. */
const AUDITED_MUSCLES = 5

/** The distinct items of a short list, first occurrence first (a new array). */
function uniq<T>(xs: readonly T[]): T[] {
  if (xs.length > 16) return [...new Set(xs)]
  const out: T[] = []
  for (const x of xs) if (!out.includes(x)) out.push(x)
  return out
}

type PreparedComplaint = ComplaintInput & { from: 'structured' | 'text' }

/** The engine's complaint, plus where it came from (no object spread: it costs more than the rest of preparing). */
function complaint(region: string, side: Side | null | undefined, sensations: string[], from: PreparedComplaint['from']): PreparedComplaint {
  const c = complaintInput(region, side, sensations) as PreparedComplaint
  c.from = from
  return c
}

/** The overview map of an answer: none when nothing was located, or when triage sends the client to a doctor (no plan). */
function overview(complaints: readonly PreparedComplaint[], result: EngineResult): string | null {
  if (result.triage.level === 'urgent' || result.triage.level === 'emergency') return null
  const primary = result.muscles.filter((m) => m.tier === 'primary')
  if (complaints.length === 0 && primary.length === 0) return null
  return overviewMapUrl(complaints, primary)
}

/**
 * @param answers kept answers of structured requests (RECOMMENDATION_CACHE_SIZE); none by default
 */
export function createRecommendationService(kb: CompiledKb, answers: AnswerCache<EncodedAnswer> = createAnswerCache(0)) {
  // Written by fast-json-stringify compiled from the response schema: the schema is the one
  // description of the answer (fields, their order, what is left out). Measured as fast as the
  // hand-built writer it replaced (bench/README.md).
  const toJson = fastJson(RecommendationResponseSchema as Parameters<typeof fastJson>[0]) as (r: Recommendation) => string

  // Every muscle's map URL on each side, built once: an answer only looks them up.
  const mapUrls = new Map(kb.kb.muscles.map((m) => [m.id, { left: muscleMapUrl(m.id, ['left']), right: muscleMapUrl(m.id, ['right']), both: muscleMapUrl(m.id, []) }]))
  function checkIds(req: RecommendationRequest): void {
    const unknown: { field: string; value: string; suggestions: string[] }[] = []
    const check = (field: string, value: string, known: ReadonlyMap<string, unknown>): void => {
      if (!known.has(value)) unknown.push({ field, value, suggestions: suggestIds(value, known.keys()) })
    }
    req.complaints?.forEach((c, i) => {
      check(`complaints/${i}/region`, c.region, kb.regions)
      c.sensations?.forEach((s, j) => check(`complaints/${i}/sensations/${j}`, s, kb.sensations))
    })
    req.conditions?.forEach((c, i) => check(`conditions/${i}`, c, kb.conditions))
    req.contexts?.forEach((c, i) => check(`contexts/${i}`, c, kb.contexts))
    req.signs?.forEach((c, i) => check(`signs/${i}`, c, kb.signs))
    Object.keys(req.answers ?? {}).forEach((q) => check(`answers/${q}`, q, kb.questions))
    if (unknown.length > 0) {
      throw new AppError('NMT_ERR_UNKNOWN_ID', `Unknown id${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => `${u.field}=${u.value}${u.suggestions.length ? ` (did you mean ${u.suggestions.join(', ')}?)` : ''}`).join('; ')}`, { unknown })
    }
  }

  /** Check a request and turn it (text read) into the engine's input, keeping what the echo needs. */
  function prepare(req: RecommendationRequest) {
    const hasText = req.text !== undefined && req.text.trim() !== ''
    if (!req.complaints?.length && !req.conditions?.length && !hasText) {
      throw new AppError('NMT_ERR_VALIDATION', 'Send at least one of complaints, conditions or text', { errors: [{ path: 'body', message: 'must have at least one of complaints, conditions, text' }] })
    }
    checkIds(req)
    const complaints = (req.complaints ?? []).map((c) => complaint(c.region, c.side, uniq(c.sensations ?? []), 'structured'))
    const conditions = [...(req.conditions ?? [])]
    const contexts = [...(req.contexts ?? [])]
    const signs = [...(req.signs ?? [])]
    const sensations: string[] = []
    const negated: string[] = []
    // Shown as understood: everything but helper signs.
    const shownNegated: string[] = []
    let unrecognized: string[] = []
    let age = req.age
    if (hasText) {
      const u = understand(kb, req.text!)
      unrecognized = u.unrecognized.map((w) => w.word)
      for (const c of u.complaints) {
        const existing = complaints.find((x) => x.region === c.region && (x.side ?? null) === c.side)
        if (existing) existing.sensations = uniq([...existing.sensations, ...c.sensations])
        else complaints.push(complaint(c.region, c.side, c.sensations, 'text'))
      }
      sensations.push(...u.sensations.map((x) => x.id))
      contexts.push(...u.contexts.map((x) => x.id))
      conditions.push(...u.conditions.map((x) => x.id))
      signs.push(...u.signs.map((x) => x.id))
      negated.push(...u.negated.map((x) => x.fact))
      shownNegated.push(...u.negated.filter((x) => !isInternal(kb, x.fact)).map((x) => x.fact))
      if (age === undefined && u.age !== null) age = u.age
    }
    const input: EngineInput = {
      complaints: complaints.map((c) => complaintInput(c.region, c.side, c.sensations)),
      conditions: uniq(conditions), contexts: uniq(contexts), signs: uniq(signs),
      sensations: uniq(sensations), negated: uniq(negated),
      ...(age !== undefined ? { age } : {}),
      answers: req.answers ?? {},
      limit: req.limit ?? 10,
    }
    return { input, complaints, unrecognized, age, shownNegated: uniq(shownNegated) }
  }

  /**
   * Answer one recommendation request.
   * @throws AppError NMT_ERR_VALIDATION when nothing to work on was sent; NMT_ERR_UNKNOWN_ID for unknown ids
   */
  function recommend(req: RecommendationRequest): Recommendation {
    const { input, complaints, unrecognized, age, shownNegated } = prepare(req)
    const result = runEngine(kb, input)
    return {
      kbVersion: kb.version,
      triage: result.triage,
      interpreted: {
        complaints: complaints.map((c) => ({ region: c.region, label: kb.regions.get(c.region)!.label, side: c.side ?? null, sensations: c.sensations, from: c.from })),
        conditions: input.conditions, contexts: input.contexts, signs: input.signs.filter((s) => !kb.signs.get(s)?.internal), sensations: input.sensations,
        negated: shownNegated, unrecognized, age: age ?? null,
      },
      muscles: result.muscles.map((m) => ({
        id: m.id, name: m.name, score: m.score, tier: m.tier, sides: m.sides, explanation: m.explanation, triggerPoints: kb.muscles.get(m.id)!.triggerPoints,
        mapUrl: mapUrls.get(m.id)![mapSide(m.sides)],
      })),
      focusPlan: result.focusPlan,
      questions: result.questions,
      mapUrl: overview(complaints, result),
      disclaimer: DISCLAIMER,
    }
  }

  return {
    /**
     * The engine input a request becomes (ids checked, text read): what the benchmark times against
     * json-rules-engine, and what a caller can inspect.
     * @throws AppError as recommend() does
     */
    prepare: (req: RecommendationRequest): EngineInput => prepare(req).input,

    recommend,

    /**
     * Answer one request as it is sent: the JSON bytes and the audit facts. An identical structured
     * request is answered from the kept answers; a request with text never is (what clients type is
     * not kept, not even in memory past the call).
     * @throws AppError as recommend() does
     */
    answer(req: RecommendationRequest): EncodedAnswer {
      const key = req.text === undefined || req.text.trim() === '' ? JSON.stringify(req) : null
      const kept = key === null ? undefined : answers.get(key)
      if (kept !== undefined) return kept
      const answer = recommend(req)
      // Frozen: a kept answer hands the same facts to every audit row (their JSON is kept per array).
      const facts: RecommendationFacts = Object.freeze({
        kbVersion: answer.kbVersion, triageLevel: answer.triage.level,
        regionIds: Object.freeze([...new Set(answer.interpreted.complaints.map((c) => c.region))]),
        conditionIds: Object.freeze([...answer.interpreted.conditions]), topMuscleIds: Object.freeze(answer.muscles.slice(0, AUDITED_MUSCLES).map((m) => m.id)),
      })
      // Encoded once: Fastify takes a Buffer's length as it is, and a kept answer is sent as it is.
      const encoded = { json: Buffer.from(toJson(answer)), facts }
      if (key !== null) answers.set(key, encoded)
      return encoded
    },
  }
}

export type RecommendationService = ReturnType<typeof createRecommendationService>
