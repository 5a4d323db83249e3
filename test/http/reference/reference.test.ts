import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'

describe('reference data endpoints', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  beforeAll(async () => ({ app, http } = await testApp()))
  afterAll(async () => app.close())

  it.each([
    ['/v1/regions', 90], ['/v1/sensations', 10], ['/v1/contexts', 10], ['/v1/conditions', 30], ['/v1/red-flags', 20], ['/v1/questions', 50],
  ])('GET %s lists at least %i items as { items, total }, cacheable', async (path, min) => {
    const res = await http.get(path).expect(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.body.items.length).toBeGreaterThanOrEqual(min)
    expect(res.body.total).toBe(res.body.items.length)
    expect(res.headers.etag).toBe(`"kb-${app.kb.version}"`)
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/)
  })

  it('answers a matching If-None-Match with an empty 304', async () => {
    const first = await http.get('/v1/muscles/upper-trapezius').expect(200)
    const again = await http.get('/v1/muscles/upper-trapezius').set('If-None-Match', first.headers.etag as string).expect(304)
    expect(again.text).toBe('')
    expect(again.headers.etag).toBe(first.headers.etag)
    await http.get('/v1/muscles/upper-trapezius').set('If-None-Match', '"kb-other"').expect(200)
  })

  it('answers kept per id are sent again byte for byte, never mixed between ids, and unknown ids stay 404s', async () => {
    for (const path of ['/v1/muscles/upper-trapezius', '/v1/muscles/soleus', '/v1/conditions/plantar-fasciitis', '/v1/regions/temple', '/v1/kb']) {
      const first = await http.get(path).expect(200)
      const second = await http.get(path).expect(200)
      expect(second.text).toBe(first.text)
      expect(second.headers['content-type']).toBe('application/json; charset=utf-8')
    }
    const soleus = await http.get('/v1/muscles/soleus').expect(200)
    expect(soleus.body.id).toBe('soleus')
    const trap = await http.get('/v1/muscles/upper-trapezius').expect(200)
    expect(trap.body.id).toBe('upper-trapezius')
    for (let i = 0; i < 2; i++) await http.get('/v1/muscles/no-such-muscle').expect(404)
  })

  it('regions carry id, label, synonyms and parentId (null at the top)', async () => {
    const res = await http.get('/v1/regions').expect(200)
    const temple = res.body.items.find((r: { id: string }) => r.id === 'temple')
    expect(temple).toMatchObject({ id: 'temple', label: 'Temple', parentId: 'head', sided: true })
    expect(temple.synonyms).toContain('temples')
    // One root, the whole body; broad areas (back, arm, leg) sit between it and the body parts.
    expect(res.body.items.filter((r: { parentId: string | null }) => r.parentId === null).map((r: { id: string }) => r.id)).toEqual(['whole-body'])
    expect(res.body.items.find((r: { id: string }) => r.id === 'head').parentId).toBe('whole-body')
    expect(res.body.items.find((r: { id: string }) => r.id === 'upper-back').parentId).toBe('back')
  })

  it('GET /v1/regions/{id} gives the muscles referring there, essential first', async () => {
    const res = await http.get('/v1/regions/between-shoulder-blades').expect(200)
    expect(res.body.ancestors).toEqual(['upper-back', 'back', 'whole-body'])
    const ids = res.body.muscles.map((m: { id: string }) => m.id)
    expect(ids).toEqual(expect.arrayContaining(['scalenus-anterior', 'levator-scapulae', 'rhomboids']))
    const zones = res.body.muscles.map((m: { zone: string }) => m.zone)
    expect(zones.indexOf('spillover') === -1 || zones.lastIndexOf('essential') < zones.indexOf('spillover')).toBe(true)
  })

  it('GET /v1/muscles filters by region (including regions below it) and by name, and pages', async () => {
    const heel = await http.get('/v1/muscles?region=heel').expect(200)
    expect(heel.body.items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['soleus', 'quadratus-plantae']))
    const foot = await http.get('/v1/muscles?region=ankle-foot&limit=500').expect(200)
    expect(foot.body.total).toBeGreaterThan(heel.body.total)
    const scm = await http.get('/v1/muscles?q=SCM').expect(200)
    expect(scm.body.items.map((m: { id: string }) => m.id)).toEqual(['sternocleidomastoid-clavicular', 'sternocleidomastoid-sternal'])
    const peroneus = await http.get('/v1/muscles?q=peroneus longus').expect(200)
    expect(peroneus.body.items[0].id).toBe('fibularis-longus')
    const all = await http.get('/v1/muscles?limit=500').expect(200)
    expect(all.body.total).toBeGreaterThanOrEqual(110)
    const page = await http.get('/v1/muscles?limit=10&offset=10').expect(200)
    expect(page.body.items).toEqual(all.body.items.slice(10, 20))
  })

  it('rejects bad paging and unknown region filters with problem+json', async () => {
    const big = await http.get('/v1/muscles?limit=501').expect(400)
    expect(big.headers['content-type']).toMatch(/problem\+json/)
    expect(big.body.errors[0].path).toBe('querystring/limit')
    const unknown = await http.get('/v1/muscles?region=hele').expect(422)
    expect(unknown.body.code).toBe('NMT_ERR_UNKNOWN_ID')
    expect(unknown.body.unknown[0].suggestions).toContain('heel')
  })

  it('GET /v1/muscles/{id} returns the whole profile with the fields partners rely on', async () => {
    const res = await http.get('/v1/muscles/scalenus-anterior').expect(200)
    for (const key of ['id', 'name', 'aliases', 'triggerPoints', 'referralZones', 'focus', 'cautions', 'selfCare', 'sources']) expect(res.body).toHaveProperty(key)
    expect(res.body.referralZones[0]).toEqual(expect.objectContaining({ region: expect.any(String), zone: expect.stringMatching(/^(essential|spillover)$/) }))
    expect(res.body.entrapments.length).toBeGreaterThan(0)
  })

  it('an unknown muscle is a 404 that suggests close ids', async () => {
    const res = await http.get('/v1/muscles/upper-trapezus').expect(404)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body.code).toBe('NMT_ERR_NOT_FOUND')
    expect(res.body.unknown[0].suggestions[0]).toBe('upper-trapezius')
  })

  it('GET /v1/conditions/{id} lists responsible muscles in rank order', async () => {
    const res = await http.get('/v1/conditions/plantar-fasciitis').expect(200)
    expect(res.body.muscles.slice(0, 6)).toEqual(expect.arrayContaining(['soleus']))
    expect(res.body.sources.length).toBeGreaterThan(0)
  })

  it('GET /v1/kb gives the version, counts and sources', async () => {
    const res = await http.get('/v1/kb').expect(200)
    expect(res.body.version).toBe(app.kb.version)
    expect(res.body.counts.muscles).toBeGreaterThanOrEqual(110)
    expect(res.body.sources.map((s: { id: string }) => s.id)).toContain('simons-1999-v1')
  })
})
