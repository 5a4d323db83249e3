/**
 * Vague areas and ordinary words: every recognised body complaint without a red flag gets muscles and
 * a question; a broad area gets a "where exactly?" question whose options are the areas below it.
 */
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'

interface Question { id: string; kind: string; text: string; options?: { id: string; label: string }[] }

describe('vague areas and ordinary words', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  beforeAll(async () => { ({ app, http } = await testApp()) })
  afterAll(async () => app.close())
  const post = (text: string) => http.post('/v1/recommendations').send({ text }).expect(200)

  it.each([
    ['back pain', 'back', ['lower-back', 'upper-back'], 'quadratus-lumborum'],
    ['my back', 'back', ['lower-back', 'upper-back'], 'quadratus-lumborum'],
    ['pain down my leg', 'whole-leg', ['thigh', 'knee', 'leg', 'ankle-foot'], 'gluteus-minimus'],
    ['my arm aches', 'whole-arm', ['shoulder', 'arm', 'elbow', 'forearm', 'wrist-hand'], 'scalenus-anterior'],
    ['everything hurts on my left side', 'whole-body', ['back', 'neck', 'head'], 'upper-trapezius'],
  ])('"%s" is the broad %s: muscles most often responsible, and "where exactly?" with the areas below it', async (text, region, some, first) => {
    const res = await post(text)
    expect(res.body.interpreted.complaints.map((c: { region: string }) => c.region)).toEqual([region])
    expect(res.body.muscles[0].id).toBe(first)
    const locate = (res.body.questions as Question[]).find((q) => q.kind === 'locate')!
    expect(locate).toMatchObject({ id: `locate-${region}` })
    expect(locate.options!.map((o) => o.id)).toEqual(expect.arrayContaining(some))
  })

  it.each(['sore side', 'tingly fingers', 'crick in my neck', 'bad bak again', 'knots in my rhomboids', 'dead leg from footy'])('"%s" gets muscles and a question', async (text) => {
    const res = await post(text)
    expect(res.body.triage.level).toBe('none')
    expect(res.body.muscles.length).toBeGreaterThan(0)
    expect(res.body.questions.length).toBeGreaterThan(0)
  })

  it('asks where it hurts when nothing in a message could be placed', async () => {
    const res = await post('hello, can you help me?')
    expect(res.body.muscles).toEqual([])
    expect(res.body.questions).toEqual([expect.objectContaining({ id: 'locate-whole-body', kind: 'locate', text: 'Where does it hurt?' })])
  })

  it('a narrower area named with the broad one needs no locate question', async () => {
    const res = await post('my back hurts, low down on the right side of my lower back')
    expect((res.body.questions as Question[]).some((q) => q.kind === 'locate')).toBe(false)
  })
})
