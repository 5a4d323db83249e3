/**
 * Compiles the knowledge base once per load into immutable indexes (by id, region tree, region →
 * referral edges). Pure: no I/O. Everything served at run time reads from the result.
 */
import type { Condition, Context, KnowledgeBase, Muscle, Question, RedFlag, Region, Sensation, Sign, Source } from '../kb/schema.js'

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
  /** Region id → referral edges that land exactly on it. */
  referralsTo: ReadonlyMap<string, readonly ReferralEdge[]>
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
    referralsTo,
  }
}
