/**
 * Baseline: the same referral and rule logic expressed for json-rules-engine and evaluated in the
 * same process on the same inputs. One rule per referral zone (fact `regions` contains the zone's
 * region → event with muscle and weight) plus every seed/rules rule (all/any/none over facts).
 * Preprocessing matches the service (free text read by the same understand()); the aggregation
 * (best zone per muscle, plus rule adjustments, ranked) is part of each timed evaluation.
 */
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from 'json-rules-engine'
import type { CompiledKb } from '../src/engine/compile.js'
import { understand } from '../src/engine/understand.js'
import type { RecommendationRequest } from '../src/services/recommendations.js'
import { WEIGHTS } from '../src/engine/weights.js'
import { round, Samples } from './stats.js'

function condition(fact: string): NestedCondition {
  const age = /^age(>=|<)(\d+)$/.exec(fact)
  if (age) return { fact: 'age', operator: age[1] === '>=' ? 'greaterThanInclusive' : 'lessThan', value: Number(age[2]) }
  const [type, id] = fact.split(':') as [string, string]
  return { fact: type, operator: 'contains', value: id }
}

/** Build the engine: 490-odd zone rules plus the seed rules, as json-rules-engine rules. */
export function buildRulesEngine(kb: CompiledKb): { engine: Engine; rules: number } {
  const rules: RuleProperties[] = []
  for (const m of kb.kb.muscles) {
    for (const z of m.referralZones) {
      rules.push({
        name: `${m.id}@${z.region}`,
        conditions: { all: [{ fact: 'regions', operator: 'contains', value: z.region }] },
        event: { type: 'zone', params: { muscle: m.id, weight: z.zone === 'essential' ? WEIGHTS.essential : WEIGHTS.spillover } },
      })
    }
  }
  for (const r of kb.kb.rules) {
    const all: NestedCondition[] = (r.when.all ?? []).map(condition)
    if (r.when.any) all.push({ any: r.when.any.map(condition) })
    if (r.when.none) all.push({ not: { any: r.when.none.map(condition) } })
    rules.push({ name: r.id, conditions: { all } as TopLevelCondition, event: { type: 'rule', params: { adjust: r.adjust } } })
  }
  return { engine: new Engine(rules, { allowUndefinedFacts: true }), rules: rules.length }
}

/** Facts of a request: reported regions (with ancestors; `regions` also below), sensations, etc. */
function factsOf(kb: CompiledKb, req: RecommendationRequest): Record<string, unknown> {
  const complaints = [...(req.complaints ?? [])]
  const sensation = new Set<string>()
  const context = new Set(req.contexts ?? [])
  const conditionIds = new Set(req.conditions ?? [])
  const sign = new Set(req.signs ?? [])
  let age = req.age
  if (req.text) {
    const u = understand(kb, req.text)
    for (const c of u.complaints) complaints.push({ region: c.region, ...(c.side ? { side: c.side } : {}), sensations: c.sensations })
    u.sensations.forEach((s) => sensation.add(s.id))
    u.contexts.forEach((s) => context.add(s.id))
    u.conditions.forEach((s) => conditionIds.add(s.id))
    u.signs.forEach((s) => sign.add(s.id))
    age ??= u.age ?? undefined
  }
  const region = new Set<string>()
  const regions = new Set<string>()
  const side = new Set<string>()
  for (const c of complaints) {
    for (const r of [c.region, ...(kb.ancestors.get(c.region) ?? [])]) { region.add(r); regions.add(r) }
    for (const r of kb.subtree.get(c.region) ?? []) regions.add(r)
    c.sensations?.forEach((s) => sensation.add(s))
    if (c.side) side.add(c.side === 'both' ? 'bilateral' : c.side)
  }
  return { regions: [...regions], region: [...region], sensation: [...sensation], context: [...context], condition: [...conditionIds], sign: [...sign], side: [...side], age }
}

/** One evaluation: facts → rules → scores per muscle, ranked. */
export async function evaluate(engine: Engine, kb: CompiledKb, req: RecommendationRequest): Promise<[string, number][]> {
  const { events } = await engine.run(factsOf(kb, req))
  const zone = new Map<string, number>()
  const score = new Map<string, number>()
  for (const e of events) {
    const p = e.params as { muscle?: string; weight?: number; adjust?: { muscle: string; weight: number }[] }
    if (e.type === 'zone') zone.set(p.muscle!, Math.max(zone.get(p.muscle!) ?? 0, p.weight!))
    else for (const a of p.adjust!) score.set(a.muscle, (score.get(a.muscle) ?? 0) + a.weight)
  }
  for (const [m, w] of zone) score.set(m, (score.get(m) ?? 0) + w)
  return [...score].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
}

/** Median and p99 µs per evaluation, after a warm-up; bounded in passes and time. */
export async function benchRulesEngine(kb: CompiledKb, inputs: RecommendationRequest[]): Promise<{ rules: number; calls: number; medianUs: number; p99Us: number }> {
  const { engine, rules } = buildRulesEngine(kb)
  for (let p = 0; p < 2; p++) for (const req of inputs) await evaluate(engine, kb, req)
  const passes = 5
  const s = new Samples(inputs.length * passes)
  const deadline = performance.now() + 15_000
  for (let p = 0; p < passes && performance.now() < deadline; p++) {
    for (const req of inputs) {
      const t0 = process.hrtime.bigint()
      await evaluate(engine, kb, req)
      s.add(Number(process.hrtime.bigint() - t0) / 1000)
    }
  }
  return { rules, calls: s.count, medianUs: round(s.q(0.5)), p99Us: round(s.q(0.99)) }
}
