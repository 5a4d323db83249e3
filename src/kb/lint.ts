/**
 * Cross-reference linter for a schema-valid knowledge base: dangling ids, duplicates, unreachable
 * muscles and regions, conditions without muscles, red flags without a screening question, pain guides
 * that miss a muscle referring to their region or list one that does not reach it.
 * Pure: takes the knowledge base, returns findings; never throws and never reads files.
 */
import { lintReading } from './lint-reading.js'
import type { Fact, KnowledgeBase, When } from './schema.js'

export interface LintFinding {
  code: string
  where: string
  message: string
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>()
  const dup = new Set<string>()
  for (const id of ids) (seen.has(id) ? dup : seen).add(id)
  return [...dup]
}

function sortedById(list: { id: string }[]): boolean {
  return list.every((x, i) => i === 0 || list[i - 1]!.id < x.id)
}

/**
 * Pain guides: one per region a complaint can reach muscles from (a zone on it or below it); each lists
 * every muscle with a zone on its region, and only muscles with a zone in, below or above it.
 */
function lintGuides(
  kb: KnowledgeBase,
  reached: ReadonlySet<string>,
  parentOf: ReadonlyMap<string, string | null>,
  add: (code: string, where: string, message: string) => void,
  ref: (kind: 'region' | 'muscle' | 'source', id: string, where: string) => void,
): void {
  const guides = new Map(kb.painGuides.map((g) => [g.id, g]))
  // Muscle id → regions its zones lie on, and every region above those.
  const around = new Map<string, Set<string>>()
  for (const m of kb.muscles) {
    const set = new Set<string>()
    for (const z of m.referralZones) for (let r: string | null | undefined = z.region; r; r = parentOf.get(r)) set.add(r)
    around.set(m.id, set)
  }
  const above = (region: string): string[] => {
    const out: string[] = []
    for (let p = parentOf.get(region); p; p = parentOf.get(p)) out.push(p)
    return out
  }
  const zonesOn = (m: KnowledgeBase['muscles'][number], regions: string[]): boolean => m.referralZones.some((z) => regions.includes(z.region))
  for (const g of kb.painGuides) {
    const w = `pain-guides/${g.id}`
    ref('region', g.id, w)
    for (const s of g.sources) ref('source', s.source, `${w}.sources`)
    for (const dup of duplicates(g.muscles)) add('duplicate-ref', w, `muscle "${dup}" listed twice`)
    const ancestors = above(g.id)
    for (const id of g.muscles) {
      ref('muscle', id, `${w}.muscles`)
      const m = kb.muscles.find((x) => x.id === id)
      if (m && !around.get(id)!.has(g.id) && !zonesOn(m, ancestors)) {
        add('guide-unreached', w, `muscle "${id}" has no referral zone in, below or above this region`)
      }
    }
  }
  for (const m of kb.muscles) {
    for (const z of m.referralZones) {
      const g = guides.get(z.region)
      if (g && !g.muscles.includes(m.id)) add('unguided-zone', `pain-guides/${z.region}`, `does not list "${m.id}", which has a referral zone there`)
    }
  }
  for (const r of kb.regions) {
    if (reached.has(r.id) && !guides.has(r.id)) add('missing-guide', `regions/${r.id}`, 'no pain guide orders the muscles a complaint here reaches')
  }
}

/**
 * Lint a knowledge base. An empty array means it is consistent.
 * @param kb the validated knowledge base
 */
