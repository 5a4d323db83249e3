/**
 * Measures the API on patient-message sets: the shared development corpus (../shared/corpus) and our
 * blind sets (test/messages-blind/). Prints the figures per set (and, of the red flags the text does not refer, how
 * many get a screening question first); `--details` adds the misses, except
 * for the held-out sets B, F, G, I, L, M, O, Q, S, U, W and Y, whose messages nobody tuning the reader may read (figures only).
 *   npm run eval:messages [-- --details] [-- --only corpus|set-a|...|set-g]
 */
import { existsSync, readdirSync } from 'node:fs'
import { buildApp } from '../src/http/app.js'
import { loadConfig } from '../src/config.js'
import { BLIND_DIR, CORPUS_PATH, describeFigures, loadMessageSet, muscleNameIndex, scoreMessages, type MessageOutcome, type MessageSet } from '../test/helpers/messages.js'

const args = process.argv.slice(2)
const details = args.includes('--details')
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const REFERRED = new Set(['urgent', 'emergency'])
const HELD_OUT = new Set(['set-b', 'set-f', 'set-g', 'set-i', 'set-l', 'set-m', 'set-o', 'set-q', 'set-s', 'set-u', 'set-w', 'set-y'])

const sets: { key: string; set: MessageSet }[] = []
const corpus = loadMessageSet(CORPUS_PATH)
if (corpus) sets.push({ key: 'corpus', set: corpus })
else console.log('corpus: ../shared/corpus/messages.json not found, skipped')
// A checkout without the blind sets (they are added on their own branch) measures the corpus only.
for (const f of existsSync(BLIND_DIR) ? readdirSync(BLIND_DIR).filter((x) => x.endsWith('.json')).sort() : []) {
  const set = loadMessageSet(new URL(f, BLIND_DIR))
  if (set) sets.push({ key: f.replace(/\.json$/, ''), set })
}

const app = await buildApp(loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' }))
await app.ready()
const idsOf = muscleNameIndex(app.kb.kb.muscles)
for (const { key, set } of sets) {
  if (only && key !== only) continue
  const outcomes: MessageOutcome[] = []
  let missed = 0
  let screenedFirst = 0
  for (const c of set.cases) {
    const res = await app.inject({ method: 'POST', url: '/v1/recommendations', payload: { text: c.text } })
    if (res.statusCode !== 200) {
      console.log(`${key}/${HELD_OUT.has(key) ? '(held out)' : c.id}: HTTP ${res.statusCode}`)
      continue
    }
    const body = res.json() as { triage: { level: string; flags: { id: string }[]; possible?: { id: string; questionIds: string[] }[] }; muscles: { id: string }[]; questions: { id: string }[] }
    outcomes.push({ c, level: body.triage.level, flags: body.triage.flags.map((f) => f.id), possible: (body.triage.possible ?? []).map((p) => p.id), muscles: body.muscles.map((m) => m.id), questions: body.questions.length })
    // A red flag the text does not refer: is a screening question of a family it touches asked first?
    if (c.red_flag && !REFERRED.has(body.triage.level)) {
      missed += 1
      const screens = new Set((body.triage.possible ?? []).flatMap((p) => p.questionIds))
      if (body.questions[0] && screens.has(body.questions[0].id)) screenedFirst += 1
    }
  }
  const figures = scoreMessages(outcomes, idsOf)
  console.log(describeFigures(`${key} (${set.cases.length} messages)`, figures).join('\n'))
  console.log(`  not referred, screened first ${screenedFirst}/${missed}`)
  if (details && !HELD_OUT.has(key)) {
    for (const [kind, list] of Object.entries(figures.misses)) {
      if (list.length) console.log(`  ${kind}:\n${list.map((l) => `    ${l}`).join('\n')}`)
    }
  }
}
await app.close()
