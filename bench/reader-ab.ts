/**
 * A/B timing of two checkouts' free-text readers (`understand()`) in one process, on the benchmark's
 * ~200-character messages and each checkout's own seed. The two run in alternating bursts, order
 * flipped every round, so a noisy machine slows both alike; prints each median and new/old.
 *
 * usage: npx tsx bench/reader-ab.ts <oldRoot> [newRoot] [rounds]
 *   oldRoot: a checkout of the baseline (`git worktree add /tmp/base <commit>`, node_modules linked)
 *   newRoot: this checkout (default)
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { textMessages } from './inputs.js'
import { median } from './stats.js'

const [oldRoot, newRoot = '.', roundsArg = '300'] = process.argv.slice(2)
if (!oldRoot) {
  console.error('usage: npx tsx bench/reader-ab.ts <oldRoot> [newRoot] [rounds]')
  process.exit(2)
}
const rounds = Number(roundsArg)
const messages = textMessages()

/* eslint-disable @typescript-eslint/no-explicit-any -- two checkouts' modules, loaded by path */
async function load(root: string): Promise<(text: string) => number> {
  const from = (path: string): Promise<any> => import(pathToFileURL(resolve(root, path)).href)
  const { loadSeed } = await from('src/kb/loader.ts')
  const { SEED_DIR } = await from('src/kb/paths.ts')
  const { compileKnowledgeBase } = await from('src/engine/compile.ts')
  const { understand } = await from('src/engine/understand.ts')
  const { kb, version } = loadSeed(SEED_DIR)
  const compiled = compileKnowledgeBase(kb, version)
  return (text) => understand(compiled, text).complaints.length
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const readers = [await load(oldRoot), await load(newRoot)]
const times: number[][] = [[], []]
let sink = 0
for (let w = 0; w < 50; w++) for (const read of readers) for (const m of messages) sink += read(m)
for (let r = 0; r < rounds; r++) {
  for (const k of r % 2 ? [1, 0] : [0, 1]) {
    for (const m of messages) {
      const t0 = process.hrtime.bigint()
      sink += readers[k]!(m)
      times[k]!.push(Number(process.hrtime.bigint() - t0) / 1000)
    }
  }
}
const [before, after] = times.map((t) => median(t))
console.log(`understand() median: old ${before!.toFixed(1)} µs, new ${after!.toFixed(1)} µs, new/old ${(after! / before!).toFixed(3)} (${rounds} rounds, ${messages.length} messages, ${sink} complaints read)`)
