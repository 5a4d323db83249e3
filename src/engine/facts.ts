/**
 * Turns an engine input into the set of facts rules and red flags test, and evaluates `when`
 * expressions against it. Pure.
 */
import type { When } from '../kb/schema.js'
import type { CompiledKb } from './compile.js'
import type { ComplaintInput, EngineInput } from './types.js'

export interface FactSet {
  present: Set<string>
  negated: Set<string>
  /** Complaints after answers are applied (a "yes" to "does it also reach X?" adds one). */
  complaints: ComplaintInput[]
  /** Every sensation reported anywhere. */
  sensations: Set<string>
}

function addRegion(kb: CompiledKb, present: Set<string>, region: string): void {
  present.add(`region:${region}`)
  for (const a of kb.ancestors.get(region) ?? []) present.add(`region:${a}`)
}

/**
 * Build the fact set of an input.
 * @param kb compiled knowledge base
 * @param input validated engine input
 */
export function buildFacts(kb: CompiledKb, input: EngineInput): FactSet {
  const present = new Set<string>()
  const negated = new Set<string>(input.negated)
  const complaints = input.complaints.map((c) => ({ ...c, sensations: [...c.sensations] }))
  const sensations = new Set<string>(input.sensations)
  for (const s of input.contexts) present.add(`context:${s}`)
  for (const s of input.signs) present.add(`sign:${s}`)
  for (const s of input.conditions) present.add(`condition:${s}`)

  for (const [qid, answer] of Object.entries(input.answers).sort(([a], [b]) => (a < b ? -1 : 1))) {
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
      for (const t of kb.ageFacts) if (t === q.fact) present.add(t)
    } else {
      present.add(q.fact)
    }
  }

  for (const c of complaints) {
    addRegion(kb, present, c.region)
    for (const s of c.sensations) sensations.add(s)
    if (c.side === 'left') present.add('side:left')
    if (c.side === 'right') present.add('side:right')
    if (c.side === 'both') present.add('side:bilateral')
  }
  if (present.has('side:left') && present.has('side:right')) present.add('side:bilateral')
  for (const s of sensations) present.add(`sensation:${s}`)
  if (input.age !== undefined) {
    for (const f of kb.ageFacts) {
      const m = /^age(>=|<)(\d+)$/.exec(f)!
      const n = Number(m[2])
      if (m[1] === '>=' ? input.age >= n : input.age < n) present.add(f)
    }
  }
  for (const f of negated) present.delete(f)
  for (const f of negated) if (f.startsWith('sensation:')) sensations.delete(f.slice('sensation:'.length))
  return { present, negated, complaints, sensations }
}

/** Whether a `when` expression holds for a fact set. */
export function holds(when: When, present: ReadonlySet<string>): boolean {
  // Plain loops: this runs for every rule and flag a request touches.
  if (when.all) for (const f of when.all) if (!present.has(f)) return false
  if (when.any && !someIn(when.any, present)) return false
  if (when.none && someIn(when.none, present)) return false
  return true
}

/** Whether any of `facts` is in `present`. */
export function someIn(facts: readonly string[], present: ReadonlySet<string>): boolean {
  for (const f of facts) if (present.has(f)) return true
  return false
}
