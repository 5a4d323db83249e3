/**
 * Turns an engine input into the set of facts rules and red flags test, and evaluates `when`
 * expressions against it. Pure.
 */
import type { Muscle, Sign, When } from '../kb/schema.js'
import type { CompiledKb, ComplaintInput, EngineInput, FactIndex, FactSet, KbLookups, Side } from './types.js'

/**
 * Build the facts index: each region's fact and its enclosing regions' facts, the age thresholds the
 * knowledge base tests, and the signs derived from other facts.
 */
export function buildFactIndex(lookups: KbLookups): FactIndex {
  const { kb, ancestors } = lookups
  const ageFacts = [...new Set([
    ...kb.redFlags.flatMap((f) => [...(f.when.all ?? []), ...(f.when.any ?? []), ...(f.when.none ?? [])]),
    ...kb.rules.flatMap((r) => [...(r.when.all ?? []), ...(r.when.any ?? []), ...(r.when.none ?? [])]),
    ...kb.questions.map((q) => q.fact),
  ].filter((f) => f.startsWith('age')))].sort()
  return {
    regionFacts: new Map([...lookups.regions.keys()].map((id) => [id, [id, ...(ancestors.get(id) ?? [])].map((r) => `region:${r}`)])),
    ages: ageFacts.map((fact) => {
      const m = /^age(>=|<)(\d+)$/.exec(fact)!
      return { fact, atLeast: m[1] === '>=', years: Number(m[2]) }
    }),
    derivedSigns: kb.signs.filter((s) => s.when),
  }
}

/** The facts a "yes" to which would favour a muscle: its contexts, symptoms, zone regions, and nerve sensations when it can entrap one. */
export function favouredFacts(m: Muscle): Set<string> {
  return new Set<string>([
    ...m.contexts.map((c) => `context:${c}`), ...m.symptoms.map((x) => `sensation:${x.sensation}`), ...m.referralZones.map((z) => `region:${z.region}`),
    ...(m.entrapments.length > 0 ? ['sensation:tingling', 'sensation:numbness'] : []),
  ])
}

/** A complaint with `side` only when it has one. */
export function complaintInput(region: string, side: Side | null | undefined, sensations: string[]): ComplaintInput {
  const c: ComplaintInput = { region, sensations }
  if (side) c.side = side
  return c
}

/**
 * Build the fact set of an input.
 * @param kb the questions and the facts index
 * @param input validated engine input
 */
export function buildFacts(kb: Pick<CompiledKb, 'questions' | 'facts'>, input: EngineInput): FactSet {
  const { regionFacts, ages } = kb.facts
  const present = new Set<string>()
  const negated = new Set<string>(input.negated)
  const complaints = input.complaints.map((c) => complaintInput(c.region, c.side, [...c.sensations]))
  const sensations = new Set<string>(input.sensations)
  for (const s of input.contexts) present.add(`context:${s}`)
  for (const s of input.signs) present.add(`sign:${s}`)
  for (const s of input.conditions) present.add(`condition:${s}`)

  for (const qid of Object.keys(input.answers).sort()) {
    const answer = input.answers[qid]
    const q = kb.questions.get(qid)
    if (!q || answer === 'unknown') continue
    if (answer === 'no') {
      negated.add(q.fact)
      continue
    }
    negated.delete(q.fact)
    const [type, id] = q.fact.split(':') as [string, string | undefined]
    if (type === 'region' && id && !complaints.some((c) => c.region === id)) {
      complaints.push({ region: id, ...(complaints[0]?.side ? { side: complaints[0].side } : {}), sensations: [] })
    } else if (type === 'sensation' && id) {
      sensations.add(id)
    } else if (q.fact.startsWith('age')) {
      for (const a of ages) if (a.fact === q.fact) present.add(a.fact)
    } else {
      present.add(q.fact)
    }
  }

  for (const c of complaints) {
    for (const f of regionFacts.get(c.region) ?? [`region:${c.region}`]) present.add(f)
    for (const s of c.sensations) sensations.add(s)
    if (c.side === 'left') present.add('side:left')
    if (c.side === 'right') present.add('side:right')
    if (c.side === 'both') present.add('side:bilateral')
  }
  if (present.has('side:left') && present.has('side:right')) present.add('side:bilateral')
  for (const s of sensations) present.add(`sensation:${s}`)
  if (input.age !== undefined) {
    for (const a of ages) if (a.atLeast ? input.age >= a.years : input.age < a.years) present.add(a.fact)
  }
  for (const f of negated) present.delete(f)
  for (const f of negated) if (f.startsWith('sensation:')) sensations.delete(f.slice('sensation:'.length))
  deriveSigns(kb.facts.derivedSigns, present, negated)
  return { present, negated, complaints, sensations }
}

/**
 * Add the signs that follow from the facts present ("exertional symptom at a heart site"), until
 * nothing more follows; a sign the client denied is never derived.
 */
function deriveSigns(derived: readonly Sign[], present: Set<string>, negated: ReadonlySet<string>): void {
  for (let changed = true, pass = 0; changed && pass <= derived.length; pass++) {
    changed = false
    for (const s of derived) {
      const fact = `sign:${s.id}`
      if (present.has(fact) || negated.has(fact) || !holds(s.when!, present)) continue
      present.add(fact)
      changed = true
    }
  }
}

/** Whether a `when` expression holds for a fact set. */
export function holds(when: When, present: ReadonlySet<string>): boolean {
  // Indexed loops: the knowledge base is frozen, and V8's every and some take a slow path on a frozen
  // array; this runs for every rule, flag and derived sign a request touches (bench/README.md: every
  // and some cost a quarter of a structured answer, for-of 6-9 %).
  const all = when.all
  if (all) for (let i = 0; i < all.length; i++) if (!present.has(all[i]!)) return false
  if (when.any && !someIn(when.any, present)) return false
  if (when.none && someIn(when.none, present)) return false
  return true
}

/** Whether any of `facts` is in `present`. */
function someIn(facts: readonly string[], present: ReadonlySet<string>): boolean {
  for (let i = 0; i < facts.length; i++) if (present.has(facts[i]!)) return true
  return false
}
