/**
 * The pain maps over HTTP, on the real app and seed: content type, caching like the catalogs,
 * accessibility (role, title, a desc that names what is shaded and marked), what each map shades
 * and marks, deterministic bytes, errors as problems, the maps a recommendation links to, and
 * publishable keys from the widget's origin.
 */
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DOCS_MAPS } from '../../../src/maps/docs.js'
import { VIEW_IDS } from '../../../src/maps/types.js'
import { testApp } from '../../helpers/app.js'
import { bearer, ORIGIN, productionApp, type KeyedApp } from '../../helpers/keys.js'

const attrs = (svg: string, name: string): string[] => [...svg.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]!)
const desc = (svg: string): string => /<desc id="nmt-map-desc">([^<]*)<\/desc>/.exec(svg)?.[1] ?? ''
const svgText = (res: supertest.Response): string => res.body as string
/** A GET whose body is kept as text (supertest parses only JSON and text/* by itself). */
const getText = (http: ReturnType<typeof supertest>, url: string) => http.get(url).buffer(true).parse((res, cb) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')))
})

describe('pain maps', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  beforeAll(async () => ({ app, http } = await testApp()))
  afterAll(async () => app.close())
  const get = (url: string) => getText(http, url)

  it.each(VIEW_IDS.map((v) => [v]))('GET /v1/regions/map.svg?view=%s is an accessible blank chart with every shape named', async (view) => {
    const res = await get(`/v1/regions/map.svg?view=${view}`).expect(200)
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8')
    const svg = svgText(res)
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" width="\d+" height="\d+" role="img" aria-labelledby="nmt-map-title nmt-map-desc"><title id="nmt-map-title">Body chart: /)
    const shapes = [...svg.matchAll(/<path d="[^"]+" data-region="([^"]+)"(?: data-side="(left|right)")?[^>]*><title>([^<]+)<\/title><\/path>/g)]
    expect(shapes.length).toBeGreaterThan(4)
    expect(shapes.length).toBe(attrs(svg, 'data-region').length)
    for (const [, region, side, title] of shapes) {
      const label = app.kb.regions.get(region!)!.label
      expect(title).toBe(side ? `${label} (${side})` : label)
    }
    expect(attrs(svg, 'data-zone')).toEqual([])
    expect(desc(svg)).toContain('Nothing is shaded')
    expect(svg).not.toMatch(/<style|style=|<script|href=/)
  })

  it('is cached like the catalogs: ETag from kbVersion, a 304 for it, and the same bytes every time', async () => {
    const a = await get('/v1/muscles/upper-trapezius/map.svg?side=right').expect(200)
    expect(a.headers.etag).toBe(`"kb-${app.kb.version}"`)
    expect(a.headers['cache-control']).toMatch(/^public, max-age=\d+/)
    await http.get('/v1/muscles/upper-trapezius/map.svg?side=right').set('if-none-match', a.headers.etag!).expect(304)
    const fresh = await testApp()
    const b = await getText(fresh.http, '/v1/muscles/upper-trapezius/map.svg?side=right').expect(200)
    await fresh.app.close()
    expect(svgText(b)).toBe(svgText(a))
  })

  it("shades a muscle's essential zones solid and spillover zones lighter, on the side asked, and marks its trigger points", async () => {
    const muscle = app.kb.muscles.get('upper-trapezius')!
    const svg = svgText(await get('/v1/muscles/upper-trapezius/map.svg?side=left').expect(200))
    const shaded = [...svg.matchAll(/data-region="([^"]+)"(?: data-side="(left|right)")? data-zone="(essential|spillover)"/g)].map((m) => ({ region: m[1]!, side: m[2] ?? null, zone: m[3]! }))
    expect(shaded.length).toBeGreaterThan(0)
    for (const s of shaded) expect(s.side === null || s.side === 'left', JSON.stringify(s)).toBe(true)
    const essential = muscle.referralZones.filter((z) => z.zone === 'essential').map((z) => z.region)
    expect(shaded.filter((s) => s.zone === 'essential').map((s) => s.region)).toEqual(expect.arrayContaining(essential.filter((r) => !app.kb.subtree.get(r)!.slice(1).length)))
    expect(svg).toContain('fill="url(#nmt-spillover)"')
    const points = attrs(svg, 'data-trigger-point')
    expect(new Set(points)).toEqual(new Set(muscle.triggerPoints.map((t) => `upper-trapezius/${t.id}`)))
    const d = desc(svg)
    expect(d).toMatch(/^Referral pattern of Upper trapezius \(left side\)\. Essential zones, shaded solid/)
    for (const r of essential) expect(d).toContain(app.kb.regions.get(r)!.label)
    expect(d).toContain(`Trigger points marked with a dot (${muscle.triggerPoints.length})`)
    expect(svg).toMatch(/Essential zone: pain commonly felt here/)
  })

  it('draws an overview from its query alone: reported areas shaded, trigger points numbered in the order given', async () => {
    const url = '/v1/recommendations/map.svg?regions=temple:right,heel&muscles=upper-trapezius:right,soleus:both'
    const svg = svgText(await get(url).expect(200))
    const reported = [...svg.matchAll(/data-region="([^"]+)"(?: data-side="(left|right)")?[^>]*data-reported="true"/g)].map((m) => `${m[1]}:${m[2]}`)
    expect(new Set(reported)).toEqual(new Set(['temple:right', 'heel:left', 'heel:right']))
    expect(svg).toMatch(/data-trigger-point="upper-trapezius\/[^"]+" data-side="right"/)
    expect(svg).not.toMatch(/data-trigger-point="upper-trapezius\/[^"]+" data-side="left"/)
    expect(svg).toMatch(/data-trigger-point="soleus\/[^"]+" data-side="left"/)
    expect(desc(svg)).toMatch(/^Where it hurts, shaded: Temple \(right\); Heel \(both sides\)\. Trigger points of the muscles to work, marked with numbered dots: 1, Upper trapezius \(right side\), in .*; 2, Soleus \(both sides\), in /)
    expect(svgText(await get(url).expect(200))).toBe(svg)
  })

  it.each(DOCS_MAPS.map((m) => [m.url, m]))("the README's picture is what GET %s serves", async (_url, { url, path }) => {
    const served = svgText(await get(url).expect(200))
    expect(readFileSync(path, 'utf8') === served, `${path.pathname} is out of date: run \`npm run maps:docs\` and commit it`).toBe(true)
  })

  it('answers bad input with problems: an unknown view or side (400), an unknown muscle (404), unknown ids in an overview (422)', async () => {
    const bad = await http.get('/v1/regions/map.svg?view=side').expect(400)
    expect(bad.body.code).toBe('NMT_ERR_VALIDATION')
    await http.get('/v1/muscles/soleus/map.svg?side=middle').expect(400)
    const missing = await http.get('/v1/muscles/solius/map.svg').expect(404)
    expect(missing.body.unknown[0].suggestions).toContain('soleus')
    const unknown = await http.get('/v1/recommendations/map.svg?regions=templ&muscles=soleus,trapezius-upper').expect(422)
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(unknown.body.unknown.map((u: { field: string }) => u.field)).toEqual(['regions', 'muscles'])
    await http.get(`/v1/recommendations/map.svg?regions=${Array(13).fill('heel').join(',')}`).expect(400)
    await http.get('/v1/recommendations/map.svg?regions=heel:middle').expect(400)
  })

  it('links a recommendation to its maps: every muscle its referral map on its sides, the answer its overview', async () => {
    const res = await http.post('/v1/recommendations').send({ complaints: [{ region: 'temple', side: 'right' }], contexts: ['desk-work'] }).expect(200)
    for (const m of res.body.muscles as { id: string; sides: string[]; mapUrl: string }[]) {
      expect(m.mapUrl).toBe(`/v1/muscles/${m.id}/map.svg?side=${m.sides.length === 1 ? m.sides[0] : 'both'}`)
    }
    const primary = (res.body.muscles as { id: string; tier: string; sides: string[] }[]).filter((m) => m.tier === 'primary')
    expect(res.body.mapUrl).toBe(`/v1/recommendations/map.svg?regions=temple:right&muscles=${primary.map((m) => `${m.id}:${m.sides.length === 1 ? m.sides[0] : 'both'}`).join(',')}`)
    const overview = svgText(await get(res.body.mapUrl as string).expect(200))
    expect(overview).toContain('data-reported="true"')
    await get((res.body.muscles as { mapUrl: string }[])[0]!.mapUrl).expect(200)
    const urgent = await http.post('/v1/recommendations').send({ text: 'the worst headache of my life came on suddenly' }).expect(200)
    expect(urgent.body.triage.level).toMatch(/urgent|emergency/)
    expect(urgent.body.mapUrl).toBeNull()
  })
})

describe('pain maps with keys', () => {
  let t: KeyedApp
  beforeAll(async () => { t = await productionApp() })
  afterAll(async () => t.close())

  it('a publishable key may fetch every map from its origin; without a key there is none', async () => {
    const pk = bearer(t.keys.widget!.token)
    for (const url of ['/v1/regions/map.svg?view=head', '/v1/muscles/soleus/map.svg', '/v1/recommendations/map.svg?regions=heel']) {
      const res = await t.http.get(url).set('authorization', pk).set('origin', ORIGIN).expect(200)
      expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8')
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN)
      await t.http.get(url).expect(401)
    }
  })
})
