/**
 * A/B timing of two checkouts' engines in one process, on the real seed: the free-text messages
 * (understand, then recommend) and the structured requests (recommend alone). The two engines run
 * in alternating bursts, so a noisy machine slows both alike; each burst passes over every input
 * once, timing each call. Also checks that both give the same answers.
 *
 * usage: npx tsx bench/engine-ab.ts [oldRoot] [newRoot] [rounds]
 *   oldRoot: a checkout of the baseline (e.g. `git worktree add /tmp/base <commit>` with node_modules linked)
 *   newRoot: this checkout (default)
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { engineInputs, textMessages } from './inputs.js'
import { median } from './stats.js'

interface Engine {
  name: string
  structured: (i: number) => number
  text: (i: number) => number
  answers: () => string
}

const structuredRequests = engineInputs().filter((r) => r.text === undefined)
const messages = textMessages()

const uniq = <T>(list: readonly T[]): T[] => [...new Set(list)]

/* eslint-disable @typescript-eslint/no-explicit-any -- two checkouts' modules, loaded by path */
async function load(name: string, root: string): Promise<Engine> {
  const from = (path: string): Promise<any> => import(pathToFileURL(resolve(root, path)).href)
  const { compileKnowledgeBase } = await from('src/engine/compile.ts')
  const { understand } = await from('src/engine/understand.ts')
  const { recommend } = await from('src/engine/recommend.ts')
  const { loadSeed } = await from('src/kb/loader.ts')
  const { SEED_DIR } = await from('src/kb/paths.ts')
  const { kb: seed, version } = loadSeed(SEED_DIR)
  const kb = compileKnowledgeBase(seed, version)
  const structured = structuredRequests.map((r) => ({
    complaints: (r.complaints ?? []).map((c) => ({ region: c.region, ...(c.side ? { side: c.side } : {}), sensations: uniq(c.sensations ?? []) })),
    conditions: uniq(r.conditions ?? []), contexts: uniq(r.contexts ?? []), signs: uniq(r.signs ?? []), sensations: [], negated: [],
    ...(r.age !== undefined ? { age: r.age } : {}), answers: r.answers ?? {}, limit: r.limit ?? 10,
  }))
  const fromText = (text: string): unknown => {
    const u = understand(kb, text)
    return recommend(kb, {
      complaints: u.complaints.map((c: any) => ({ region: c.region, ...(c.side ? { side: c.side } : {}), sensations: c.sensations })),
      conditions: uniq(u.conditions.map((x: any) => x.id)), contexts: uniq(u.contexts.map((x: any) => x.id)), signs: uniq(u.signs.map((x: any) => x.id)),
      sensations: uniq(u.sensations.map((x: any) => x.id)), negated: uniq(u.negated.map((x: any) => x.fact)),
      ...(u.age !== null ? { age: u.age } : {}), answers: {}, limit: 10,
    })
  }
  return {
    name,
    structured: (i) => recommend(kb, structured[i]).muscles.length,
    text: (i) => (fromText(messages[i]!) as any).muscles.length,
    answers: () => JSON.stringify([structured.map((x) => recommend(kb, x)), messages.map(fromText)]),
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let sink = 0

/** One pass over n inputs, each call timed in µs. */
function burst(fn: (i: number) => number, n: number, out: number[]): void {
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint()
    sink += fn(i)
    out.push(Number(process.hrtime.bigint() - t0) / 1000)
  }
}

const [oldRoot = '/tmp/wt-a-base', newRoot = process.cwd(), roundsArg = '300'] = process.argv.slice(2)
const engines = [await load('old', oldRoot), await load('new', newRoot)]
const same = engines[0]!.answers() === engines[1]!.answers()
const samples = engines.map(() => ({ structured: [] as number[], text: [] as number[] }))
// Per round, new median / old median: adjacent bursts share the machine's mood, so these ratios
// are steadier than the overall medians when other work comes and goes.
const ratios = { structured: [] as number[], text: [] as number[] }
for (let w = 0; w < 5; w++) {
  for (const e of engines) {
    burst(e.structured, structuredRequests.length, [])
    burst(e.text, messages.length, [])
  }
}
const rounds = Number(roundsArg)
for (let r = 0; r < rounds; r++) {
  // Alternate which goes first, so neither always runs right after the other's garbage.
  const order = r % 2 === 0 ? [0, 1] : [1, 0]
  for (const kind of ['structured', 'text'] as const) {
    const n = kind === 'structured' ? structuredRequests.length : messages.length
    const round = [[] as number[], [] as number[]]
    for (const k of order) burst(engines[k]![kind], n, round[k]!)
    ratios[kind].push(median(round[1]!) / median(round[0]!))
    for (const k of [0, 1]) samples[k]![kind].push(...round[k]!)
  }
}
const row = (kind: 'structured' | 'text'): string => {
  const [a, b] = samples.map((s) => median(s[kind]))
  return `${kind.padEnd(10)} old ${a!.toFixed(1)} µs  new ${b!.toFixed(1)} µs  new/old ${(b! / a!).toFixed(3)}  (median of per-round ratios ${median(ratios[kind]).toFixed(3)})`
}
console.log(`same answers: ${same}  (${structuredRequests.length} structured, ${messages.length} messages, ${rounds} rounds)`)
console.log(row('structured'))
console.log(row('text'))
if (sink < 0) console.log(sink)
