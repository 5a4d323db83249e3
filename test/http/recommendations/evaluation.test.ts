/**
 * The clinical case suite (test/cases/*.json, written from the references, each with its source)
 * run through the real HTTP endpoint. Prints primary recall@5, a-primary-in-top-3, red-flag
 * sensitivity and the false-urgent rate, and fails below the product's bars.
 */
import { readdirSync, readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'

interface Case {
  id: string
  source: { source: string; locator?: string }
  note: string
  request: Record<string, unknown>
  expect: { primary: string[]; triage: 'none' | 'routine' | 'urgent' | 'emergency'; flags: string[] }
}
interface Outcome { c: Case; level: string; flags: string[]; top: string[] }

const CASES_DIR = new URL('../../cases/', import.meta.url)
const cases: Case[] = readdirSync(CASES_DIR).filter((f) => f.endsWith('.json')).sort()
  .flatMap((f) => JSON.parse(readFileSync(new URL(f, CASES_DIR), 'utf8')) as Case[])
const RANK = { none: 0, routine: 1, urgent: 2, emergency: 3 } as const

describe('clinical case suite', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  const outcomes: Outcome[] = []
  beforeAll(async () => {
    ({ app, http } = await testApp())
    for (const c of cases) {
      const res = await http.post('/v1/recommendations').send(c.request)
      if (res.status !== 200) throw new Error(`case ${c.id}: HTTP ${res.status} ${JSON.stringify(res.body)}`)
      outcomes.push({ c, level: res.body.triage.level, flags: res.body.triage.flags.map((f: { id: string }) => f.id), top: res.body.muscles.map((m: { id: string }) => m.id) })
    }
  })
  afterAll(async () => app.close())

  it('has at least 80 cases, each citing a known source, covering every condition (both forms) and every red flag', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(80)
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length)
    const sources = new Set(app.kb.kb.sources.map((s) => s.id))
    for (const c of cases) expect(sources.has(c.source.source), `${c.id} cites unknown source`).toBe(true)
    for (const cond of app.kb.kb.conditions) {
      expect(cases.some((c) => (c.request.conditions as string[] | undefined)?.includes(cond.id)), `no condition-id case for ${cond.id}`).toBe(true)
      expect(cases.some((c) => c.id === `structured-${cond.id}` && Array.isArray(c.request.complaints) && !c.request.conditions), `no structured case for ${cond.id}`).toBe(true)
    }
    for (const flag of app.kb.kb.redFlags) {
      expect(cases.some((c) => c.expect.flags.includes(flag.id) && !c.request.text), `no structured case for red flag ${flag.id}`).toBe(true)
    }
  })

  it('meets the bars: recall@5 >= 0.85, red-flag sensitivity 100 %, false urgent <= 2 %', () => {
    const ranked = outcomes.filter((o) => o.c.expect.primary.length > 0 && RANK[o.c.expect.triage] < RANK.urgent)
    const recall5 = ranked.reduce((a, o) => a + o.c.expect.primary.filter((m) => o.top.slice(0, 5).includes(m)).length / o.c.expect.primary.length, 0) / ranked.length
    const top3 = ranked.filter((o) => o.c.expect.primary.some((m) => o.top.slice(0, 3).includes(m))).length / ranked.length
    const flagged = outcomes.filter((o) => o.c.expect.flags.length > 0)
    const caught = flagged.filter((o) => o.c.expect.flags.every((f) => o.flags.includes(f)) && RANK[o.level as keyof typeof RANK] >= RANK[o.c.expect.triage])
    const benign = outcomes.filter((o) => RANK[o.c.expect.triage] < RANK.urgent)
    const falseUrgent = benign.filter((o) => RANK[o.level as keyof typeof RANK] >= RANK.urgent)
    const missed = flagged.filter((o) => !caught.includes(o)).map((o) => `${o.c.id} (got ${o.level}: ${o.flags.join(',')})`)
    const weak = ranked.filter((o) => !o.c.expect.primary.some((m) => o.top.slice(0, 5).includes(m))).map((o) => `${o.c.id}: want ${o.c.expect.primary.join(',')}; got ${o.top.slice(0, 5).join(',')}`)
    console.log([
      `case suite: ${cases.length} cases (${ranked.length} ranked, ${flagged.length} red-flag, ${benign.length} benign)`,
      `  primary recall@5        ${recall5.toFixed(3)}`,
      `  a primary in top 3      ${top3.toFixed(3)}`,
      `  red-flag sensitivity    ${(caught.length / flagged.length).toFixed(3)} (${caught.length}/${flagged.length})`,
      `  false urgent rate       ${(falseUrgent.length / benign.length).toFixed(3)} (${falseUrgent.length}/${benign.length})`,
      ...(missed.length ? ['  missed red flags:', ...missed.map((m) => `    ${m}`)] : []),
      ...(falseUrgent.length ? ['  false urgent:', ...falseUrgent.map((o) => `    ${o.c.id} (${o.flags.join(',')})`)] : []),
      ...(weak.length ? ['  no primary in top 5:', ...weak.map((w) => `    ${w}`)] : []),
    ].join('\n'))
    expect(recall5).toBeGreaterThanOrEqual(0.85)
    expect(missed).toEqual([])
    expect(falseUrgent.length / benign.length).toBeLessThanOrEqual(0.02)
  })
})
