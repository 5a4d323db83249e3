/**
 * Serialises a recommendation to JSON. The knowledge-base parts of an answer (trigger points,
 * focus-plan texts, muscle names, explanation texts) never change while serving, so their JSON is
 * built once per knowledge-base load and spliced in; only what depends on the request is stringified
 * per call. Output matches RecommendationResponseSchema (a test compares it with the schema
 * serialiser's on every clinical case).
 */
import type { CompiledKb } from '../engine/compile.js'
import type { Contribution } from '../engine/types.js'
import { DISCLAIMER, type RecommendationResponse } from './recommendations.js'

const j = JSON.stringify

/** A number as JSON (finite numbers print the same in JSON and String; JSON has no NaN). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null'
}

/** Build a serialiser with the static fragments of a knowledge base. */
export function createRecommendationJson(kb: CompiledKb): (r: RecommendationResponse) => string {
  const triggerPoints = new Map<string, string>()
  const focus = new Map<string, string>()
  // Every string the compiled knowledge base can put in an answer's muscles, escaped once. Only
  // filled here, so it cannot grow while serving; request-made strings (coverage, entrapment,
  // condition ranks) are escaped per call.
  const strings = new Map<string, string>()
  const keep = (s: string): void => {
    if (!strings.has(s)) strings.set(s, j(s))
  }
  for (const m of kb.kb.muscles) {
    keep(m.id)
    keep(m.name)
    triggerPoints.set(m.id, j(m.triggerPoints.map((tp) => ({ id: tp.id, location: tp.location, landmark: tp.landmark, palpation: tp.palpation, position: tp.position }))))
    const t = kb.focus.templates.get(m.id)!
    // Joined, so the fragment is one flat string rather than a rope walked again on every answer.
    focus.set(m.id, [`"muscle":${j(t.muscle)},"name":${j(t.name)},"area":${j(t.area)},"technique":${j(t.technique)},"techniques":${j(t.techniques)},`,
      `"position":${j(t.position)},"pressure":${j(t.pressure)},"duration":${j(t.duration)},"cautions":${j(t.cautions)},"selfCare":${j(t.selfCare)}`].join(''))
  }
  for (const edges of kb.scoring.reach.values()) {
    for (const e of edges) {
      keep(e.ref)
      for (const d of Object.values(e.detail)) keep(d)
      if (e.guide) {
        keep(e.guide.ref)
        keep(e.guide.detail)
      }
    }
  }
  for (const details of [...kb.scoring.symptomDetails.values(), ...kb.scoring.contextDetails.values()]) {
    for (const [ref, d] of details) {
      keep(ref)
      keep(d)
    }
  }
  for (const r of kb.kb.rules) {
    keep(r.id)
    keep(r.description)
  }
  for (const q of kb.kb.questions) {
    keep(q.id)
    keep(q.text)
  }
  keep(kb.version)
  keep(DISCLAIMER)
  const str = (s: string): string => strings.get(s) ?? j(s)

  // The answer is gathered as parts and joined once: Array#join writes one flat string, where `+=`
  // built a rope of a thousand nodes that the socket write then flattened node by node.
  const explanation = (parts: string[], list: readonly Contribution[]): void => {
    parts.push('[')
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!
      // kind is one of a few fixed identifiers: nothing to escape.
      parts.push(i ? ',{"kind":"' : '{"kind":"', c.kind, '","ref":', str(c.ref), ',"weight":', num(c.weight), ',"detail":', str(c.detail), '}')
    }
    parts.push(']')
  }

  return (r) => {
    const parts: string[] = ['{"kbVersion":', str(r.kbVersion), ',"triage":', j(r.triage), ',"interpreted":', j(r.interpreted), ',"muscles":[']
    for (let i = 0; i < r.muscles.length; i++) {
      const m = r.muscles[i]!
      // tier and sides are fixed identifiers ('left', 'right'): nothing to escape.
      parts.push(i ? ',{"id":' : '{"id":', str(m.id), ',"name":', str(m.name), ',"score":', num(m.score), ',"tier":"', m.tier, '","sides":[')
      for (let k = 0; k < m.sides.length; k++) parts.push(k ? ',"' : '"', m.sides[k]!, '"')
      parts.push('],"explanation":')
      explanation(parts, m.explanation)
      // A path of slug ids and a fixed side word: nothing to escape.
      parts.push(',"triggerPoints":', triggerPoints.get(m.id)!, ',"mapUrl":"', m.mapUrl, '"}')
    }
    parts.push('],"focusPlan":[')
    for (let i = 0; i < r.focusPlan.length; i++) {
      const s = r.focusPlan[i]!
      parts.push(i ? ',{"order":' : '{"order":', num(s.order), ',"side":"', s.side, '",', focus.get(s.muscle)!, ',"reason":', j(s.reason), '}')
    }
    parts.push('],"questions":[')
    for (let i = 0; i < r.questions.length; i++) {
      const q = r.questions[i]!
      parts.push(i ? ',{"id":' : '{"id":', str(q.id), ',"text":', str(q.text), ',"kind":"', q.kind, '","why":', j(q.why), q.options ? `,"options":${j(q.options)}}` : '}')
    }
    parts.push('],"mapUrl":', r.mapUrl === null ? 'null' : j(r.mapUrl), ',"disclaimer":', str(r.disclaimer), '}')
    return parts.join('')
  }
}
