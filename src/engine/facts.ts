/**
 * Turns an engine input into the set of facts rules and red flags test, and evaluates `when`
 * expressions against it. Pure.
 */
import type { Sign, When } from '../kb/schema.js'
import type { CompiledKb } from './compile.js'
import type { ComplaintInput, EngineInput, Side } from './types.js'

export interface FactSet {
  present: Set<string>
  negated: Set<string>
  /** Complaints after answers are applied (a "yes" to "does it also reach X?" adds one). */
  complaints: ComplaintInput[]
  /** Every sensation reported anywhere. */
  sensations: Set<string>
}

/**
 * Fact strings made once per knowledge base ("region:temple" and its enclosing regions,
 * "context:desk-work", ...): a request's fact set then holds the same string objects as the rules,
 * flags and indexes that test it, so set lookups hash nothing new.
 */
export interface FactNames {
  /** Region id → its fact and its ancestors' facts. */
  region: ReadonlyMap<string, readonly string[]>
  context: ReadonlyMap<string, string>
  sign: ReadonlyMap<string, string>
  condition: ReadonlyMap<string, string>
  sensation: ReadonlyMap<string, string>
  /** Every `age>=N` / `age<N` fact the knowledge base tests, parsed. */
  ages: readonly { fact: string; atLeast: boolean; years: number }[]
}

/** Build the fact names of a knowledge base's vocabularies. */
export function buildFactNames(ids: { regions: Iterable<string>; contexts: Iterable<string>; signs: Iterable<string>; conditions: Iterable<string>; sensations: Iterable<string> },
  ancestors: ReadonlyMap<string, readonly string[]>, ageFacts: readonly string[]): FactNames {
  const named = (prefix: string, list: Iterable<string>): Map<string, string> => new Map([...list].map((id) => [id, `${prefix}:${id}`]))
  return {
    region: new Map([...ids.regions].map((id) => [id, [id, ...(ancestors.get(id) ?? [])].map((r) => `region:${r}`)])),
    context: named('context', ids.contexts),
    sign: named('sign', ids.signs),
    condition: named('condition', ids.conditions),
    sensation: named('sensation', ids.sensations),
    ages: ageFacts.map((fact) => {
      const m = /^age(>=|<)(\d+)$/.exec(fact)!
      return { fact, atLeast: m[1] === '>=', years: Number(m[2]) }
    }),
  }
}

/** A complaint with `side` only when it has one (built field by field: an object spread costs more). */
export function complaintInput(region: string, side: Side | null | undefined, sensations: string[]): ComplaintInput {
  const c: ComplaintInput = { region, sensations }
  if (side) c.side = side
  return c
}

const fact = (names: ReadonlyMap<string, string>, prefix: string, id: string): string => names.get(id) ?? `${prefix}:${id}`

/**
 * Build the fact set of an input.
 * @param kb compiled knowledge base
 * @param input validated engine input
 */
export function buildFacts(kb: CompiledKb, input: EngineInput): FactSet {
  const names = kb.factNames
  const present = new Set<string>()
  const negated = new Set<string>(input.negated)
  const complaints = input.complaints.map((c) => complaintInput(c.region, c.side, [...c.sensations]))
  const sensations = new Set<string>(input.sensations)
  for (const s of input.contexts) present.add(fact(names.context, 'context', s))
  for (const s of input.signs) present.add(fact(names.sign, 'sign', s))
  for (const s of input.conditions) present.add(fact(names.condition, 'condition', s))

  const answers = Object.keys(input.answers)
  if (answers.length > 1) answers.sort()
  for (const qid of answers) {
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
      for (const a of names.ages) if (a.fact === q.fact) present.add(a.fact)
    } else {
      present.add(q.fact)
    }
  }

  for (const c of complaints) {
    for (const f of names.region.get(c.region) ?? [`region:${c.region}`]) present.add(f)
    for (const s of c.sensations) sensations.add(s)
    if (c.side === 'left') present.add('side:left')
    if (c.side === 'right') present.add('side:right')
    if (c.side === 'both') present.add('side:bilateral')
  }
  if (present.has('side:left') && present.has('side:right')) present.add('side:bilateral')
  for (const s of sensations) present.add(fact(names.sensation, 'sensation', s))
  if (input.age !== undefined) {
    for (const a of names.ages) if (a.atLeast ? input.age >= a.years : input.age < a.years) present.add(a.fact)
  }
  for (const f of negated) present.delete(f)
  for (const f of negated) if (f.startsWith('sensation:')) sensations.delete(f.slice('sensation:'.length))
  deriveSigns(kb.derivedSigns, present, negated)
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
  // Indexed loops: this runs for every rule and flag a request touches.
  const all = when.all
  if (all) for (let i = 0; i < all.length; i++) if (!present.has(all[i]!)) return false
  if (when.any && !someIn(when.any, present)) return false
  if (when.none && someIn(when.none, present)) return false
  return true
}

/** Whether any of `facts` is in `present`. */
export function someIn(facts: readonly string[], present: ReadonlySet<string>): boolean {
  for (let i = 0; i < facts.length; i++) if (present.has(facts[i]!)) return true
  return false
}
