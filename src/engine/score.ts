/**
 * Muscle scoring: referral zones (with laterality), places in the pain guides, coverage of several
 * regions, symptoms, entrapments, contexts, conditions, rules and answered questions. Every weight becomes an
 * explanation entry. Touches only the edges and rules the reported facts index into. Pure.
 */
import type { Muscle, Rule } from '../kb/schema.js'
import { favouredFacts, holds } from './facts.js'
import { buildCommonness, buildGuideIndex } from './guides.js'
import { buildLyingIn, buildReach, zoneSide } from './reach.js'
import type { CompiledKb, ComplaintInput, Contribution, EngineInput, FactSet, KbLookups, ScoreIndex, Scored, Side } from './types.js'
import { WEIGHTS } from './weights.js'

/**
 * Build the scoring index: what each region reaches, the muscles lying in each region, the rules by
 * the facts they test, and the explanation texts of each muscle's symptoms and contexts.
 */
export function buildScoreIndex(lookups: KbLookups): ScoreIndex {
  const { kb } = lookups
  const commonness = buildCommonness(kb.muscles, kb.painGuides)
  const rulesByFact = new Map<string, Rule[]>()
  for (const rule of kb.rules) {
    for (const f of new Set([...(rule.when.all ?? []), ...(rule.when.any ?? [])])) rulesByFact.set(f, [...(rulesByFact.get(f) ?? []), rule])
  }
  const musclesBySymptom = new Map<string, Muscle[]>()
  for (const m of kb.muscles) for (const sym of new Set(m.symptoms.map((x) => x.sensation))) musclesBySymptom.set(sym, [...(musclesBySymptom.get(sym) ?? []), m])
  const symptomDetails = new Map<string, Map<string, string>>()
  for (const m of kb.muscles) {
    const notes = new Map<string, string>()
    for (const x of m.symptoms) if (!notes.has(x.sensation)) notes.set(x.sensation, `${m.name}: ${x.note}`)
    symptomDetails.set(m.id, notes)
  }
  const contextLabel = (c: string): string => lookups.contexts.get(c)?.label ?? `context:${c}`
  return {
    reach: buildReach(lookups, buildGuideIndex(kb.painGuides), commonness),
    lyingIn: buildLyingIn(kb.muscles),
    commonness,
    rulesByFact,
    musclesBySymptom,
    favours: new Map(kb.muscles.map((m) => [m.id, favouredFacts(m)])),
    symptomDetails,
    contextDetails: new Map(kb.muscles.map((m) => [m.id, new Map(m.contexts.map((c) => [`context:${c}`, `${contextLabel(c)} commonly aggravates ${m.name}`]))])),
  }
}

const LEFT = 1
const RIGHT = 2

const NERVE_SENSATIONS = ['tingling', 'numbness']

