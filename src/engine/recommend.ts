/**
 * The engine's entry point: facts → triage → scoring → ranking → focus plan → questions.
 * Pure and deterministic: the same input and knowledge base give the same output, byte for byte.
 */
import { buildFacts } from './facts.js'
import { focusPlan } from './focus-plan.js'
import { chooseQuestions } from './questions.js'
import { scoreMuscles } from './score.js'
import { LEVEL_RANK, triage } from './triage.js'
import type { CompiledKb, Contribution, EngineInput, EngineResult, MuscleResult, Scored } from './types.js'
import { WEIGHTS } from './weights.js'

/**
 * A muscle's side bits (score.ts: LEFT = 1, RIGHT = 2) as the answer lists them. No bit set means no
 * reported side places the muscle (no side given, a midline zone, a condition or rule alone): the
 * therapist checks it on both sides.
 */
const SIDES: readonly (readonly ('left' | 'right')[])[] = [['left', 'right'], ['left'], ['right'], ['left', 'right']]

/** The order explanation entries are listed in, by kind. */
const KIND_RANK: Readonly<Record<Contribution['kind'], number>> = { zone: 0, guide: 1, local: 2, coverage: 3, condition: 4, rule: 5, symptom: 6, entrapment: 7, context: 8, answer: 9 }

/**
 * Ranking order: score; then the best place in a reported region's frequency order (the pain guides);
 * then how many reported regions it explains; then how commonly the guides list it anywhere.
 */
function ranks(a: Scored, b: Scored, commonness: ReadonlyMap<string, number>): number {
  return b.score - a.score || a.place - b.place || b.explains - a.explains ||
    commonness.get(a.muscle.id)! - commonness.get(b.muscle.id)!
}

/** a before b: by kind, then weight (highest first), then ref. */
function precedes(a: Contribution, b: Contribution): boolean {
  const byKind = KIND_RANK[a.kind] - KIND_RANK[b.kind]
  if (byKind !== 0) return byKind < 0
  if (a.weight !== b.weight) return a.weight > b.weight
  return a.ref < b.ref
}

/**
 * Sort a muscle's contributions in place: a stable insertion sort, since scoring adds them nearly in
 * order already (Array#sort cost 4 % of a structured answer: bench/README.md).
 */
function sortExplanation(list: Contribution[]): Contribution[] {
  for (let i = 1; i < list.length; i++) {
    const c = list[i]!
    let j = i
    while (j > 0 && precedes(c, list[j - 1]!)) {
      list[j] = list[j - 1]!
      j--
    }
    list[j] = c
  }
  return list
}

/**
 * Recommend source muscles, a focus plan and follow-up questions for a validated input.
 * @param kb compiled knowledge base
 * @param input ids already checked against the knowledge base
 */
export function recommend(kb: CompiledKb, input: EngineInput): EngineResult {
  const facts = buildFacts(kb, input)
  const screened = triage(kb, facts, input)
  const tri = { level: screened.level, flags: screened.flags, possible: screened.possible }
  if (LEVEL_RANK[screened.level] >= LEVEL_RANK.urgent) {
    return { triage: tri, muscles: [], focusPlan: [], questions: chooseQuestions(kb, facts, input, screened.possible, [], screened.level) }
  }
  const ranked = [...scoreMuscles(kb, input, facts).values()]
    .filter((s) => s.score > 0)
    .sort((a, b) => ranks(a, b, kb.scoring.commonness))
  const top = ranked[0]?.score ?? 0
  const muscles: MuscleResult[] = ranked.slice(0, input.limit).map((s, i) => ({
    id: s.muscle.id,
    name: s.muscle.name,
    score: s.score,
    tier: i < WEIGHTS.maxPrimary && s.score >= top * WEIGHTS.primaryShare ? 'primary' : 'secondary',
    sides: SIDES[s.sides]!.slice(),
    explanation: sortExplanation(s.contributions),
  }))
  return {
    triage: tri,
    muscles,
    focusPlan: focusPlan(kb, muscles.filter((m) => m.tier === 'primary')),
    questions: chooseQuestions(kb, facts, input, screened.possible, ranked, screened.level),
  }
}
