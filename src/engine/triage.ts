/**
 * Red-flag triage: evaluates only the flags that a present fact can fire (via the fact index) and
 * reports each fired flag with the facts that fired it. Pure.
 */
import type { RedFlag } from '../kb/schema.js'
import type { CompiledKb } from './compile.js'
import { holds, type FactSet } from './facts.js'
import type { FlagResult, TriageLevel } from './types.js'

export const LEVEL_RANK: Record<TriageLevel, number> = { none: 0, routine: 1, urgent: 2, emergency: 3 }

/** Human label of a fact, for explanations. */
export function factLabel(kb: CompiledKb, fact: string): string {
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

export interface TriageOutcome {
  level: TriageLevel
  flags: FlagResult[]
  /** Flags a present fact touches but that did not fire: what screening questions can rule in or out. */
  near: RedFlag[]
}

/** Screen the fact set against the red flags. */
export function triage(kb: CompiledKb, facts: FactSet): TriageOutcome {
  // Flags a present fact touches, marked by their place in id order (no per-request map or sort).
  const touched = new Uint8Array(kb.flagsById.length)
  facts.present.forEach((f) => {
    for (const flag of kb.flagsByFact.get(f) ?? []) touched[kb.flagIndex.get(flag.id)!] = 1
  })
  const fired: FlagResult[] = []
  const near: RedFlag[] = []
  for (let i = 0; i < touched.length; i++) {
    if (!touched[i]) continue
    const flag = kb.flagsById[i]!
    if (!holds(flag.when, facts.present)) {
      near.push(flag)
      continue
    }
    const because = [...(flag.when.all ?? []), ...(flag.when.any ?? [])].filter((f) => facts.present.has(f))
    fired.push({ id: flag.id, level: flag.level, title: flag.title, advice: flag.advice, because: because.map((fact) => ({ fact, label: factLabel(kb, fact) })) })
  }
  fired.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || (a.id < b.id ? -1 : 1))
  const level = fired[0]?.level ?? 'none'
  return { level, flags: fired, near }
}
