/**
 * The fixed benchmark inputs, taken from the clinical cases in test/cases/: every request with 1-3
 * complaints or free text, plus deterministic 4-complaint merges, and ~200-character messages built
 * from the cases' free text. Same inputs on every run, so figures compare across runs.
 */
import { readFileSync } from 'node:fs'
import type { RecommendationRequest } from '../src/services/recommendations.js'

const CASE_FILES = ['conditions', 'musculoskeletal', 'red-flags']

function loadCases(): RecommendationRequest[] {
  return CASE_FILES.flatMap((f) => {
    const cases = JSON.parse(readFileSync(new URL(`../test/cases/${f}.json`, import.meta.url), 'utf8')) as { request: RecommendationRequest }[]
    return cases.map((c) => c.request)
  })
}

/** Requests with 1-4 complaints, with and without text (at least 50). */
export function engineInputs(): RecommendationRequest[] {
  const cases = loadCases()
  const picked = cases.filter((r) => (r.complaints?.length ?? 0) >= 1 || r.text !== undefined)
  // Four-complaint requests: the complaints of two consecutive two-complaint cases, merged.
  const two = cases.filter((r) => r.complaints?.length === 2 && !r.signs?.length)
  const merged: RecommendationRequest[] = []
  for (let i = 0; i + 1 < two.length && merged.length < 8; i += 2) {
    const a = two[i]!
    const b = two[i + 1]!
    const regions = new Set(a.complaints!.map((c) => c.region))
    if (b.complaints!.some((c) => regions.has(c.region))) continue
    merged.push({ complaints: [...a.complaints!, ...b.complaints!], contexts: [...new Set([...(a.contexts ?? []), ...(b.contexts ?? [])])] })
  }
  return [...picked, ...merged]
}

/** Messages of about 200 characters: case texts joined in order, cut at a word boundary. */
export function textMessages(): string[] {
  const texts = loadCases().map((r) => r.text).filter((t): t is string => t !== undefined)
  return texts.map((_, i) => {
    let msg = ''
    for (let j = i; msg.length < 190; j++) msg += (msg ? '. ' : '') + texts[j % texts.length]!
    const cut = msg.lastIndexOf(' ', 210)
    return msg.length <= 210 ? msg : msg.slice(0, cut)
  })
}

/**
 * The bodies the HTTP benchmark posts: one structured request (sent again and again, so after the
 * first it is answered from the server's answer cache), one ~200-character text, and `distinct`:
 * every structured case request at every age from 18 to 90, in a fixed shuffled order, about 11,000
 * bodies, more than the answer cache holds, so cycling through them never hits it.
 */
export function httpBodies(): { structured: string; text: string; distinct: string[] } {
  const structured = loadCases().filter((r) => r.text === undefined && (r.complaints?.length ?? 0) >= 1)
  const distinct: string[] = []
  for (let age = 18; age <= 90; age++) for (const r of structured) distinct.push(JSON.stringify({ ...r, age }))
  // A fixed pseudo-random order (LCG), so consecutive requests differ in more than their age.
  let seed = 12345
  for (let i = distinct.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    const j = seed % (i + 1)
    ;[distinct[i], distinct[j]] = [distinct[j]!, distinct[i]!]
  }
  return {
    structured: JSON.stringify({ complaints: [{ region: 'temple', side: 'right', sensations: ['aching'] }, { region: 'back-of-neck', side: 'right', sensations: ['stiffness'] }], contexts: ['desk-work'], age: 45 }),
    text: JSON.stringify({ text: textMessages()[0] }),
    distinct,
  }
}
