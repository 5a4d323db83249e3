/**
 * Serialises a recommendation to JSON. The knowledge-base parts of an answer (trigger points,
 * focus-plan texts) never change while serving, so their JSON is built once per knowledge-base load
 * and spliced in; only what depends on the request is stringified per call. Output matches
 * RecommendationResponseSchema (a test compares it with the schema serialiser's).
 */
import type { CompiledKb } from '../engine/compile.js'
import type { RecommendationResponse } from './recommendations.js'

const j = JSON.stringify

/** Build a serialiser with the static fragments of a knowledge base. */
export function createRecommendationJson(kb: CompiledKb): (r: RecommendationResponse) => string {
  const triggerPoints = new Map<string, string>()
  const focus = new Map<string, string>()
  for (const m of kb.kb.muscles) {
    triggerPoints.set(m.id, j(m.triggerPoints.map((tp) => ({ id: tp.id, location: tp.location, landmark: tp.landmark, palpation: tp.palpation, position: tp.position }))))
    const t = kb.focusTemplates.get(m.id)!
    focus.set(m.id, `"muscle":${j(t.muscle)},"name":${j(t.name)},"area":${j(t.area)},"technique":${j(t.technique)},"techniques":${j(t.techniques)},` +
      `"position":${j(t.position)},"pressure":${j(t.pressure)},"duration":${j(t.duration)},"cautions":${j(t.cautions)},"selfCare":${j(t.selfCare)}`)
  }
  return (r) => {
    let out = `{"kbVersion":${j(r.kbVersion)},"triage":${j(r.triage)},"interpreted":${j(r.interpreted)},"muscles":[`
    r.muscles.forEach((m, i) => {
      out += `${i ? ',' : ''}{"id":${j(m.id)},"name":${j(m.name)},"score":${j(m.score)},"tier":${j(m.tier)},"sides":${j(m.sides)},` +
        `"explanation":${j(m.explanation)},"triggerPoints":${triggerPoints.get(m.id)!}}`
    })
    out += '],"focusPlan":['
    r.focusPlan.forEach((s, i) => {
      out += `${i ? ',' : ''}{"order":${s.order},"side":${j(s.side)},${focus.get(s.muscle)!},"reason":${j(s.reason)}}`
    })
    return `${out}],"questions":${j(r.questions)},"disclaimer":${j(r.disclaimer)}}`
  }
}
