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
  const questionsAbout = new Map<string, Question[]>()
  for (const q of kb.questions) if (q.kind === 'differentiate') questionsAbout.set(q.fact, [...(questionsAbout.get(q.fact) ?? []), q])
  const favours = new Map(kb.muscles.map((m) => [m.id, favouredFacts(m)]))
  return {
    favours,
    askable: new Map([...favours].map(([m, f]) => [m, [...f].filter((x) => questionsAbout.has(x)).sort()])),
    questionsAbout,
  }
}

/**
 * The questions that best split the top muscles: for each fact a top muscle favours, the share of
 * their score a "yes" would favour; the closer to half, the more its answer would change the ranking.
 */
function differentiating(kb: Kb, facts: FactSet, input: EngineInput, top: Scored[]): QuestionResult[] {
  let total = 0
  // Fact → the score of the top muscles a "yes" would favour, and how many of them, in the order first met.
  const favoured = new Map<string, { score: number; muscles: number }>()
  for (const s of top) {
    total += s.score
    for (const fact of kb.asking.askable.get(s.muscle.id) ?? []) {
      const f = favoured.get(fact)
      if (f) {
        f.score += s.score
        f.muscles++
      } else favoured.set(fact, { score: s.score, muscles: 1 })
    }
  }
  const candidates: { q: Question; fact: string; value: number }[] = []
  for (const [fact, f] of favoured) {
    if (f.muscles === top.length || isKnown(fact, facts, input)) continue
    const value = Math.min(f.score, total - f.score)
    for (const q of kb.asking.questionsAbout.get(fact)!) if (input.answers[q.id] === undefined) candidates.push({ q, fact, value })
  }
  candidates.sort((a, b) => b.value - a.value || (a.q.id < b.q.id ? -1 : 1))
  return candidates.slice(0, MAX_QUESTIONS).map(({ q, fact }) => {
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
