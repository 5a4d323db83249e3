/**
 * The NMT focus plan: the chosen muscles in the order a therapist would work them. A key muscle
 * comes before its satellites, a muscle that refers pain into the area where another lies comes
 * before it (source before referral zone), then proximal before distal. Pure.
 */
import type { Muscle } from '../kb/schema.js'
import type { CompiledKb } from './compile.js'
import type { FocusStep, MuscleResult } from './types.js'

/** Proximal-to-distal order of muscle groups: spine and trunk first, hands and feet last. */
const PROXIMITY: Record<Muscle['group'], number> = {
  back: 0, neck: 1, thorax: 1, abdomen: 1, pelvis: 1, shoulder: 2, head: 2, hip: 2, arm: 3, thigh: 3, forearm: 4, leg: 4, hand: 5, foot: 5,
}

const TECHNIQUE_TEXT: Record<string, string> = {
  'ischemic-compression': 'ischemic compression', stripping: 'stripping', 'pincer-compression': 'pincer compression',
  'cross-fiber-friction': 'cross-fiber friction', 'post-isometric-relaxation': 'post-isometric relaxation', 'passive-stretch': 'passive stretch',
}

/** The parts of a focus step that depend only on the muscle: built once per knowledge-base load. */
export function focusTemplate(muscle: Muscle): Omit<FocusStep, 'order' | 'side' | 'reason'> {
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
 * Order and describe the focus plan for the given muscles.
 * @param chosen muscles to plan, best first
 */
export function focusPlan(kb: CompiledKb, chosen: MuscleResult[]): FocusStep[] {
  const muscles = chosen.map((r) => ({ result: r, muscle: kb.muscles.get(r.id)! }))
  const ids = new Set(chosen.map((c) => c.id))
  const before = new Map<string, Set<string>>(chosen.map((c) => [c.id, new Set<string>()]))
  for (const { muscle } of muscles) {
    for (const key of kb.keyMusclesOf.get(muscle.id) ?? []) if (ids.has(key)) before.get(muscle.id)!.add(key)
    for (const { muscle: other } of muscles) {
      if (other.id === muscle.id) continue
      const otherZones = kb.zoneRegions.get(other.id)!
      const ownZones = kb.zoneRegions.get(muscle.id)!
      const refersInto = muscle.regions.some((r) => otherZones.has(r))
      const reverse = other.regions.some((r) => ownZones.has(r))
      if (refersInto && !reverse) before.get(muscle.id)!.add(other.id)
    }
  }
  const rank = new Map(chosen.map((c, i) => [c.id, i]))
  const priority = (id: string): [number, number, string] => [PROXIMITY[kb.muscles.get(id)!.group], rank.get(id)!, id]
  const cmp = (a: string, b: string): number => {
    const x = priority(a)
    const y = priority(b)
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : 1)
  }
  const done = new Set<string>()
  const order: string[] = []
  while (order.length < chosen.length) {
    const ready = chosen.map((c) => c.id).filter((id) => !done.has(id) && [...before.get(id)!].every((b) => done.has(b)))
    // A cycle (two muscles referring into each other) is broken by the same priority.
    const next = (ready.length > 0 ? ready : chosen.map((c) => c.id).filter((id) => !done.has(id))).sort(cmp)[0]!
    done.add(next)
    order.push(next)
  }
  return order.map((id, i) => {
    const { result } = muscles.find((m) => m.muscle.id === id)!
    const firsts = [...before.get(id)!].filter((b) => order.indexOf(b) < i).map((b) => kb.muscles.get(b)!.name)
    const side = result.sides.length === 2 ? 'both' : result.sides.length === 1 ? result.sides[0]! : 'unspecified'
    return {
      order: i + 1,
      ...kb.focusTemplates.get(id)!,
      side,
      reason: firsts.length > 0
        ? `After ${firsts.join(' and ')}: worked first as ${firsts.length === 1 ? 'its source or key muscle' : 'its sources or key muscles'}`
        : i === 0 ? 'First: the most proximal source of the reported pain' : 'Proximal before distal, higher score first',
    }
  })
}
