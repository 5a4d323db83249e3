/**
 * Compiles the knowledge base once per load: the lookups every module shares (entries by id, the
 * region tree, referral zones by region), then each module's own index, built by that module.
 * Pure: no I/O. Everything served at run time reads from the result.
 */
import type { KnowledgeBase } from '../kb/schema.js'
import { buildFactIndex } from './facts.js'
import { buildFocusIndex } from './focus-plan.js'
import { buildQuestionIndex } from './questions.js'
import { buildReader } from './reader/index.js'
import { buildScoreIndex } from './score.js'
import { buildSearchIndex } from './search.js'
import { buildTriageIndex } from './triage.js'
import type { CompiledKb, KbLookups, ReferralEdge } from './types.js'

export type { CompiledKb } from './types.js'

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

/** The lookups every module shares. */
function buildLookups(kb: KnowledgeBase, version: string): KbLookups {
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
  }
}

/**
 * Build the indexes of a knowledge base. The input is frozen: callers must not mutate it after.
 * @param kb a validated, linted knowledge base
 * @param version its content hash (kbVersion)
 */
export function compileKnowledgeBase(kb: KnowledgeBase, version: string): CompiledKb {
  deepFreeze(kb)
  const lookups = buildLookups(kb, version)
  return {
    ...lookups,
    facts: buildFactIndex(lookups),
    triage: buildTriageIndex(kb),
    scoring: buildScoreIndex(lookups),
    asking: buildQuestionIndex(lookups),
    focus: buildFocusIndex(lookups),
    reader: buildReader(kb, lookups.ancestors),
    search: buildSearchIndex(kb),
  }
}