/** A side as the `sides` bits (none: 0). */
function sideBits(side: Side | undefined): number {
  return side === 'both' ? LEFT | RIGHT : side === 'left' ? LEFT : side === 'right' ? RIGHT : 0
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** Two sides of one place told twice: a side said once wins over none; left and right make both. */
function joinSides(a: Side | undefined, b: Side | undefined): Side | undefined {
  if (!a) return b
  if (!b || a === b) return a
  return 'both'
}

/**
 * The places a client's complaints name, each once: a region told twice ("my ear ... my left ear") is
 * one complaint, and a broad region told together with a region inside it ("neck pain ... the back
 * of my neck") is that narrower region, which says where in it (its side passes on when the narrower
 * one has none). Scoring each mention would count one painful place as several: twice its zones and
 * an extra-region bonus for a region the client never added. Regions side by side stay apart.
 */
export function distinctComplaints(complaints: readonly ComplaintInput[], ancestors: ReadonlyMap<string, readonly string[]>): ComplaintInput[] {
  const byRegion = new Map<string, ComplaintInput>()
  for (const c of complaints) {
    const prev = byRegion.get(c.region)
    if (prev) {
      const side = joinSides(prev.side, c.side)
      if (side) prev.side = side
    } else {
      byRegion.set(c.region, c.side ? { region: c.region, side: c.side, sensations: c.sensations } : { region: c.region, sensations: c.sensations })
    }
  }
  const out = [...byRegion.values()]
  const inner = (broad: string): ComplaintInput[] => out.filter((c) => ancestors.get(c.region)?.includes(broad))
  return out.filter((c) => {
    const narrower = inner(c.region)
    if (narrower.length === 0) return true
    if (c.side) for (const n of narrower) if (!n.side) n.side = c.side
    return false
  })
}

/** Score every muscle the facts reach. */
export function scoreMuscles(kb: KbLookups & Pick<CompiledKb, 'scoring'>, input: EngineInput, facts: FactSet): Map<string, Scored> {
  const index = kb.scoring
  const scored = new Map<string, Scored>()
  const entry = (m: Muscle): Scored => {
    let s = scored.get(m.id)
    if (!s) {
      s = { muscle: m, score: 0, contributions: [], sides: 0, place: Infinity, explains: 0, onLeft: 0, onRight: 0 }
      scored.set(m.id, s)
    }
    return s
  }
  const add = (s: Scored, c: Contribution): void => {
    s.score += c.weight
    c.weight = round(c.weight)
    s.contributions.push(c)
  }

  const complaints = distinctComplaints(facts.complaints, kb.ancestors)
  for (const complaint of complaints) {
    // A broad area ("back", "neck") says too little for reaching two of them to mean one source.
    const broad = (kb.subtree.get(complaint.region)?.length ?? 1) > 1
    // A region's reach lists each muscle once, so each complaint counts once per muscle.
    for (const edge of index.reach.get(complaint.region) ?? []) {
      const s = entry(edge.muscle)
      const side = zoneSide(complaint.side, edge.zone.laterality)
      s.sides |= sideBits(side)
      s.explains++
      if (side !== 'right' && !broad) s.onLeft++
      if (side !== 'left' && !broad) s.onRight++
      if (edge.place < s.place) s.place = edge.place
      add(s, { kind: 'zone', ref: edge.ref, weight: edge.weight, detail: edge.detail[side ?? 'none'] })
      if (edge.guide) add(s, { kind: 'guide', ref: edge.guide.ref, weight: edge.guide.weight, detail: edge.guide.detail })
    }
  }

  // A muscle lying in a reported region, once per muscle, whether or not a zone reached it.
  const local = new Set<Scored>()
  for (const complaint of complaints) {
    const region = kb.regions.get(complaint.region)
    if (!region) continue
    for (const m of index.lyingIn.get(complaint.region) ?? []) {
      const s = entry(m)
      if (local.has(s)) continue
      local.add(s)
      // It lies where the client hurts, on that side.
      s.sides |= sideBits(complaint.side)
      add(s, { kind: 'local', ref: `local:${complaint.region}`, weight: WEIGHTS.local, detail: `Lies in the reported ${region.label.toLowerCase()}, where its trigger points are also felt` })
    }
  }

  // Only muscles reached by a zone or lying in a reported region are scored so far.
  for (const s of scored.values()) {
    const n = Math.max(s.onLeft, s.onRight)
    if (n >= 2) add(s, { kind: 'coverage', ref: 'coverage', weight: WEIGHTS.coverage * (n - 1), detail: `Explains ${n} of the reported regions on one side` })
  }

  for (const cid of input.conditions) {
    const condition = kb.conditions.get(cid)
    if (!condition) continue
    const n = condition.muscles.length
    condition.muscles.forEach((mid, rank) => {
      const m = kb.muscles.get(mid)
      if (!m) return
      const w = n === 1 ? WEIGHTS.conditionTop : WEIGHTS.conditionTop - ((WEIGHTS.conditionTop - WEIGHTS.conditionBottom) * rank) / (n - 1)
      add(entry(m), { kind: 'condition', ref: cid, weight: w, detail: `Ranked ${rank + 1} of ${n} muscles commonly associated with ${condition.name}` })
    })
  }

  // The rules a present fact touches, applied in id order, since a negative adjustment only applies
  // to a muscle already scored.
  const touched = new Set<Rule>()
  for (const f of facts.present) for (const r of index.rulesByFact.get(f) ?? []) touched.add(r)
  for (const rule of [...touched].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!holds(rule.when, facts.present)) continue
    for (const adj of rule.adjust) {
      const m = kb.muscles.get(adj.muscle)
      if (!m || (adj.weight < 0 && !scored.has(m.id))) continue
      add(entry(m), { kind: 'rule', ref: rule.id, weight: adj.weight, detail: rule.description })
    }
  }

  // Symptoms that are not pain (dizziness, tinnitus, tearing) can point at a muscle on their own.
  for (const sens of facts.sensations) {
    if (kb.sensations.get(sens)?.category !== 'autonomic') continue
    for (const m of index.musclesBySymptom.get(sens) ?? []) entry(m)
  }

  const nerve = NERVE_SENSATIONS.filter((s) => facts.sensations.has(s))
  const contexts = [...facts.present].filter((f) => f.startsWith('context:'))
  for (const s of scored.values()) {
    const m = s.muscle
    const symptoms = index.symptomDetails.get(m.id)!
    const favours = index.favours.get(m.id)!
    for (const sens of facts.sensations) {
      const detail = symptoms.get(sens)
      if (detail !== undefined) add(s, { kind: 'symptom', ref: `sensation:${sens}`, weight: WEIGHTS.symptom, detail })
    }
    if (nerve.length > 0 && m.entrapments.length > 0) {
      add(s, { kind: 'entrapment', ref: `sensation:${nerve[0]}`, weight: WEIGHTS.entrapment,
        detail: `${nerve.join(' and ')} fit ${m.name}, which can compress the ${m.entrapments.map((e) => e.structure).join(', ')}` })
    }
    const contextDetails = index.contextDetails.get(m.id)!
    for (const ctx of contexts) {
      const detail = contextDetails.get(ctx)
      if (detail !== undefined) add(s, { kind: 'context', ref: ctx, weight: WEIGHTS.context, detail })
    }
    for (const neg of facts.negated) {
      if (neg.startsWith('condition:') || neg.startsWith('sign:') || !favours.has(neg)) continue
      add(s, { kind: 'answer', ref: neg, weight: WEIGHTS.negatedFact, detail: `Reported absent: ${neg.slice(neg.indexOf(':') + 1).replace(/-/g, ' ')}, which would have pointed to ${m.name}` })
    }
  }
  for (const s of scored.values()) s.score = round(s.score)
  return scored
}
