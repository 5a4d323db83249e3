import { afterEach, describe, expect, it } from 'vitest'
import { createAnswerCache } from '../../../src/services/answer-cache.js'
import { testApp } from '../../helpers/app.js'

type T = Awaited<ReturnType<typeof testApp>>
let t: T | null = null
afterEach(async () => {
  await t?.app.close()
  t = null
})

const structured = { complaints: [{ region: 'temple', side: 'right', sensations: ['aching'] }], contexts: ['desk-work'], age: 45 }

function cacheCounts(metrics: string): { hit: number; miss: number; entries: number } {
  const n = (re: RegExp): number => Number(re.exec(metrics)?.[1] ?? NaN)
  return {
    hit: n(/nmt_recommendation_cache_total\{result="hit"\} (\d+)/),
    miss: n(/nmt_recommendation_cache_total\{result="miss"\} (\d+)/),
    entries: n(/nmt_recommendation_cache_entries (\d+)/),
  }
}

describe('the answer cache', () => {
  it('keeps an answer once its request came twice, then answers it with the same bytes, auditing every request', async () => {
    t = await testApp()
    const first = await t.http.post('/v1/recommendations').send(structured).expect(200)
    expect(cacheCounts((await t.http.get('/metrics').expect(200)).text)).toEqual({ hit: 0, miss: 1, entries: 0 })
    const second = await t.http.post('/v1/recommendations').send(structured).expect(200)
    expect(cacheCounts((await t.http.get('/metrics').expect(200)).text)).toEqual({ hit: 0, miss: 2, entries: 1 })
    const third = await t.http.post('/v1/recommendations').send(structured).expect(200)
    expect(second.text).toBe(first.text)
    expect(third.text).toBe(first.text)
    expect(third.headers['content-type']).toBe(first.headers['content-type'])
    expect(third.headers['cache-control']).toBe('no-store')
    expect(cacheCounts((await t.http.get('/metrics').expect(200)).text)).toEqual({ hit: 1, miss: 2, entries: 1 })
    const audit = await t.app.usage.recentAudit(10)
    expect(audit).toHaveLength(3)
    expect(audit[0]).toMatchObject({ regionIds: ['temple'], triageLevel: 'none', kbVersion: t.app.kb.version })
    expect(audit[0]!.topMuscleIds).toEqual(audit[2]!.topMuscleIds)
    expect(new Set(audit.map((a) => a.requestId)).size).toBe(3)
  })

  it('never keeps a request with free text, and keeps different requests apart', async () => {
    t = await testApp()
    const text = { text: 'stabbing heel pain with the first steps in the morning' }
    await t.http.post('/v1/recommendations').send(text).expect(200)
    await t.http.post('/v1/recommendations').send({ ...structured, text: 'and my neck is stiff' }).expect(200)
    expect(cacheCounts((await t.http.get('/metrics').expect(200)).text)).toEqual({ hit: 0, miss: 0, entries: 0 })
    for (let i = 0; i < 2; i++) {
      const left = await t.http.post('/v1/recommendations').send({ complaints: [{ region: 'temple', side: 'left', sensations: ['aching'] }] }).expect(200)
      const right = await t.http.post('/v1/recommendations').send({ complaints: [{ region: 'temple', side: 'right', sensations: ['aching'] }] }).expect(200)
      expect(left.body.interpreted.complaints[0].side).toBe('left')
      expect(right.body.interpreted.complaints[0].side).toBe('right')
    }
    expect(cacheCounts((await t.http.get('/metrics').expect(200)).text)).toEqual({ hit: 0, miss: 4, entries: 2 })
    const left = await t.http.post('/v1/recommendations').send({ complaints: [{ region: 'temple', side: 'left', sensations: ['aching'] }] }).expect(200)
    expect(left.body.interpreted.complaints[0].side).toBe('left')
    expect(cacheCounts((await t.http.get('/metrics').expect(200)).text)).toEqual({ hit: 1, miss: 4, entries: 2 })
  })

  it('keeps nothing for a request that fails, and nothing at all with RECOMMENDATION_CACHE_SIZE=0', async () => {
    t = await testApp({ recommendationCacheSize: 0 })
    for (let i = 0; i < 2; i++) await t.http.post('/v1/recommendations').send({ complaints: [{ region: 'no-such-region' }] }).expect(422)
    const a = await t.http.post('/v1/recommendations').send(structured).expect(200)
    const b = await t.http.post('/v1/recommendations').send(structured).expect(200)
    expect(b.text).toBe(a.text)
    expect(cacheCounts((await t.http.get('/metrics').expect(200)).text)).toEqual({ hit: 0, miss: 4, entries: 0 })
  })
})

describe('createAnswerCache', () => {
  it('keeps a value offered a second time, and drops the least recently used entry when full', () => {
    const c = createAnswerCache<number>(2)
    c.set('a', 1)
    expect(c.get('a')).toBeUndefined() // offered once: remembered, not kept
    c.set('a', 1)
    c.set('b', 2)
    c.set('b', 2)
    expect(c.get('a')).toBe(1) // a is now the most recently used
    c.set('c', 3)
    c.set('c', 3)
    expect(c.get('b')).toBeUndefined()
    expect(c.get('a')).toBe(1)
    expect(c.get('c')).toBe(3)
    expect(c.stats).toEqual({ hits: 3, misses: 2, size: 2, max: 2 })
  })
})
