/**
 * Red-flag triage: evaluates only the flags that a present fact can fire (via the fact index),
 * reports each fired flag with the facts that fired it, and lists the red-flag families the message
 * touches without meeting any of their flags ("when in doubt, screen"), with the screening
 * questions still open. Builds its own index once per knowledge base. Pure.
 */
import type { KnowledgeBase, RedFlag } from '../kb/schema.js'
import { holds } from './facts.js'
import type { CompiledKb, EngineInput, FactSet, FlagResult, KbLookups, PossibleFamily, TriageIndex, TriageLevel, TriageOutcome } from './types.js'

export const LEVEL_RANK: Record<TriageLevel, number> = { none: 0, routine: 1, urgent: 2, emergency: 3 }

/** Build the triage index of a knowledge base. */
export function buildTriageIndex(kb: Pick<KnowledgeBase, 'redFlags' | 'redFlagFamilies'>): TriageIndex {
  const flagsByFact = new Map<string, RedFlag[]>()
  for (const flag of [...kb.redFlags].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const f of new Set([...(flag.when.all ?? []), ...(flag.when.any ?? [])])) flagsByFact.set(f, [...(flagsByFact.get(f) ?? []), flag])
  }
  const familyOf = new Map(kb.redFlags.filter((f) => f.family).map((f) => [f.id, f.family!]))
  const levelOf = (id: string): TriageLevel => kb.redFlags.filter((f) => f.family === id)
    .reduce<TriageLevel>((best, f) => (LEVEL_RANK[f.level] > LEVEL_RANK[best] ? f.level : best), 'none')
  const families = kb.redFlagFamilies.map((family, order) => ({ family, level: levelOf(family.id), touches: family.touches, order }))
    .sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || a.order - b.order)
    .map(({ family, level, touches }) => ({ family, level, touches }))
  return { flagsByFact, families, familyOf }
}

/** Human label of a fact, for explanations. */
export function factLabel(kb: KbLookups, fact: string): string {
  const [type, id] = fact.split(':') as [string, string | undefined]
  if (id === undefined) {
    const m = /^age(>=|<)(\d+)$/.exec(fact)
    return m ? `Age ${m[1] === '>=' ? 'at least' : 'under'} ${m[2]}` : fact
  }
  const entry = type === 'region' ? kb.regions.get(id) : type === 'sensation' ? kb.sensations.get(id)
    : type === 'context' ? kb.contexts.get(id) : type === 'sign' ? kb.signs.get(id) : undefined
  if (entry) return entry.label
  if (type === 'condition') return kb.conditions.get(id)?.name ?? id
  if (type === 'side') return id === 'bilateral' ? 'Both sides' : `${id[0]!.toUpperCase()}${id.slice(1)} side`
  return fact
}

/** Whether a question's fact is already known: said, denied, or (for age facts) given as an age. */
export function isKnown(fact: string, facts: FactSet, input: Pick<EngineInput, 'age'>): boolean {
  return facts.present.has(fact) || facts.negated.has(fact) || (fact.startsWith('age') && input.age !== undefined)
}

/** Screen the fact set against the red flags and their families. */
export function triage(kb: KbLookups & Pick<CompiledKb, 'triage'>, facts: FactSet, input: Pick<EngineInput, 'age' | 'answers'>): TriageOutcome {
  const touched = new Set<RedFlag>()
  facts.present.forEach((f) => {
    for (const flag of kb.triage.flagsByFact.get(f) ?? []) touched.add(flag)
  })
  const fired: FlagResult[] = []
  for (const flag of touched) {
    if (!holds(flag.when, facts.present)) continue
    const because = [...(flag.when.all ?? []), ...(flag.when.any ?? [])].filter((f) => facts.present.has(f))
    fired.push({ id: flag.id, level: flag.level, title: flag.title, advice: flag.advice, because: because.map((fact) => ({ fact, label: factLabel(kb, fact) })) })
  }
  fired.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || (a.id < b.id ? -1 : 1))
  const level = fired[0]?.level ?? 'none'
  const met = new Set(fired.filter((f) => LEVEL_RANK[f.level] >= LEVEL_RANK.urgent).map((f) => kb.triage.familyOf.get(f.id)))
  const possible: PossibleFamily[] = []
  if (level !== 'emergency') {
    for (const { family, level: familyLevel, touches } of kb.triage.families) {
      if (met.has(family.id) || (level === 'urgent' && familyLevel !== 'emergency')) continue
      if (!touches.some((t) => (typeof t === 'string' ? facts.present.has(t) : holds(t, facts.present)))) continue
      const questionIds = family.screen.filter((id) => {
        const q = kb.questions.get(id)
        return q !== undefined && input.answers[id] === undefined && !isKnown(q.fact, facts, input)
      })
      if (questionIds.length > 0) possible.push({ id: family.id, label: family.label, questionIds })
    }
  }
  return { level, flags: fired, possible }
}
