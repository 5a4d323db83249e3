/**
 * Follow-up questions: red-flag screens that would rule a nearly-matched flag in or out come first,
 * then the differentiating questions whose answer splits the score mass of the top candidates most
 * evenly (the answer that would change the ranking most). At most three. Pure.
 */
import type { Question, RedFlag } from '../kb/schema.js'
import type { CompiledKb } from './compile.js'
import type { FactSet } from './facts.js'
import type { Scored } from './score.js'
import { LEVEL_RANK } from './triage.js'
import type { EngineInput, QuestionResult, TriageLevel } from './types.js'

const MAX_QUESTIONS = 3
const TOP_K = 5

function isKnown(fact: string, facts: FactSet, input: EngineInput): boolean {
  return facts.present.has(fact) || facts.negated.has(fact) || (fact.startsWith('age') && input.age !== undefined)
}

/**
 * A flag's relevance to what was reported: 3 when a reported sign touches it, 2 when a condition felt
 * in a reported region names it, 1 when one of its region facts was reported, 0 otherwise (not asked).
 */
function relevance(flag: RedFlag, facts: FactSet, regional: ReadonlySet<string>): number {
  const mentioned = [...(flag.when.all ?? []), ...(flag.when.any ?? [])]
  if (mentioned.some((f) => f.startsWith('sign:') && facts.present.has(f))) return 3
  if ((flag.when.all ?? []).some((f) => f.startsWith('region:') && !facts.present.has(f))) return 0
  if (regional.has(flag.id)) return 2
  return mentioned.some((f) => f.startsWith('region:') && facts.present.has(f)) ? 1 : 0
}

function screens(kb: CompiledKb, facts: FactSet, input: EngineInput, flags: RedFlag[], regional: ReadonlySet<string>, minLevel: TriageLevel): QuestionResult[] {
  const asked = new Set(Object.keys(input.answers))
  const options: { q: QuestionResult; relevance: number; level: number; satisfied: number }[] = []
  for (const flag of flags) {
    if (LEVEL_RANK[flag.level] < LEVEL_RANK[minLevel]) continue
    const rel = relevance(flag, facts, regional)
    if (rel === 0) continue
    const all = flag.when.all ?? []
    const any = flag.when.any ?? []
    const anyMet = any.length === 0 || any.some((f) => facts.present.has(f))
    const missing = [...all.filter((f) => !facts.present.has(f)), ...(anyMet ? [] : any)]
    if (missing.some((f) => facts.negated.has(f) && all.includes(f))) continue
    const satisfied = (all.length - all.filter((f) => !facts.present.has(f)).length + (anyMet && any.length > 0 ? 1 : 0)) / (all.length + (any.length > 0 ? 1 : 0))
    for (const fact of missing) {
      if (isKnown(fact, facts, input)) continue
      const q = (kb.questionsByFact.get(fact) ?? []).find((x) => x.kind === 'screen' && !asked.has(x.id))
      if (!q) continue
      options.push({ q: { id: q.id, text: q.text, kind: 'screen', why: `Rules "${flag.title}" (${flag.level}) in or out` }, relevance: rel, level: LEVEL_RANK[flag.level], satisfied })
      break
    }
  }
  options.sort((a, b) => b.relevance - a.relevance || b.level - a.level || b.satisfied - a.satisfied || (a.q.id < b.q.id ? -1 : 1))
  const seen = new Set<string>()
  return options.filter((o) => !seen.has(o.q.id) && seen.add(o.q.id)).map((o) => o.q)
}

function differentiating(kb: CompiledKb, facts: FactSet, input: EngineInput, top: Scored[]): QuestionResult[] {
  const options: { q: Question; fact: string; value: number }[] = []
  const total = top.reduce((a, s) => a + s.score, 0)
  const seen = new Set<string>()
  for (const s of top) {
    for (const fact of kb.askable.get(s.muscle.id) ?? []) {
      if (seen.has(fact)) continue
      seen.add(fact)
      if (isKnown(fact, facts, input)) continue
      let yesMass = 0
      let yesCount = 0
      for (const t of top) {
        if (kb.favours.get(t.muscle.id)!.has(fact)) {
          yesMass += t.score
          yesCount += 1
        }
      }
      if (yesCount === top.length) continue
      for (const q of kb.questionsByFact.get(fact) ?? []) {
        if (q.kind === 'differentiate' && input.answers[q.id] === undefined) options.push({ q, fact, value: Math.min(yesMass, total - yesMass) })
      }
    }
  }
  options.sort((a, b) => b.value - a.value || (a.q.id < b.q.id ? -1 : 1))
  return options.slice(0, MAX_QUESTIONS).map(({ q, fact }) => {
    const yes = top.filter((t) => kb.favours.get(t.muscle.id)!.has(fact))
    const no = top.filter((t) => !kb.favours.get(t.muscle.id)!.has(fact))
    const names = (l: Scored[]): string => l.slice(0, 3).map((t) => t.muscle.name).join(', ')
    return { id: q.id, text: q.text, kind: 'differentiate' as const, why: `A yes favours ${names(yes)} over ${names(no)}` }
  })
}

/**
 * Choose up to three follow-up questions.
 * @param near red flags a present fact touches that did not fire
 * @param ranked scored muscles, best first
 */
export function chooseQuestions(kb: CompiledKb, facts: FactSet, input: EngineInput, near: RedFlag[], ranked: Scored[], level: TriageLevel): QuestionResult[] {
  if (level === 'emergency') return []
  const conditionFlags = input.conditions.flatMap((c) => kb.conditions.get(c)?.redFlags ?? []).map((id) => kb.redFlags.get(id)!).filter(Boolean)
  const regionFlags = facts.complaints.flatMap((c) => (kb.subtree.get(c.region) ?? [c.region]).flatMap((r) => kb.flagsByRegion.get(r) ?? []))
  const candidates = [...new Map([...near, ...conditionFlags, ...regionFlags].map((f) => [f.id, f])).values()].sort((a, b) => (a.id < b.id ? -1 : 1))
  const regional = new Set([...conditionFlags, ...regionFlags].map((f) => f.id))
  const screen = screens(kb, facts, input, candidates, regional, level === 'urgent' ? 'emergency' : 'routine')
  if (level === 'urgent') return screen.slice(0, MAX_QUESTIONS)
  const diff = differentiating(kb, facts, input, ranked.slice(0, TOP_K))
  const screenCount = Math.min(screen.length, diff.length > 0 ? MAX_QUESTIONS - 1 : MAX_QUESTIONS)
  return [...screen.slice(0, screenCount), ...diff].slice(0, MAX_QUESTIONS)
}
