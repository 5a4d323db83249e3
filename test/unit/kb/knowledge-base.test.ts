import { describe, expect, it } from 'vitest'
import { guideProfiles } from '../../../src/engine/guides.js'
import { NUMBER_SIGNS } from '../../../src/engine/reader/numbers.js'
import { canonicalText } from '../../../src/kb/canonical.js'
import { SEED_KINDS } from '../../../src/kb/files.js'
import { lintKnowledgeBase } from '../../../src/kb/lint.js'
import { loadSeed } from '../../../src/kb/loader.js'
import { SEED_DIR } from '../../../src/kb/paths.js'

const seed = loadSeed(SEED_DIR)
const { kb } = seed

describe('the knowledge base (seed/)', () => {
  it('passes the linter with no findings', () => {
    expect(lintKnowledgeBase(kb)).toEqual([])
  })

  it('has every sign the reader reads from numbers (a temperature, weight lost, weeks of pregnancy)', () => {
    const signs = new Set(seed.kb.signs.map((s) => s.id))
    for (const id of Object.values(NUMBER_SIGNS)) expect(signs.has(id), id).toBe(true)
  })

  it('puts every urgent and emergency red flag in a family with screening questions', () => {
    const families = new Map(seed.kb.redFlagFamilies.map((f) => [f.id, f]))
    for (const f of seed.kb.redFlags.filter((x) => x.level !== 'routine')) expect(families.get(f.family ?? '')?.screen.length, f.id).toBeGreaterThan(0)
  })

  it('is in canonical form (run `npm run kb:format` to fix)', () => {
    for (const [file, text] of seed.files) {
      const kind = SEED_KINDS.find((k) => (k.path.endsWith('/') ? file.startsWith(k.path) : file === k.path))!
      expect(text === canonicalText(JSON.parse(text) as unknown[], kind.schema), `${file} is not canonical: run npm run kb:format`).toBe(true)
    }
  })

  it('tells every muscle apart by its places in the pain guides, so ranking never falls back to ids', () => {
    const byProfile = new Map<string, string[]>()
    for (const [id, places] of guideProfiles(kb.muscles, kb.painGuides)) {
      const key = places.join(',')
      byProfile.set(key, [...(byProfile.get(key) ?? []), id])
    }
    expect([...byProfile.values()].filter((ids) => ids.length > 1)).toEqual([])
  })

  it('meets the coverage the product promises', () => {
    const parents = new Set(kb.regions.map((r) => r.parentId))
    expect(kb.regions.filter((r) => !parents.has(r.id)).length).toBeGreaterThanOrEqual(90)
    expect(kb.muscles.length).toBeGreaterThanOrEqual(110)
    expect(kb.conditions.length).toBeGreaterThanOrEqual(30)
    expect(kb.redFlags.length).toBeGreaterThanOrEqual(20)
    expect(kb.questions.filter((q) => q.kind === 'differentiate').length).toBeGreaterThanOrEqual(30)
    for (const g of ['head', 'neck', 'shoulder', 'arm', 'forearm', 'hand', 'thorax', 'abdomen', 'back', 'pelvis', 'hip', 'thigh', 'leg', 'foot']) {
      expect(kb.muscles.some((m) => m.group === g), `no muscle in group ${g}`).toBe(true)
    }
  })

  it.each([
    'lower-back-pain', 'upper-back-pain', 'carpal-tunnel-like-symptoms', 'sciatica-like-symptoms', 'hip-pain', 'plantar-fasciitis',
    'calf-cramps', 'knee-pain', 'iliotibial-band-friction-syndrome', 'jaw-pain', 'tension-type-headache', 'neck-pain', 'shoulder-pain',
    'chest-wall-pain', 'groin-pain', 'thumb-pain',
  ])('has the condition %s with ranked muscles', (id) => {
    const c = kb.conditions.find((x) => x.id === id)
    expect(c, id).toBeDefined()
    expect(c!.muscles.length).toBeGreaterThanOrEqual(3)
  })

  it('keeps divisions whose patterns differ', () => {
    const ids = new Set(kb.muscles.map((m) => m.id))
    for (const id of ['sternocleidomastoid-sternal', 'sternocleidomastoid-clavicular', 'upper-trapezius', 'middle-trapezius', 'lower-trapezius',
      'deltoid-anterior', 'deltoid-middle', 'deltoid-posterior', 'scalenus-anterior', 'scalenus-medius', 'scalenus-posterior']) {
      expect(ids.has(id), id).toBe(true)
    }
  })

  it('gives pain between the shoulder blades to the scalenes and levator scapulae, not only the rhomboids', () => {
    const under = new Set(['between-shoulder-blades', ...kb.regions.filter((r) => r.parentId === 'between-shoulder-blades').map((r) => r.id)])
    const refer = kb.muscles.filter((m) => m.referralZones.some((z) => under.has(z.region))).map((m) => m.id)
    expect(refer).toEqual(expect.arrayContaining(['scalenus-anterior', 'scalenus-medius', 'levator-scapulae', 'rhomboids']))
  })

  it('uses no deleted or split ICD-10-CM codes', () => {
    const codes = kb.conditions.flatMap((c) => c.icd10cm.map((x) => x.code))
    for (const retired of ['M54.5', 'M79.1', 'R51', 'M54.1']) expect(codes).not.toContain(retired)
  })

  it('speaks of associations, never a diagnosis', () => {
    for (const c of kb.conditions) expect(c.summary, c.id).toMatch(/commonly associated with/i)
    const declarative = JSON.stringify([kb.conditions, kb.muscles])
    const claims = [...declarative.matchAll(/.{0,40}\byou (have|are suffering from|are diagnosed with)\b.{0,40}/gi)].map((m) => m[0])
    expect(claims).toEqual([])
  })

  it('cites a known source on every muscle, zone, condition and red flag', () => {
    const sources = new Set(kb.sources.map((s) => s.id))
    for (const m of kb.muscles) {
      expect(m.sources.length).toBeGreaterThan(0)
      for (const z of m.referralZones) expect(sources.has(z.source)).toBe(true)
    }
    for (const x of [...kb.conditions, ...kb.redFlags]) expect(x.sources.every((s) => sources.has(s.source)), x.id).toBe(true)
  })
})
