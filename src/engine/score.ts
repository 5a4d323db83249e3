/**
 * Muscle scoring: referral zones (with laterality), coverage of several regions, symptoms,
 * entrapments, contexts, conditions, rules and answered questions. Every weight becomes an
 * explanation entry. Touches only the edges and rules the reported facts index into. Pure.
 */
import type { Muscle } from '../kb/schema.js'
import type { CompiledKb } from './compile.js'
import { holds, type FactSet } from './facts.js'
import type { Contribution, EngineInput } from './types.js'
import { WEIGHTS } from './weights.js'

type MuscleSide = 'left' | 'right' | 'both' | undefined

export interface Scored {
  muscle: Muscle
  score: number
  contributions: Contribution[]
  sides: Set<'left' | 'right'>
  /** Reported regions (complaint indexes) this muscle explains. */
  explains: Set<number>
}

const NERVE_SENSATIONS = ['tingling', 'numbness']

function sideOf(complaintSide: EngineInput['complaints'][number]['side'], laterality: string): MuscleSide {
  if (!complaintSide) return undefined
  if (complaintSide === 'both' || laterality === 'bilateral') return 'both'
  if (laterality === 'midline') return undefined
  if (laterality === 'contralateral') return complaintSide === 'left' ? 'right' : 'left'
  return complaintSide
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** Score every muscle the facts reach. */
export function scoreMuscles(kb: CompiledKb, input: EngineInput, facts: FactSet): Map<string, Scored> {
  const scored = new Map<string, Scored>()
  const entry = (m: Muscle): Scored => {
    let s = scored.get(m.id)
    if (!s) {
      s = { muscle: m, score: 0, contributions: [], sides: new Set(), explains: new Set() }
      scored.set(m.id, s)
    }
    return s
  }
  const add = (s: Scored, c: Contribution): void => {
    s.score += c.weight
    c.weight = round(c.weight)
    s.contributions.push(c)
  }

  const explainedSides = new Map<string, MuscleSide[]>()
  facts.complaints.forEach((complaint, idx) => {
    const best = new Map<string, { weight: number; zone: Muscle['referralZones'][number]; muscle: Muscle; how: string }>()
    const consider = (region: string, factor: number, how: string): void => {
      for (const edge of kb.referralsTo.get(region) ?? []) {
        const w = (edge.zone.zone === 'essential' ? WEIGHTS.essential : WEIGHTS.spillover) * factor
        const prev = best.get(edge.muscle.id)
        if (!prev || w > prev.weight) best.set(edge.muscle.id, { weight: w, zone: edge.zone, muscle: edge.muscle, how })
      }
    }
    consider(complaint.region, 1, 'reported')
    for (const r of kb.subtree.get(complaint.region) ?? []) if (r !== complaint.region) consider(r, WEIGHTS.broaderReport, `within the reported ${kb.regions.get(complaint.region)?.label ?? complaint.region}`)
    for (const a of kb.ancestors.get(complaint.region) ?? []) consider(a, WEIGHTS.broaderZone, `covering the reported ${kb.regions.get(complaint.region)?.label ?? complaint.region}`)
    for (const [id, b] of [...best.entries()].sort(([a], [c]) => (a < c ? -1 : 1))) {
      const s = entry(b.muscle)
      const side = sideOf(complaint.side, b.zone.laterality)
      if (side === 'both') { s.sides.add('left'); s.sides.add('right') } else if (side) s.sides.add(side)
      s.explains.add(idx)
      explainedSides.set(id, [...(explainedSides.get(id) ?? []), side])
      const region = kb.regions.get(b.zone.region)?.label ?? b.zone.region
      const sideText = side ? `, ${side === 'both' ? 'both sides' : `${side} side`}` : ''
      add(s, { kind: 'zone', ref: `${b.muscle.id}@${b.zone.region}`, weight: b.weight,
        detail: `${region} (${b.how}${sideText}) is ${b.zone.zone === 'essential' ? 'an essential' : 'a spillover'} referral zone of ${b.muscle.name}` })
    }
  })

  for (const [id, sides] of explainedSides) {
    const left = sides.filter((x) => x !== 'right').length
    const right = sides.filter((x) => x !== 'left').length
    const n = Math.max(left, right)
    if (n >= 2) add(scored.get(id)!, { kind: 'coverage', ref: 'coverage', weight: WEIGHTS.coverage * (n - 1), detail: `Explains ${n} of the reported regions on one side` })
  }

  input.conditions.forEach((cid) => {
    const condition = kb.conditions.get(cid)
    if (!condition) return
    const n = condition.muscles.length
    condition.muscles.forEach((mid, rank) => {
      const m = kb.muscles.get(mid)
      if (!m) return
      const w = n === 1 ? WEIGHTS.conditionTop : WEIGHTS.conditionTop - ((WEIGHTS.conditionTop - WEIGHTS.conditionBottom) * rank) / (n - 1)
      add(entry(m), { kind: 'condition', ref: cid, weight: w, detail: `Ranked ${rank + 1} of ${n} muscles commonly associated with ${condition.name}` })
    })
  })

  const rules = new Map<string, (typeof kb.kb.rules)[number]>()
  for (const f of facts.present) for (const r of kb.rulesByFact.get(f) ?? []) rules.set(r.id, r)
  for (const rule of [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
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
    for (const m of kb.musclesBySymptom.get(sens) ?? []) entry(m)
  }

  const nerve = NERVE_SENSATIONS.filter((s) => facts.sensations.has(s))
  const contexts = [...facts.present].filter((f) => f.startsWith('context:')).sort()
  const sensations = [...facts.sensations].sort()
  const negated = [...facts.negated].sort()
  for (const s of [...scored.values()].sort((a, b) => (a.muscle.id < b.muscle.id ? -1 : 1))) {
    const m = s.muscle
    const notes = kb.symptomNotes.get(m.id)!
    const favours = kb.favours.get(m.id)!
    for (const sens of sensations) {
      const note = notes.get(sens)
      if (note !== undefined) add(s, { kind: 'symptom', ref: `sensation:${sens}`, weight: WEIGHTS.symptom, detail: `${m.name}: ${note}` })
    }
    if (nerve.length > 0 && m.entrapments.length > 0) {
      add(s, { kind: 'entrapment', ref: `sensation:${nerve[0]}`, weight: WEIGHTS.entrapment,
        detail: `${nerve.join(' and ')} fit ${m.name}, which can compress the ${m.entrapments.map((e) => e.structure).join(', ')}` })
    }
    for (const ctx of contexts) {
      if (favours.has(ctx)) add(s, { kind: 'context', ref: ctx, weight: WEIGHTS.context, detail: `${kb.contexts.get(ctx.slice(8))?.label ?? ctx} commonly aggravates ${m.name}` })
    }
    for (const neg of negated) {
      if (neg.startsWith('condition:') || neg.startsWith('sign:') || !favours.has(neg)) continue
      add(s, { kind: 'answer', ref: neg, weight: WEIGHTS.negatedFact, detail: `Reported absent: ${neg.slice(neg.indexOf(':') + 1).replace(/-/g, ' ')}, which would have pointed to ${m.name}` })
    }
  }
  for (const s of scored.values()) s.score = round(s.score)
  return scored
}
