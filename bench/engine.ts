/**
 * In-process benchmarks of the real engine: the recommendation service (ids checked, text read,
 * engine run, answer shaped) on the compiled real seed, and free-text understanding alone. Each
 * call is timed with process.hrtime.bigint after a warm-up; loops are bounded in passes and time.
 */
import { compileKnowledgeBase, type CompiledKb } from '../src/engine/compile.js'
import { buildFacts } from '../src/engine/facts.js'
import { scoreMuscles } from '../src/engine/score.js'
import { understand } from '../src/engine/understand.js'
import { loadSeed } from '../src/kb/loader.js'
import { SEED_DIR } from '../src/kb/paths.js'
import { createRecommendationService, type RecommendationRequest } from '../src/services/recommendations.js'
import { round, Samples } from './stats.js'

export interface Timing {
  calls: number
  medianUs: number
  p99Us: number
}

export interface EngineTiming extends Timing {
  inputs: number
  withText: Timing
  structured: Timing
}

/** The compiled real knowledge base, as the server builds it. */
export function realKb(): CompiledKb {
  const { kb, version } = loadSeed(SEED_DIR)
  return compileKnowledgeBase(kb, version)
}

let sink = 0

function summary(s: Samples): Timing {
  return { calls: s.count, medianUs: round(s.q(0.5)), p99Us: round(s.q(0.99)) }
}

/**
 * Time one synchronous function over every input, `passes` times (bounded by `maxMs`).
 * Returns all samples and those of inputs marked by `mark`.
 */
export function timeEach<T>(inputs: T[], fn: (x: T) => number, opts: { warmup: number; passes: number; maxMs: number; mark?: (x: T) => boolean }): { all: Samples; marked: Samples; other: Samples } {
  for (let p = 0; p < opts.warmup; p++) for (const x of inputs) sink += fn(x)
  const cap = inputs.length * opts.passes
  const all = new Samples(cap)
  const marked = new Samples(cap)
  const other = new Samples(cap)
  const deadline = performance.now() + opts.maxMs
  for (let p = 0; p < opts.passes && performance.now() < deadline; p++) {
    for (const x of inputs) {
      const t0 = process.hrtime.bigint()
      sink += fn(x)
      const us = Number(process.hrtime.bigint() - t0) / 1000
      all.add(us)
      ;(opts.mark?.(x) ? marked : other).add(us)
    }
  }
  return { all, marked, other }
}

/** Median and p99 µs per recommendation through the service, on the given inputs. */
export function benchEngine(kb: CompiledKb, inputs: RecommendationRequest[]): EngineTiming {
  const service = createRecommendationService(kb)
  for (const req of inputs) service.recommend(req) // throws on an input the knowledge base rejects
  const r = timeEach(inputs, (req) => service.recommend(req).muscles.length, {
    warmup: 30, passes: 200, maxMs: 8000, mark: (req) => req.text !== undefined,
  })
  return { inputs: inputs.length, ...summary(r.all), withText: summary(r.marked), structured: summary(r.other) }
}

/**
 * Median and p99 µs of the same logic json-rules-engine is given, with the same preprocessing:
 * the request prepared (text read), referral zones and rules scored, ranked. No triage advice,
 * questions or focus plan, which the baseline does not do either.
 */
export function benchScoring(kb: CompiledKb, inputs: RecommendationRequest[]): Timing {
  const service = createRecommendationService(kb)
  const r = timeEach(inputs, (req) => {
    const input = service.prepare(req)
    const scored = [...scoreMuscles(kb, input, buildFacts(kb, input)).values()].sort((a, b) => b.score - a.score || (a.muscle.id < b.muscle.id ? -1 : 1))
    return scored.length
  }, { warmup: 30, passes: 200, maxMs: 5000 })
  return summary(r.all)
}

/** Median and p99 µs per message for free-text understanding. */
export function benchText(kb: CompiledKb, messages: string[]): Timing & { messages: number; meanChars: number } {
  const r = timeEach(messages, (m) => understand(kb, m).complaints.length, { warmup: 100, passes: 1000, maxMs: 5000 })
  const meanChars = Math.round(messages.reduce((n, m) => n + m.length, 0) / messages.length)
  return { messages: messages.length, meanChars, ...summary(r.all) }
}

/** Keeps the results observable so the timed calls cannot be optimised away. */
export const engineSink = (): number => sink

/** The reader on hostile text of the full length against ordinary text of the same length. */
export interface HostileTiming {
  ordinaryUs: number
  worst: { name: string; medianUs: number; ratio: number }
  all: { name: string; medianUs: number; ratio: number }[]
}

/**
 * Median µs per 2,000-character input: ordinary messages, and each hostile input (bench/hostile-text.ts).
 * Each hostile input is timed in alternation with the ordinary text (8 rounds of 5 reads each), and its
 * ratio is to the ordinary text's median over those same rounds, so a machine that slows down part way
 * through the step slows both sides of a ratio alike.
 */
export function benchHostileText(kb: CompiledKb, ordinary: string, hostile: { name: string; text: string }[]): HostileTiming {
  const time = (text: string): number => summary(timeEach([text], (t) => understand(kb, t).complaints.length, { warmup: 1, passes: 5, maxMs: 500 }).all).medianUs
  const middle = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const ordinaryRounds: number[] = []
  const all = hostile.map((h) => {
    const mine: number[] = []
    const theirs: number[] = []
    for (let r = 0; r < 8; r++) {
      theirs.push(time(ordinary))
      mine.push(time(h.text))
    }
    ordinaryRounds.push(...theirs)
    const medianUs = middle(mine)
    return { name: h.name, medianUs, ratio: round(medianUs / middle(theirs)) }
  })
  const ordinaryUs = round(middle(ordinaryRounds))
  const worst = all.reduce((a, b) => (b.ratio > a.ratio ? b : a))
  return { ordinaryUs, worst, all }
}
