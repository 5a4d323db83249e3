/**
 * Turns a reading of free text into what the engine works on: complaints (a region with its side
 * and the sensations named in the same clause or sentence), contexts, conditions, signs, negated
 * facts, age and onset, each with its span. Shared by POST /v1/parse and POST /v1/recommendations.
 */
import type { CompiledKb, Finding, Spanned, Understanding } from './types.js'

function firstOf(list: Finding[], type: Finding['type']): Spanned[] {
  const seen = new Set<string>()
  return list.filter((f) => f.type === type && !f.negated && !seen.has(f.id) && seen.add(f.id)).map((f) => ({ id: f.id, span: f.span }))
}

const GENERIC_PAIN = new Set(['pain', 'aching', 'tenderness'])

/**
 * What the client says is absent. A denied condition counts through what it names ("no neck pain"
 * denies the neck); generic pain words only qualify something else ("doesn't hurt when typing");
 * in "no numbness in my face" the numbness is denied, not the face.
 */
function deniedFacts(findings: Finding[]): Finding[] {
  const said = new Set(findings.filter((f) => !f.negated).map((f) => `${f.type}:${f.id}`))
  const denied = findings.filter((f) => f.negated && !said.has(`${f.type}:${f.id}`) && f.type !== 'condition' && !(f.type === 'sensation' && GENERIC_PAIN.has(f.id)))
  // The first denied sensation of each clause: a region after it is where, not what, is denied.
  const firstDeniedSensation = new Map<number, number>()
  for (const s of denied) if (s.type === 'sensation' && !(s.span[0] >= (firstDeniedSensation.get(s.clause) ?? Infinity))) firstDeniedSensation.set(s.clause, s.span[0])
  return denied.filter((f) => !(f.type === 'region' && (firstDeniedSensation.get(f.clause) ?? Infinity) < f.span[0]))
}

/**
 * Understand a message.
 * @param kb compiled knowledge base
 * @param text the client's words (never stored)
 */
export function understand(kb: Pick<CompiledKb, 'reader' | 'ancestors'>, text: string): Understanding {
  const { findings, unrecognized, age, onset } = kb.reader.read(text)
  const regions = findings.filter((f) => f.type === 'region' && !f.negated && !f.moved)
  const sensationFindings = findings.filter((f) => f.type === 'sensation' && !f.negated)
  // Drop a broad region when a region below it is named in the same sentence ("headache at my temples").
  const broaderInSentence = new Map<number, Set<string>>()
  for (const o of regions) {
    let set = broaderInSentence.get(o.sentence)
    if (!set) broaderInSentence.set(o.sentence, (set = new Set<string>()))
    for (const a of kb.ancestors.get(o.id) ?? []) set.add(a)
  }
  const specific = regions.filter((r) => !broaderInSentence.get(r.sentence)!.has(r.id))
  // Indexed by clause and sentence, so reading stays linear however many regions a message names.
  const group = <T extends Finding>(list: readonly T[], key: (f: T) => number): Map<number, T[]> => {
    const out = new Map<number, T[]>()
    for (const f of list) {
      const k = key(f)
      const l = out.get(k)
      if (l) l.push(f)
      else out.set(k, [f])
    }
    return out
  }
  const sensationsByClause = group(sensationFindings, (s) => s.clause)
  const sensationsBySentence = group(sensationFindings, (s) => s.sentence)
  const specificBySentence = group(specific, (r) => r.sentence)
  const complaints: Understanding['complaints'] = []
  const byRegionSide = new Map<string, Understanding['complaints'][number]>()
  const attached = new Set<Finding>()
  for (const r of specific) {
    const sameClause = sensationsByClause.get(r.clause) ?? []
    const soleInSentence = specificBySentence.get(r.sentence)!.length === 1
    const own = sameClause.length > 0 ? sameClause : soleInSentence ? sensationsBySentence.get(r.sentence) ?? [] : []
    own.forEach((s) => attached.add(s))
    const key = `${r.id}|${r.side ?? ''}`
    const existing = byRegionSide.get(key)
    const ids = own.map((s) => s.id)
    if (existing) existing.sensations = [...new Set([...existing.sensations, ...ids])]
    else {
      const c = { region: r.id, side: r.side ?? null, sensations: [...new Set(ids)], span: r.span }
      byRegionSide.set(key, c)
      complaints.push(c)
    }
  }
  const negatedSeen = new Set<string>()
  const negated = deniedFacts(findings).map((f) => ({ fact: `${f.type}:${f.id}`, span: f.span, ...(f.inferred ? { inferred: true } : {}) }))
    .filter((n) => !negatedSeen.has(n.fact) && negatedSeen.add(n.fact))
  return {
    complaints,
    sensations: firstOf(sensationFindings.filter((s) => !attached.has(s)), 'sensation'),
    contexts: firstOf(findings, 'context'),
    conditions: firstOf(findings, 'condition'),
    signs: firstOf(findings, 'sign'),
    negated,
    age: age?.age ?? null,
    onset,
    unrecognized,
  }
}
