/**
 * The NMT focus plan: the chosen muscles in the order a therapist would work them. A key muscle
 * comes before its satellites, a muscle that refers pain into the area where another lies comes
 * before it (source before referral zone), then proximal before distal. Pure.
 */
import type { Muscle } from '../kb/schema.js'
import type { CompiledKb, FocusIndex, FocusStep, FocusTemplate, KbLookups, MuscleResult } from './types.js'

/** Proximal-to-distal order of muscle groups: spine and trunk first, hands and feet last. */
const PROXIMITY: Record<Muscle['group'], number> = {
  back: 0, neck: 1, thorax: 1, abdomen: 1, pelvis: 1, shoulder: 2, head: 2, hip: 2, arm: 3, thigh: 3, forearm: 4, leg: 4, hand: 5, foot: 5,
}

const TECHNIQUE_TEXT: Record<string, string> = {
  'ischemic-compression': 'ischemic compression', stripping: 'stripping', 'pincer-compression': 'pincer compression',
  'cross-fiber-friction': 'cross-fiber friction', 'post-isometric-relaxation': 'post-isometric relaxation', 'passive-stretch': 'passive stretch',
}

/** The parts of a focus step that depend only on the muscle. */
function focusTemplate(muscle: Muscle): FocusTemplate {
  return {
    muscle: muscle.id,
    name: muscle.name,
    area: muscle.triggerPoints.map((tp) => `${tp.location} (${tp.landmark}; ${tp.palpation} palpation, ${tp.position})`).join(' | '),
    technique: muscle.focus.techniques.map((t) => TECHNIQUE_TEXT[t] ?? t).join(', then '),
    techniques: muscle.focus.techniques,
    position: muscle.focus.position,
    pressure: muscle.focus.pressure,
    duration: muscle.focus.duration,
    cautions: muscle.cautions,
    selfCare: muscle.selfCare,
  }
}

/**
 * Build the focus-plan index: each muscle's own part of its step, its key muscles, and the muscles
 * that refer pain to where it lies.
 */
export function buildFocusIndex(lookups: KbLookups): FocusIndex {
  const { kb, referralsTo } = lookups
  const keyMusclesOf = new Map<string, string[]>()
  for (const m of kb.muscles) {
    for (const r of m.related) {
      if (r.relation === 'satellite') keyMusclesOf.set(r.muscle, [...(keyMusclesOf.get(r.muscle) ?? []), m.id])
    }
  }
  return {
    templates: new Map(kb.muscles.map((m) => [m.id, focusTemplate(m)])),
    keyMusclesOf,
    referredBy: new Map(kb.muscles.map((m) => [m.id, new Set(m.regions.flatMap((r) => (referralsTo.get(r) ?? []).map((e) => e.muscle.id)))])),
  }
}

/**
 * Order and describe the focus plan for the given muscles.
 * @param chosen muscles to plan, best first
 */
export function focusPlan(kb: KbLookups & Pick<CompiledKb, 'focus'>, chosen: MuscleResult[]): FocusStep[] {
  const n = chosen.length
  const muscles = chosen.map((r) => kb.muscles.get(r.id)!)
  // before[i]: indexes of the muscles to work before muscle i.
  const before: number[][] = muscles.map(() => [])
  for (let i = 0; i < n; i++) {
    const muscle = muscles[i]!
    const keys = kb.focus.keyMusclesOf.get(muscle.id)
    const referredBy = kb.focus.referredBy.get(muscle.id)!
    for (let j = 0; j < n; j++) {
      if (i === j) continue
      const other = muscles[j]!
      if (keys?.includes(other.id)) {
        before[i]!.push(j)
        continue
      }
      // The other refers pain to where this one lies, and not the other way round: it goes first.
      if (referredBy.has(other.id) && !kb.focus.referredBy.get(other.id)!.has(muscle.id)) before[i]!.push(j)
    }
  }
  const proximity = muscles.map((m) => PROXIMITY[m.group])
  // Ready muscles go proximal first, then by rank (chosen is best first, so the index is the rank).
  const better = (a: number, b: number): boolean => proximity[a]! < proximity[b]! || (proximity[a] === proximity[b] && a < b)
  const done: boolean[] = muscles.map(() => false)
  const orderIdx: number[] = []
  while (orderIdx.length < n) {
    let next = -1
    let fallback = -1
    for (let i = 0; i < n; i++) {
      if (done[i]) continue
      if (fallback === -1 || better(i, fallback)) fallback = i
      if (before[i]!.every((b) => done[b]) && (next === -1 || better(i, next))) next = i
    }
    // A cycle (two muscles referring into each other) is broken by the same priority.
    const pick = next === -1 ? fallback : next
    done[pick] = true
    orderIdx.push(pick)
  }
  const position = new Map(orderIdx.map((idx, pos) => [idx, pos]))
  return orderIdx.map((idx, i) => {
    const result = chosen[idx]!
    const firsts = before[idx]!.filter((b) => position.get(b)! < i).map((b) => muscles[b]!.name)
    // The muscle's own sides (never empty: no reported side means both), so the plan and the list agree.
    const side = result.sides.length === 1 ? result.sides[0]! : 'both'
    return {
      order: i + 1,
      ...kb.focus.templates.get(result.id)!,
      side,
      reason: firsts.length > 0
        ? `After ${firsts.join(' and ')}: worked first as ${firsts.length === 1 ? 'its source or key muscle' : 'its sources or key muscles'}`
        : i === 0 ? 'First: the most proximal source of the reported pain' : 'Proximal before distal, higher score first',
    }
  })
}
