/**
 * Follow-up questions: red-flag screens that would rule a nearly-matched flag in or out come first,
 * then the differentiating questions whose answer splits the score mass of the top candidates most
 * evenly (the answer that would change the ranking most). At most three. Pure.
 */
import type { Question, RedFlag } from '../kb/schema.js'
import type { CompiledKb } from './compile.js'
import { someIn, type FactSet } from './facts.js'
import type { Scored } from './score.js'
import { LEVEL_RANK } from './triage.js'
import type { EngineInput, QuestionResult, TriageLevel } from './types.js'

const MAX_QUESTIONS = 3
const TOP_K = 5

function isKnown(fact: string, facts: FactSet, input: EngineInput): boolean {
  return facts.present.has(fact) || facts.negated.has(fact) || (fact.startsWith('age') && input.age !== undefined)
}

interface FlagShape {
  all: readonly string[]
  any: readonly string[]
  signs: readonly string[]
  regions: readonly string[]
  regionsInAll: readonly string[]
}

/** The parts of a flag's trigger that question selection looks at; memoised per (frozen) flag. */
const shapes = new WeakMap<RedFlag, FlagShape>()
function shapeOf(flag: RedFlag): FlagShape {
  let s = shapes.get(flag)
  if (!s) {
    const all = flag.when.all ?? []
    const any = flag.when.any ?? []
    const mentioned = [...all, ...any]
    s = { all, any, signs: mentioned.filter((f) => f.startsWith('sign:')), regions: mentioned.filter((f) => f.startsWith('region:')), regionsInAll: all.filter((f) => f.startsWith('region:')) }
    shapes.set(flag, s)
  }
  return s
}

/**
 * A flag's relevance to what was reported: 3 when a reported sign touches it, 2 when a condition felt
 * in a reported region names it, 1 when one of its region facts was reported, 0 otherwise (not asked).
 */
function relevance(flag: RedFlag, shape: FlagShape, facts: FactSet, regional: ReadonlySet<string>): number {
  if (someIn(shape.signs, facts.present)) return 3
  for (const f of shape.regionsInAll) if (!facts.present.has(f)) return 0
  if (regional.has(flag.id)) return 2
  return someIn(shape.regions, facts.present) ? 1 : 0
}

/** The first screening question about a fact that has not been answered yet. */
function screenQuestion(list: readonly Question[] | undefined, input: EngineInput): Question | undefined {
  if (!list) return undefined
  for (let i = 0; i < list.length; i++) if (list[i]!.kind === 'screen' && input.answers[list[i]!.id] === undefined) return list[i]
  return undefined
}

function screens(kb: CompiledKb, facts: FactSet, input: EngineInput, flags: RedFlag[], regional: ReadonlySet<string>, minLevel: TriageLevel): QuestionResult[] {
  const options: { q: Question; flag: RedFlag; relevance: number; level: number; satisfied: number }[] = []
  // Indexed loops throughout: this runs over every candidate flag's facts, and iterating with for-of
  // here allocated an iterator result per step.
  for (let fi = 0; fi < flags.length; fi++) {
    const flag = flags[fi]!
    if (LEVEL_RANK[flag.level] < LEVEL_RANK[minLevel]) continue
    const shape = shapeOf(flag)
    const rel = relevance(flag, shape, facts, regional)
    if (rel === 0) continue
    const { all, any } = shape
    const anyMet = any.length === 0 || someIn(any, facts.present)
    let allMissing = 0
    let blocked = false
    for (let i = 0; i < all.length; i++) {
      if (facts.present.has(all[i]!)) continue
      allMissing++
      if (facts.negated.has(all[i]!)) blocked = true
    }
    if (blocked) continue
    const satisfied = (all.length - allMissing + (anyMet && any.length > 0 ? 1 : 0)) / (all.length + (any.length > 0 ? 1 : 0))
    // The facts still missing: those of `all`, then (when no `any` fact is present) those of `any`.
    const missing = anyMet ? all.length : all.length + any.length
    for (let i = 0; i < missing; i++) {
      const fact = i < all.length ? all[i]! : any[i - all.length]!
      if (facts.present.has(fact) || isKnown(fact, facts, input)) continue
      const q = screenQuestion(kb.questionsByFact.get(fact), input)
      if (!q) continue
      options.push({ q, flag, relevance: rel, level: LEVEL_RANK[flag.level], satisfied })
      break
    }
  }
  options.sort((a, b) => b.relevance - a.relevance || b.level - a.level || b.satisfied - a.satisfied || (a.q.id < b.q.id ? -1 : 1))
  const seen = new Set<string>()
  const out: QuestionResult[] = []
  for (const o of options) {
    if (seen.has(o.q.id)) continue
    seen.add(o.q.id)
    out.push({ id: o.q.id, text: o.q.text, kind: 'screen', why: `Rules "${o.flag.title}" (${o.flag.level}) in or out` })
    if (out.length === MAX_QUESTIONS) break
  }
  return out
}

