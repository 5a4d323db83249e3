/**
 * `npm run recommend -- "free text"` or structured flags: runs the engine on the seed files and
 * prints a readable answer, for trying the engine without HTTP or a database.
 *
 *   npm run recommend -- "stabbing heel pain with my first steps in the morning"
 *   npm run recommend -- --region temple:right --context desk-work --age 45
 *   npm run recommend -- --condition plantar-fasciitis --answer ask-first-steps=yes --json
 */
import { parseArgs } from 'node:util'
import { compileKnowledgeBase } from '../engine/compile.js'
import type { Answer, Side } from '../engine/types.js'
import { AppError } from '../errors.js'
import { loadSeed } from '../kb/loader.js'
import { SEED_DIR } from '../kb/paths.js'
import { createRecommendationService, type Recommendation, type RecommendationRequest } from '../services/recommendations.js'

const USAGE = `usage: npm run recommend -- ["free text"] [--region id[:left|right|both]]... [--sensation id]...
         [--context id]... [--condition id]... [--sign id]... [--answer question=yes|no|unknown]...
         [--age N] [--limit N] [--json]`

function parse(argv: string[]): { req: RecommendationRequest; json: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      region: { type: 'string', multiple: true }, sensation: { type: 'string', multiple: true }, context: { type: 'string', multiple: true },
      condition: { type: 'string', multiple: true }, sign: { type: 'string', multiple: true }, answer: { type: 'string', multiple: true },
      age: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const sensations = values.sensation ?? []
  const req: RecommendationRequest = {
    ...(values.region ? { complaints: values.region.map((r) => {
      const [region, side] = r.split(':') as [string, Side | undefined]
      return { region, ...(side ? { side } : {}), sensations }
    }) } : {}),
    ...(values.context ? { contexts: values.context } : {}),
    ...(values.condition ? { conditions: values.condition } : {}),
    ...(values.sign ? { signs: values.sign } : {}),
    ...(values.answer ? { answers: Object.fromEntries(values.answer.map((a) => a.split('=') as [string, Answer])) } : {}),
    ...(positionals.length > 0 ? { text: positionals.join(' ') } : {}),
    ...(values.age !== undefined ? { age: Number(values.age) } : {}),
    ...(values.limit !== undefined ? { limit: Number(values.limit) } : {}),
  }
  return { req, json: values.json ?? false }
}

function print(r: Recommendation): void {
  const out: string[] = []
  out.push(`knowledge base ${r.kbVersion}`)
  const understood = [
    ...r.interpreted.complaints.map((c) => `${c.label}${c.side ? ` (${c.side})` : ''}${c.sensations.length ? `: ${c.sensations.join(', ')}` : ''}`),
    ...r.interpreted.conditions.map((c) => `condition ${c}`), ...r.interpreted.contexts.map((c) => `context ${c}`),
    ...r.interpreted.signs.map((s) => `sign ${s}`), ...r.interpreted.negated.map((n) => `not ${n}`),
  ]
  out.push(`understood: ${understood.join('; ') || 'nothing'}`)
  if (r.interpreted.unrecognized.length) out.push(`not understood: ${r.interpreted.unrecognized.join(', ')}`)
  out.push('', `TRIAGE: ${r.triage.level.toUpperCase()}`)
  for (const f of r.triage.flags) out.push(`  [${f.level}] ${f.title}`, `    ${f.advice}`, `    because: ${f.because.map((b) => b.label).join('; ')}`)
  if (r.muscles.length) {
    out.push('', 'MUSCLES commonly associated with this pattern:')
    r.muscles.forEach((m, i) => {
      out.push(`  ${String(i + 1).padStart(2)}. ${m.name} (${m.tier}, score ${m.score}, ${m.sides.join('+')})`)
      for (const e of m.explanation) out.push(`      ${e.weight >= 0 ? '+' : ''}${e.weight} ${e.kind}: ${e.detail}`)
    })
  }
  if (r.focusPlan.length) {
    out.push('', 'FOCUS PLAN:')
    for (const s of r.focusPlan) {
      out.push(`  ${s.order}. ${s.name} (${s.side}): ${s.technique}`)
      out.push(`     where: ${s.area}`, `     position: ${s.position}`, `     pressure: ${s.pressure}`, `     duration: ${s.duration}`)
      if (s.cautions.length) out.push(`     cautions: ${s.cautions.join(' ')}`)
      out.push(`     (${s.reason})`)
    }
  }
  if (r.questions.length) {
    out.push('', 'ASK NEXT:')
    for (const q of r.questions) out.push(`  - ${q.text}  [${q.id}: ${q.why}]`)
  }
  out.push('', r.disclaimer)
  console.log(out.join('\n'))
}

try {
  const { req, json } = parse(process.argv.slice(2))
  const seed = loadSeed(SEED_DIR)
  const result = createRecommendationService(compileKnowledgeBase(seed.kb, seed.version)).recommend(req)
  if (json) console.log(JSON.stringify(result, null, 2))
  else print(result)
} catch (err) {
  if (err instanceof AppError) console.error(`recommend: ${err.detail}`)
  else console.error(`recommend: ${(err as Error).message}\n${USAGE}`)
  process.exit(1)
}
