/**
 * Follow-up questions: screening questions of the red-flag families a message touches come first,
 * then the differentiating questions whose answer splits the score mass of the top candidates most
 * evenly (the answer that would change the ranking most). At most three. Pure.
 */
import type { Question } from '../kb/schema.js'
import { favouredFacts } from './facts.js'
import { isKnown } from './triage.js'
import type { CompiledKb, EngineInput, FactSet, KbLookups, PossibleFamily, QuestionIndex, QuestionResult, Scored, TriageLevel } from './types.js'

const MAX_QUESTIONS = 3
/** The region at the top of the body map. */
const ROOT = 'whole-body'
const TOP_K = 5

type Kb = KbLookups & Pick<CompiledKb, 'asking'>

/**
 * Build the questions index: the facts a "yes" to which would favour each muscle, and of those the
 * ones a differentiating question asks about.
 */
export function buildQuestionIndex(lookups: KbLookups): QuestionIndex {
  const { kb } = lookups
  const differentiating = new Set(kb.questions.filter((q) => q.kind === 'differentiate').map((q) => q.fact))
  const favours = new Map(kb.muscles.map((m) => [m.id, favouredFacts(m)]))
  const askable = new Map([...favours].map(([m, f]) => [m, [...f].filter((x) => differentiating.has(x)).sort()]))
  const askableFacts = [...new Set([...askable.values()].flat())].sort()
  const askablePlace = new Map(askableFacts.map((f, i) => [f, i]))
  return {
    favours,
    askableFacts,
    askableIndex: new Map([...askable].map(([m, list]) => [m, Int32Array.from(list, (f) => askablePlace.get(f)!)])),
    askableQuestions: askableFacts.map((f) => kb.questions.filter((q) => q.fact === f && q.kind === 'differentiate')),
  }
}

/** Per knowledge base: score mass by askable fact, reused by every call (reset before it returns). */
const scratch = new WeakMap<Kb, { yes: Float64Array; count: Int32Array; touched: Int32Array }>()

function differentiating(kb: Kb, facts: FactSet, input: EngineInput, top: Scored[]): QuestionResult[] {
  let sc = scratch.get(kb)
  if (!sc) {
    const n = kb.asking.askableFacts.length
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
    const indexes = kb.asking.askableIndex.get(s.muscle.id)
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
    const fact = kb.asking.askableFacts[f]!
    if (n === top.length || isKnown(fact, facts, input)) continue
    const value = Math.min(y, total - y)
    const questions = kb.asking.askableQuestions[f]!
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
      const side = kb.asking.favours.get(t.muscle.id)!.has(fact) ? yes : no
      if (side.length < 3) side.push(t.muscle.name)
    }
    return { id: q.id, text: q.text, kind: 'differentiate' as const, why: `A yes favours ${yes.join(', ')} over ${no.join(', ')}` }
  })
}

/**
 * The screening questions of the families still open, taken in turn (the most serious family's
 * first question, then the next family's, ...), so two open families are both screened.
 */
function screens(kb: KbLookups, possible: readonly PossibleFamily[]): QuestionResult[] {
  const out: QuestionResult[] = []
  const seen = new Set<string>()
  for (let round = 0; out.length < MAX_QUESTIONS && possible.some((p) => p.questionIds.length > round); round++) {
    for (const p of possible) {
      const id = p.questionIds[round]
      if (id === undefined || seen.has(id) || out.length === MAX_QUESTIONS) continue
      seen.add(id)
      out.push({ id, text: kb.questions.get(id)!.text, kind: 'screen', why: `Rules out ${p.label.toLowerCase()} before any muscle work` })
    }
  }
  return out
}

/**
 * Choose up to three follow-up questions: screening questions of the red-flag families the message
 * touches come first ("when in doubt, screen"), then the questions that best separate the top muscles.
 * @param possible the families still open (see triage)
 * @param ranked scored muscles, best first
 */
export function chooseQuestions(kb: Kb, facts: FactSet, input: EngineInput, possible: readonly PossibleFamily[], ranked: Scored[], level: TriageLevel): QuestionResult[] {
  if (level === 'emergency') return []
  const screen = screens(kb, possible)
  if (level === 'urgent') return screen
  return [...screen, ...locate(kb, facts), ...differentiating(kb, facts, input, ranked.slice(0, TOP_K))].slice(0, MAX_QUESTIONS)
}

/**
 * "Where exactly?" for a broad area ("back", "leg", "all over") with nothing narrower reported: its
 * options are the areas directly below it, answered by sending the chosen one as a complaint.
 */
function locate(kb: KbLookups, facts: FactSet): QuestionResult[] {
  const reported = facts.complaints.map((c) => c.region)
  // Nothing located at all: ask where, from the top of the body map, so an answer never ends without a question.
  const broad = reported.length === 0 ? ROOT : reported.find((r) => (kb.children.get(r) ?? []).length > 0 && !reported.some((o) => o !== r && (kb.ancestors.get(o) ?? []).includes(r)))
  if (!broad || !kb.regions.has(broad)) return []
  const region = kb.regions.get(broad)!
  const options = kb.children.get(broad)!.map((id) => ({ id, label: kb.regions.get(id)!.label }))
  return [{ id: `locate-${broad}`, text: broad === ROOT ? 'Where does it hurt?' : `Where exactly is it in your ${region.label.toLowerCase()}?`, kind: 'locate', why: 'A narrower area tells the likely muscles apart', options }]
}
