import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'

describe('POST /v1/recommendations', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  beforeAll(async () => ({ app, http } = await testApp()))
  afterAll(async () => app.close())
  const post = (body: unknown) => http.post('/v1/recommendations').send(body as object)

  it('answers a structured complaint with triage, interpretation, ranked muscles, a focus plan and questions', async () => {
    const res = await post({ complaints: [{ region: 'temple', side: 'right', sensations: ['aching'] }], contexts: ['desk-work'], age: 45 }).expect(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['cache-control']).toBe('no-store')
    const b = res.body
    expect(b.kbVersion).toBe(app.kb.version)
    expect(b.triage).toEqual({ level: 'none', flags: [], possible: [] })
    expect(b.interpreted.complaints).toEqual([{ region: 'temple', label: 'Temple', side: 'right', sensations: ['aching'], from: 'structured' }])
    const ids = b.muscles.map((m: { id: string }) => m.id)
    expect(ids.slice(0, 5)).toEqual(expect.arrayContaining(['upper-trapezius', 'temporalis']))
    for (const m of b.muscles) {
      expect(m.explanation.length).toBeGreaterThan(0)
      expect(m.explanation.reduce((a: number, e: { weight: number }) => a + e.weight, 0)).toBeCloseTo(m.score, 1)
      expect(m.triggerPoints.length).toBeGreaterThan(0)
    }
    expect(b.muscles[0].tier).toBe('primary')
    expect(b.muscles[0].explanation[0]).toMatchObject({ kind: 'zone', ref: expect.stringMatching(/@temple$/) })
    expect(b.focusPlan[0]).toMatchObject({ order: 1, muscle: expect.any(String), technique: expect.any(String), position: expect.any(String), pressure: expect.any(String), duration: expect.any(String) })
    expect(b.questions.length).toBeGreaterThan(0)
    expect(b.questions.length).toBeLessThanOrEqual(3)
    expect(b.disclaimer).toMatch(/not a diagnosis/)
  })

  it('works from condition ids alone, in the condition\'s ranked order', async () => {
    const res = await post({ conditions: ['plantar-fasciitis'] }).expect(200)
    const cond = await http.get('/v1/conditions/plantar-fasciitis').expect(200)
    expect(res.body.muscles[0].id).toBe(cond.body.muscles[0])
    expect(res.body.muscles[0].explanation[0]).toMatchObject({ kind: 'condition', ref: 'plantar-fasciitis' })
  })

  it('accepts free text and echoes what it understood', async () => {
    const res = await post({ text: 'Stabbing pain in my left heel with my first steps in the morning, no numbness' }).expect(200)
    expect(res.body.interpreted.complaints).toEqual([expect.objectContaining({ region: 'heel', side: 'left', from: 'text' })])
    expect(res.body.interpreted.contexts).toContain('first-steps-morning')
    expect(res.body.interpreted.negated).toContain('sensation:numbness')
    expect(res.body.interpreted.age).toBeNull()
    const aged = await post({ text: "I'm 67 and have a new headache at my temples" }).expect(200)
    expect(aged.body.interpreted.age).toBe(67)
    expect(res.body.muscles.slice(0, 5).map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['soleus', 'quadratus-plantae']))
  })

  it('at urgent or emergency gives advice and no treatment plan', async () => {
    const res = await post({ text: 'the worst headache of my life, at the back of my head' }).expect(200)
    expect(res.body.triage.level).toBe('emergency')
    expect(res.body.triage.flags[0]).toMatchObject({ id: 'thunderclap-headache', advice: expect.stringMatching(/emergency/i) })
    expect(res.body.muscles).toEqual([])
    expect(res.body.focusPlan).toEqual([])
  })

  it('a routine flag keeps the plan and adds its advice', async () => {
    const res = await post({ complaints: [{ region: 'low-back' }], signs: ['pregnancy'] }).expect(200)
    expect(res.body.triage.level).toBe('routine')
    expect(res.body.triage.flags.map((f: { id: string }) => f.id)).toContain('pregnancy-positioning')
    expect(res.body.muscles.length).toBeGreaterThan(0)
    expect(res.body.focusPlan.length).toBeGreaterThan(0)
  })

  it('sending answers back changes the result: a yes moves a muscle up, another raises a red flag', async () => {
    const base = await post({ complaints: [{ region: 'temple', side: 'right' }], age: 35 }).expect(200)
    const rank = (body: { muscles: { id: string }[] }, id: string): number => body.muscles.findIndex((m) => m.id === id)
    const chewing = await post({ complaints: [{ region: 'temple', side: 'right' }], answers: { 'ask-chewing': 'yes' } }).expect(200)
    expect(rank(chewing.body, 'temporalis')).toBeLessThan(rank(base.body, 'temporalis') === -1 ? 99 : rank(base.body, 'temporalis') + 1)
    expect(chewing.body.muscles[0].id).toBe('temporalis')
    // A temple ache at 35 touches no red-flag family: no screening question. At 60 it touches giant cell arteritis.
    expect(base.body.questions.filter((q: { kind: string }) => q.kind === 'screen')).toEqual([])
    const older = await post({ complaints: [{ region: 'temple', side: 'right' }], age: 60 }).expect(200)
    expect(older.body.triage.possible.map((p: { id: string }) => p.id)).toContain('giant-cell-arteritis')
    const screen = older.body.questions.find((q: { kind: string }) => q.kind === 'screen')
    expect(screen).toBeDefined()
    const flagged = await post({ complaints: [{ region: 'temple', side: 'right' }], age: 60, answers: { [screen.id]: 'yes' } }).expect(200)
    expect(flagged.body.triage.level).not.toBe('none')
    expect(flagged.body.questions.map((q: { id: string }) => q.id)).not.toContain(screen.id)
  })

  it('is deterministic: the same request gives the same bytes', async () => {
    const body = { complaints: [{ region: 'between-shoulder-blades' }, { region: 'thumb', side: 'right', sensations: ['tingling'] }], contexts: ['desk-work'], text: 'worse typing' }
    const a = await post(body).expect(200)
    const b = await post(body).expect(200)
    expect(a.text).toBe(b.text)
  })

  it('names each unknown id with the closest known ones (422)', async () => {
    const res = await post({ complaints: [{ region: 'hele', sensations: ['tingeling'] }], conditions: ['plantar-fascitis'], contexts: ['runing'] }).expect(422)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(res.body.code).toBe('NMT_ERR_UNKNOWN_ID')
    const byField = Object.fromEntries(res.body.unknown.map((u: { field: string; suggestions: string[] }) => [u.field, u.suggestions[0]]))
    expect(byField).toEqual({ 'complaints/0/region': 'heel', 'complaints/0/sensations/0': 'tingling', 'conditions/0': 'plantar-fasciitis', 'contexts/0': 'running' })
  })

  it.each([
    [{}, 'body'],
    [{ complaints: [] }, 'body'],
    [{ text: '   ' }, 'body'],
    [{ complaints: [{ side: 'left' }] }, 'body/complaints/0/region'],
    [{ complaints: [{ region: 'heel', side: 'middle' }] }, 'body/complaints/0/side'],
    [{ conditions: ['knee-pain'], age: 300 }, 'body/age'],
    [{ conditions: ['knee-pain'], limit: 0 }, 'body/limit'],
    [{ conditions: ['knee-pain'], extra: true }, 'body/extra'],
  ])('rejects invalid body #%# with a 400 naming the field', async (body, path) => {
    const res = await post(body).expect(400)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(res.body.code).toBe('NMT_ERR_VALIDATION')
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('refuses text over 2,000 characters with a clear 413', async () => {
    const res = await post({ text: 'my heel hurts '.repeat(150) }).expect(413)
    expect(res.body).toMatchObject({ code: 'NMT_ERR_TEXT_TOO_LONG', status: 413 })
    expect(res.body.detail).toMatch(/2,000 characters/)
  })

  it('rejects malformed JSON and other media types with problem+json', async () => {
    const bad = await http.post('/v1/recommendations').set('content-type', 'application/json').send('{"complaints": [').expect(400)
    expect(bad.body.code).toBe('NMT_ERR_BAD_JSON')
    const xml = await http.post('/v1/recommendations').set('content-type', 'application/xml').send('<a/>').expect(415)
    expect(xml.body.code).toBe('NMT_ERR_UNSUPPORTED_MEDIA_TYPE')
  })
})
