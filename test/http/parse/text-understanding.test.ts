/**
 * Free-text understanding measured on the project's phrase corpus (test/text-cases/*.json):
 * micro-averaged precision and recall of regions, sensations and negations through POST /v1/parse,
 * plus side, context, condition, sign, age and onset accuracy. Prints them; fails below 0.9.
 * A second, held-out corpus (test/text-cases-holdout/, written blind and never tuned against) is
 * measured the same way and guarded at 0.75, to show how the reader does on phrasing it has not seen.
 */
import { readdirSync, readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'

interface TextCase {
  id: string
  text: string
  expect: {
    regions: { id: string; side: string | null }[]; sensations: string[]; negated: string[]
    contexts: string[]; conditions: string[]; signs: string[]; age: number | null; onset: string | null
  }
}
interface Parsed {
  complaints: { region: string; side: string | null; sensations: string[] }[]
  sensations: { id: string }[]; contexts: { id: string }[]; conditions: { id: string }[]; signs: { id: string }[]
  negated: { fact: string }[]; age: number | null; onset: { kind: string } | null
}

function corpus(dir: string): TextCase[] {
  const url = new URL(dir, import.meta.url)
  return readdirSync(url).filter((f) => f.endsWith('.json')).sort().flatMap((f) => JSON.parse(readFileSync(new URL(f, url), 'utf8')) as TextCase[])
}

class Tally {
  tp = 0
  fp = 0
  fn = 0
  misses: string[] = []
  add(id: string, expected: string[], got: string[]): void {
    const e = new Set(expected)
    const g = new Set(got)
    for (const x of g) if (e.has(x)) this.tp++; else { this.fp++; this.misses.push(`${id}: extra ${x}`) }
    for (const x of e) if (!g.has(x)) { this.fn++; this.misses.push(`${id}: missed ${x}`) }
  }
  get precision(): number { return this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp) }
  get recall(): number { return this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn) }
}

function measure(name: string, cases: TextCase[], bar: number): void {
describe(`free-text understanding (${name})`, () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  const t = { regions: new Tally(), sensations: new Tally(), negations: new Tally(), contexts: new Tally(), conditions: new Tally(), signs: new Tally() }
  let sideRight = 0
  let sideTotal = 0
  let ageRight = 0
  let onsetRight = 0
  beforeAll(async () => {
    ({ app, http } = await testApp())
    for (const c of cases) {
      const res = await http.post('/v1/parse').send({ text: c.text })
      if (res.status !== 200) throw new Error(`${c.id}: HTTP ${res.status}`)
      const p = res.body as Parsed
      t.regions.add(c.id, c.expect.regions.map((r) => r.id), p.complaints.map((x) => x.region))
      t.sensations.add(c.id, c.expect.sensations, [...p.complaints.flatMap((x) => x.sensations), ...p.sensations.map((x) => x.id)])
      t.negations.add(c.id, c.expect.negated, p.negated.map((x) => x.fact))
      t.contexts.add(c.id, c.expect.contexts, p.contexts.map((x) => x.id))
      t.conditions.add(c.id, c.expect.conditions, p.conditions.map((x) => x.id))
      t.signs.add(c.id, c.expect.signs, p.signs.map((x) => x.id))
      for (const r of c.expect.regions) {
        const got = p.complaints.find((x) => x.region === r.id)
        if (!got) continue
        sideTotal++
        if ((got.side ?? null) === r.side) sideRight++
      }
      if ((p.age ?? null) === c.expect.age) ageRight++
      if ((p.onset?.kind ?? null) === c.expect.onset) onsetRight++
    }
  })
  afterAll(async () => app.close())

  it('has enough phrases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(bar >= 0.9 ? 150 : 100)
  })

  it(`reaches precision and recall >= ${bar} for regions, sensations and negations`, () => {
    const line = (name: string, x: Tally): string => `  ${name.padEnd(11)} precision ${x.precision.toFixed(3)}  recall ${x.recall.toFixed(3)}  (tp ${x.tp}, fp ${x.fp}, fn ${x.fn})`
    console.log([
      `${name}: ${cases.length} phrases`,
      line('regions', t.regions), line('sensations', t.sensations), line('negations', t.negations),
      line('contexts', t.contexts), line('conditions', t.conditions), line('signs', t.signs),
      `  side        ${(sideRight / sideTotal).toFixed(3)} of found regions (${sideRight}/${sideTotal})`,
      `  age         ${(ageRight / cases.length).toFixed(3)}   onset ${(onsetRight / cases.length).toFixed(3)}`,
    ].join('\n'))
    for (const k of ['regions', 'sensations', 'negations'] as const) {
      expect(t[k].precision, `${k} precision; misses:\n${t[k].misses.join('\n')}`).toBeGreaterThanOrEqual(bar)
      expect(t[k].recall, `${k} recall; misses:\n${t[k].misses.join('\n')}`).toBeGreaterThanOrEqual(bar)
    }
  })
})
}

measure('phrase corpus', corpus('../../text-cases/'), 0.9)
measure('held-out corpus', corpus('../../text-cases-holdout/'), 0.75)