/** Per knowledge base: score mass by askable fact, reused by every call (reset before it returns). */
const scratch = new WeakMap<CompiledKb, { yes: Float64Array; count: Int32Array; touched: Int32Array }>()

function differentiating(kb: CompiledKb, facts: FactSet, input: EngineInput, top: Scored[]): QuestionResult[] {
  let sc = scratch.get(kb)
  if (!sc) {
    const n = kb.askableFacts.length
    scratch.set(kb, (sc = { yes: new Float64Array(n), count: new Int32Array(n), touched: new Int32Array(n) }))
  }
  const { yes, count, touched } = sc
  // One pass over the top muscles' askable facts: how much score a "yes" to each would favour, counted
  // in typed arrays by fact index (a Map of facts cost a hash and a growth per request), facts listed
  // in the order first met.
  let met = 0
  let total = 0
  for (let t = 0; t < top.length; t++) {
    const s = top[t]!
    total += s.score
    const indexes = kb.askableIndex.get(s.muscle.id)
    if (!indexes) continue
    for (let i = 0; i < indexes.length; i++) {
      const f = indexes[i]!
      if (count[f] === 0) touched[met++] = f
      yes[f] = yes[f]! + s.score
      count[f] = count[f]! + 1
    }
  }
  // The best three by value (ties by question id), kept in order as they come: no sort of them all.
  const best: { q: Question; fact: string; value: number }[] = []
  const before = (value: number, q: Question, o: { q: Question; value: number }): boolean => value > o.value || (value === o.value && q.id < o.q.id)
  for (let k = 0; k < met; k++) {
    const f = touched[k]!
    const y = yes[f]!
    const n = count[f]!
    yes[f] = 0
    count[f] = 0
    const fact = kb.askableFacts[f]!
    if (n === top.length || isKnown(fact, facts, input)) continue
    const value = Math.min(y, total - y)
    const questions = kb.askableQuestions[f]!
    for (let i = 0; i < questions.length; i++) {
      const q = questions[i]!
      if (input.answers[q.id] !== undefined) continue
      if (best.length === MAX_QUESTIONS && !before(value, q, best[MAX_QUESTIONS - 1]!)) continue
      let j = Math.min(best.length, MAX_QUESTIONS - 1)
      while (j > 0 && before(value, q, best[j - 1]!)) j--
      best.splice(j, 0, { q, fact, value })
      if (best.length > MAX_QUESTIONS) best.pop()
    }
  }
  return best.map(({ q, fact }) => {
    // The first three muscles a yes would favour, and the first three it would not.
    const yes: string[] = []
    const no: string[] = []
    for (const t of top) {
      const side = kb.favours.get(t.muscle.id)!.has(fact) ? yes : no
      if (side.length < 3) side.push(t.muscle.name)
    }
    return { id: q.id, text: q.text, kind: 'differentiate' as const, why: `A yes favours ${yes.join(', ')} over ${no.join(', ')}` }
  })
}

/**
 * Choose up to three follow-up questions.
 * @param near red flags a present fact touches that did not fire
 * @param ranked scored muscles, best first
 */
export function chooseQuestions(kb: CompiledKb, facts: FactSet, input: EngineInput, near: RedFlag[], ranked: Scored[], level: TriageLevel): QuestionResult[] {
  if (level === 'emergency') return []
  // Candidate flags, marked by their place in id order (no per-request sort): those that nearly fired,
  // and those named by a reported condition or by a condition felt in a reported region (`regional`).
  const marked = new Uint8Array(kb.flagsById.length)
  const regional = new Set<string>()
  const mark = (f: RedFlag, isRegional: boolean): void => {
    marked[kb.flagIndex.get(f.id)!] = 1
    if (isRegional) regional.add(f.id)
  }
  for (const f of near) mark(f, false)
  for (const c of input.conditions) {
    for (const id of kb.conditions.get(c)?.redFlags ?? []) {
      const f = kb.redFlags.get(id)
      if (f) mark(f, true)
    }
  }
  for (const c of facts.complaints) for (const f of kb.flagsInSubtree.get(c.region) ?? []) mark(f, true)
  const candidates: RedFlag[] = []
  for (let i = 0; i < marked.length; i++) if (marked[i]) candidates.push(kb.flagsById[i]!)
  const screen = screens(kb, facts, input, candidates, regional, level === 'urgent' ? 'emergency' : 'routine')
  if (level === 'urgent') return screen.slice(0, MAX_QUESTIONS)
  const diff = differentiating(kb, facts, input, ranked.slice(0, TOP_K))
  const screenCount = Math.min(screen.length, diff.length > 0 ? MAX_QUESTIONS - 1 : MAX_QUESTIONS)
  return [...screen.slice(0, screenCount), ...diff].slice(0, MAX_QUESTIONS)
}