export function lintKnowledgeBase(kb: KnowledgeBase): LintFinding[] {
  const out: LintFinding[] = []
  const add = (code: string, where: string, message: string): void => { out.push({ code, where, message }) }
  const idSets = {
    source: new Set(kb.sources.map((s) => s.id)),
    region: new Set(kb.regions.map((r) => r.id)),
    sensation: new Set(kb.sensations.map((s) => s.id)),
    context: new Set(kb.contexts.map((c) => c.id)),
    sign: new Set(kb.signs.map((s) => s.id)),
    muscle: new Set(kb.muscles.map((m) => m.id)),
    condition: new Set(kb.conditions.map((c) => c.id)),
    redFlag: new Set(kb.redFlags.map((f) => f.id)),
    question: new Set(kb.questions.map((q) => q.id)),
  }
  const ref = (kind: keyof typeof idSets, id: string, where: string): void => {
    if (!idSets[kind].has(id)) add('dangling-ref', where, `unknown ${kind} id "${id}"`)
  }
  const fact = (f: Fact, where: string): void => {
    const m = /^(region|sensation|context|sign|condition):(.+)$/.exec(f)
    if (m) ref(m[1] as keyof typeof idSets, m[2]!, where)
  }
  const when = (w: When, where: string): void => {
    const parts = [...(w.all ?? []), ...(w.any ?? []), ...(w.none ?? [])]
    if ((w.all ?? []).length + (w.any ?? []).length === 0) add('empty-when', where, 'needs at least one `all` or `any` fact')
    for (const f of parts) fact(f, where)
  }

  for (const [key, list] of Object.entries(kb) as [string, { id: string }[]][]) {
    for (const id of duplicates(list.map((x) => x.id))) add('duplicate-id', key, `id "${id}" is used more than once`)
  }
  for (const r of kb.regions) if (r.parentId !== null) ref('region', r.parentId, `regions/${r.id}`)

  const reached = new Set<string>()
  for (const m of kb.muscles) {
    const w = `muscles/${m.id}`
    for (const r of m.regions) ref('region', r, `${w}.regions`)
    for (const z of m.referralZones) {
      ref('region', z.region, `${w}.referralZones`)
      ref('source', z.source, `${w}.referralZones`)
      reached.add(z.region)
    }
    for (const dup of duplicates(m.referralZones.map((z) => z.region))) add('duplicate-zone', w, `region "${dup}" appears twice in referralZones`)
    for (const dup of duplicates(m.triggerPoints.map((t) => t.id))) add('duplicate-id', w, `trigger point "${dup}" appears twice`)
    for (const s of m.symptoms) ref('sensation', s.sensation, `${w}.symptoms`)
    for (const c of m.contexts) ref('context', c, `${w}.contexts`)
    for (const rel of m.related) {
      ref('muscle', rel.muscle, `${w}.related`)
      if (rel.muscle === m.id) add('self-ref', w, 'a muscle cannot be related to itself')
    }
    for (const s of m.sources) ref('source', s.source, `${w}.sources`)
  }
  const parentOf = new Map(kb.regions.map((r) => [r.id, r.parentId]))
  for (const id of [...reached]) {
    for (let p = parentOf.get(id); p; p = parentOf.get(p)) reached.add(p)
  }
  const hasChild = new Set(kb.regions.map((r) => r.parentId).filter((p): p is string => p !== null))
  for (const r of kb.regions) {
    if (!hasChild.has(r.id) && !reached.has(r.id)) add('unreached-region', `regions/${r.id}`, 'no muscle refers pain to this region')
  }
  lintGuides(kb, reached, parentOf, add, ref)

  for (const c of kb.conditions) {
    const w = `conditions/${c.id}`
    if (c.muscles.length === 0) add('condition-without-muscles', w, 'lists no muscles')
    for (const m of c.muscles) ref('muscle', m, `${w}.muscles`)
    for (const dup of duplicates(c.muscles)) add('duplicate-ref', w, `muscle "${dup}" listed twice`)
    for (const r of c.regions) ref('region', r, `${w}.regions`)
    for (const f of c.redFlags) ref('redFlag', f, `${w}.redFlags`)
    for (const s of c.sources) ref('source', s.source, `${w}.sources`)
  }
  // A red flag's triggers, and what each internal sign among them is made of: a question about what
  // an internal sign is built from ("blood in the urine" for "blood in the urine not from food") screens it.
  const builtFrom = new Map(kb.signs.filter((s) => s.internal && s.when).map((s) => [`sign:${s.id}`, s.when!]))
  const triggersOf = (w: When): Set<string> => {
    const out = new Set<string>()
    const visit = (fact: string): void => {
      if (out.has(fact)) return
      out.add(fact)
      const inner = builtFrom.get(fact)
      if (inner) for (const f of [...(inner.all ?? []), ...(inner.any ?? [])]) visit(f)
    }
    for (const f of [...(w.all ?? []), ...(w.any ?? [])]) visit(f)
    return out
  }
  const screened = new Set<string>()
  for (const q of kb.questions) fact(q.fact, `questions/${q.id}`)
  for (const f of kb.redFlags) {
    const w = `red-flags/${f.id}`
    when(f.when, w)
    for (const s of f.sources) ref('source', s.source, `${w}.sources`)
    const facts = triggersOf(f.when)
    if (kb.questions.some((q) => q.kind === 'screen' && facts.has(q.fact))) screened.add(f.id)
    else add('unscreened-red-flag', w, 'no screening question asks about any of its triggers')
  }
  for (const r of kb.rules) {
    const w = `rules/${r.id}`
    when(r.when, w)
    ref('source', r.source, w)
    for (const a of r.adjust) ref('muscle', a.muscle, `${w}.adjust`)
  }
  const known = {
    ...idSets, term: new Set(kb.terms.map((t) => t.id)),
  }
  lintReading(kb, add, (kind, id) => known[kind].has(id), fact)
  for (const [key, list] of Object.entries(kb) as [string, { id: string }[]][]) {
    if (!['muscles', 'rules', 'questions', 'redFlagFamilies'].includes(key) && !sortedById(list)) add('unsorted', key, 'entries must be sorted by id')
  }
  return out
}
