import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'

describe('POST /v1/parse and GET /v1/search', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  beforeAll(async () => ({ app, http } = await testApp()))
  afterAll(async () => app.close())
  const parse = async (text: string) => (await http.post('/v1/parse').send({ text }).expect(200)).body

  it('understands regions with side, contexts and negations, each with its span', async () => {
    const text = 'my right heel kills me with the first steps in the morning, no numbness'
    const res = await http.post('/v1/parse').send({ text }).expect(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['cache-control']).toBe('no-store')
    const b = res.body
    expect(b.kbVersion).toBe(app.kb.version)
    expect(b.complaints).toEqual([{ region: 'heel', label: 'Heel', side: 'right', sensations: ['pain'], span: [9, 13] }])
    expect(text.slice(...(b.complaints[0].span as [number, number]))).toBe('heel')
    expect(b.contexts.map((c: { id: string }) => c.id)).toEqual(['first-steps-morning'])
    expect(b.negated).toEqual([{ fact: 'sensation:numbness', label: 'Numbness', span: [63, 71] }])
    expect(b.triage).toEqual({ level: 'none', flags: [], possible: [] })
  })

  it('reads misspellings, run-together words, both sides, several complaints, age and onset', async () => {
    const b = await parse("I'm 52. My left shoulderblade aches and my right knee is stiff, tingeling in both hands for three weeks")
    expect(b.complaints.map((c: { region: string; side: string; sensations: string[] }) => [c.region, c.side, c.sensations])).toEqual([
      ['shoulder-blade', 'left', ['aching']], ['knee', 'right', ['stiffness']], ['wrist-hand', 'both', ['tingling']],
    ])
    expect(b.age).toBe(52)
    expect(b.onset).toMatchObject({ kind: 'duration', text: 'for three weeks', days: 21 })
    const c = await parse('plantar fascitis and tmj, it came on suddenly')
    expect(c.conditions.map((x: { id: string }) => x.id)).toEqual(['plantar-fasciitis', 'tmj-disorders'])
    expect(c.onset.kind).toBe('sudden')
  })

  it.each([
    ['the worst headache of my life', 'thunderclap-headache', 'emergency'],
    ["I can't feel my bottom and can't control my bladder", 'cauda-equina', 'emergency'],
    ['my calf is swollen and hot after a long flight', 'deep-vein-thrombosis', 'urgent'],
  ])('red-flag phrasing %j reaches the red-flag rules', async (text, flag, level) => {
    const b = await parse(text)
    expect(b.triage.flags.map((f: { id: string }) => f.id)).toContain(flag)
    expect(b.triage.level).toBe(level)
  })

  it('reads "the left side of my neck" as the side of the neck, on the left, wherever it stands in the sentence', async () => {
    for (const text of ['left side of my neck hurts', 'pain down the left side of my neck', 'an ache in the right side of my neck']) {
      const b = await parse(text)
      expect(b.complaints.map((c: { region: string; side: string }) => [c.region, c.side]), text).toEqual([['side-of-neck', text.includes('left') ? 'left' : 'right']])
    }
  })

  it('lists words it could not place, and accepts text it cannot place at all', async () => {
    const b = await parse('blorft zimzam heel')
    expect(b.unrecognized.map((u: { word: string }) => u.word)).toEqual(['blorft', 'zimzam'])
    expect(b.complaints[0].region).toBe('heel')
  })

  it('caps text at 2,000 characters with a 413 and rejects an empty one', async () => {
    const long = await http.post('/v1/parse').send({ text: 'a'.repeat(2001) }).expect(413)
    expect(long.body.code).toBe('NMT_ERR_TEXT_TOO_LONG')
    const empty = await http.post('/v1/parse').send({ text: '' }).expect(400)
    expect(empty.body.errors[0].path).toBe('body/text')
  })

  it.each([
    ['shoul', 'region', 'shoulder'],
    ['plantar fascitis', 'condition', 'plantar-fasciitis'],
    ['SCM', 'muscle', 'sternocleidomastoid-clavicular'],
    ['peroneus long', 'muscle', 'fibularis-longus'],
    ['tingeling', 'sensation', 'tingling'],
    ['first steps', 'context', 'first-steps-morning'],
    ['hamstrng', 'region', 'back-of-thigh'],
  ])('search %j finds %s %s near the top, by lay or professional name, typos included', async (q, type, id) => {
    const res = await http.get('/v1/search').query({ q, limit: 5 }).expect(200)
    expect(res.headers.etag).toBe(`"kb-${app.kb.version}"`)
    const hit = res.body.items.findIndex((i: { type: string; id: string }) => i.type === type && i.id === id)
    expect(hit).toBeGreaterThanOrEqual(0)
    expect(hit).toBeLessThan(3)
    expect(res.body.items[hit].matched).toEqual(expect.any(String))
  })

  it('search filters by type and limit, and rejects bad input', async () => {
    const res = await http.get('/v1/search').query({ q: 'heel', type: 'muscle', limit: 3 }).expect(200)
    expect(res.body.items.length).toBeLessThanOrEqual(3)
    expect(res.body.items.every((i: { type: string }) => i.type === 'muscle')).toBe(true)
    await http.get('/v1/search').query({ q: 'heel', type: 'organ' }).expect(400)
    await http.get('/v1/search').expect(400)
    await http.get('/v1/search').query({ q: 'x'.repeat(101) }).expect(400)
  })
})
