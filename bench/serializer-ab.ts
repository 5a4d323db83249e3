/**
 * `npx tsx bench/serializer-ab.ts`: the recommendation answer written by the hand-made writer
 * (services/recommendation-json.ts) against fast-json-stringify compiled from the 200 response
 * schema (what Fastify compiles for a route's response). Same distinct answers for both (every
 * body of the HTTP benchmark's distinct set), timed in alternating bursts so that noise from other
 * processes falls on both alike; the median burst of each is reported. Four views: the serialiser
 * alone; with the UTF-8 encoding a sent answer needs; a whole answer (engine, serialiser,
 * encoding); and through Fastify (app.inject), a route sending the hand-written Buffer against one
 * returning the answer for Fastify's compiled serializer. First checks that both write the same
 * bytes for every answer. ROUNDS (default 40) bursts of BURST answers each.
 */
import Fastify from 'fastify'
import fastJson from 'fast-json-stringify'
import { RecommendationRequestSchema, RecommendationResponseSchema } from '../src/contract/recommendations.js'
import { createRecommendationJson } from '../src/services/recommendation-json.js'
import { createRecommendationService, type RecommendationRequest } from '../src/services/recommendations.js'
import { realKb } from './engine.js'
import { httpBodies } from './inputs.js'
import { median, round } from './stats.js'

const BURST = Number(process.env.BURST ?? 200)
const ROUNDS = Number(process.env.ROUNDS ?? 40)

const kb = realKb()
const service = createRecommendationService(kb)
const hand = createRecommendationJson(kb)
const compiled = fastJson(RecommendationResponseSchema as never) as (r: unknown) => string
const bodies = httpBodies().distinct
const requests = bodies.map((b) => JSON.parse(b) as RecommendationRequest)
const answers = requests.map((r) => service.recommend(r))

let differ = 0
for (const a of answers) if (hand(a) !== compiled(a)) differ++
console.log(`${answers.length} distinct answers, ${differ} written differently`)

let sink = 0
/** One answer's worth of work on the i-th input; returns something to keep it from being optimised away. */
type Way = (i: number) => number | Promise<number>

/**
 * CPU microseconds (user + system, this process) per answer over one burst, starting at input
 * `from`. CPU time, not wall time: on a shared machine the wall clock also counts the time other
 * processes held the core.
 */
async function burst(way: Way, from: number): Promise<number> {
  const t0 = process.cpuUsage()
  for (let k = 0; k < BURST; k++) {
    const r = way((from + k) % answers.length)
    sink += typeof r === 'number' ? r : await r
  }
  const t = process.cpuUsage(t0)
  return (t.user + t.system) / BURST
}

async function ab(label: string, hw: Way, cw: Way): Promise<void> {
  const th: number[] = []
  const tc: number[] = []
  for (let r = -4; r < ROUNDS; r++) {
    const from = ((r + 4) * BURST) % answers.length
    // Alternate which goes first, so neither always runs second (on a warmer cache, or after the other's garbage).
    const [h, c] = r % 2 === 0 ? [await burst(hw, from), await burst(cw, from)] : [await burst(hw, from), await burst(cw, from)].reverse() as [number, number]
    if (r >= 0) {
      th.push(h)
      tc.push(c)
    }
  }
  const [mh, mc] = [median(th), median(tc)]
  console.log(`${label}: hand-written ${round(mh)} µs, compiled ${round(mc)} µs per answer (compiled ${mc >= mh ? '+' : ''}${round((mc / mh - 1) * 100, 1)} %)`)
}

await ab('serialiser alone', (i) => hand(answers[i]!).length, (i) => compiled(answers[i]!).length)
await ab('serialiser + UTF-8 Buffer', (i) => Buffer.from(hand(answers[i]!)).length, (i) => Buffer.from(compiled(answers[i]!)).length)
await ab('whole answer (engine + serialiser + Buffer)',
  (i) => Buffer.from(hand(service.recommend(requests[i]!))).length,
  (i) => Buffer.from(compiled(service.recommend(requests[i]!))).length)

// Through Fastify: two routes on one app, the same validation, only the serialisation differs.
const app = Fastify()
app.post<{ Body: RecommendationRequest }>('/hand', { schema: { body: RecommendationRequestSchema } }, (request, reply) => {
  reply.type('application/json; charset=utf-8').send(Buffer.from(hand(service.recommend(request.body))))
})
app.post<{ Body: RecommendationRequest }>('/compiled', { schema: { body: RecommendationRequestSchema, response: { 200: RecommendationResponseSchema } } },
  (request) => service.recommend(request.body))
await app.ready()
const inject = (url: string) => async (i: number): Promise<number> =>
  (await app.inject({ method: 'POST', url, payload: bodies[i]!, headers: { 'content-type': 'application/json' } })).rawPayload.length
await ab('through Fastify (inject, per request)', inject('/hand'), inject('/compiled'))
await app.close()
if (sink === 42) console.log('')
