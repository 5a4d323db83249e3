/**
 * Ranking by how commonly each muscle is the source, through the real endpoint and the real seed:
 * broad areas are led by the muscles the pain guides list first, never by alphabetical order, and
 * every muscle in an answer has its sides.
 */
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'

interface Muscle { id: string; sides: string[]; explanation: { kind: string; ref: string; detail: string }[] }
interface Step { muscle: string; side: string }

describe('ranking by the pain guides (POST /v1/recommendations)', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  beforeAll(async () => ({ app, http } = await testApp()))
  afterAll(async () => app.close())
  const top = async (body: object, n = 3): Promise<string[]> => {
    const res = await http.post('/v1/recommendations').send(body).expect(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    return (res.body.muscles as Muscle[]).slice(0, n).map((m) => m.id)
  }

  it.each([
    ['text', { text: 'head' }],
    ['structured', { complaints: [{ region: 'head', sensations: [] }] }],
  ])('leads "head" (%s) with temporalis and upper trapezius, not the alphabet', async (_form, body) => {
    expect(await top(body)).toEqual(expect.arrayContaining(['temporalis', 'upper-trapezius']))
  })

  it.each([
    ['text', { text: 'outside of my hip when I lie on that side' }],
    ['structured, broad', { complaints: [{ region: 'hip', sensations: [] }], contexts: ['sleeping-on-side'] }],
    ['structured, outer hip', { complaints: [{ region: 'outer-hip', sensations: [] }], contexts: ['sleeping-on-side'] }],
  ])('leads the outside of the hip (%s) with gluteus minimus and TFL, not obliques or adductors', async (_form, body) => {
    const ids = await top(body)
    expect(ids).toEqual(expect.arrayContaining(['gluteus-minimus', 'tensor-fasciae-latae']))
    expect(ids.filter((id) => id.startsWith('adductor') || id === 'abdominal-obliques')).toEqual([])
  })

  it('puts a scalene in the top 3 for a numb hand at night', async () => {
    expect((await top({ text: 'numb hand at night' })).some((id) => id.startsWith('scalenus-'))).toBe(true)
  })

  it('explains a muscle\'s place in the guide of the reported region', async () => {
    const res = await http.post('/v1/recommendations').send({ complaints: [{ region: 'temple', side: 'left', sensations: [] }] }).expect(200)
    const [first, second] = res.body.muscles as Muscle[]
    // Temporalis lies in the temple (+1 local) and refers there; upper trapezius is the guide's first.
    expect([first!.id, second!.id]).toEqual(['temporalis', 'upper-trapezius'])
    expect(second!.explanation).toContainEqual({ kind: 'guide', ref: 'guide:temple', weight: 1, detail: 'Listed 1st of 5 for Temple in the trigger-point pain guides' })
    expect(first!.explanation).toContainEqual({ kind: 'local', ref: 'local:temple', weight: 1, detail: 'Lies in the reported temple, where its trigger points are also felt' })
  })

  it.each([
    ['no side given', { text: 'aching in my calf' }, ['left', 'right']],
    ['a side given', { complaints: [{ region: 'calf', side: 'left', sensations: [] }] }, ['left']],
    ['a condition alone', { conditions: ['tension-type-headache'] }, ['left', 'right']],
  ])('gives every muscle its sides, and the focus plan the same (%s)', async (_name, body, firstSides) => {
    const res = await http.post('/v1/recommendations').send(body).expect(200)
    const muscles = res.body.muscles as Muscle[]
    expect(muscles.length).toBeGreaterThan(0)
    expect(muscles[0]!.sides).toEqual(firstSides)
    for (const m of muscles) expect(m.sides.length, m.id).toBeGreaterThan(0)
    for (const step of res.body.focusPlan as Step[]) {
      const sides = muscles.find((m) => m.id === step.muscle)!.sides
      expect(step.side, step.muscle).toBe(sides.length === 2 ? 'both' : sides[0])
    }
  })
})
