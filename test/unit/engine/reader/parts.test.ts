/**
 * The parts pass alone, on a small knowledge base of its own: the part of a region said after it
 * ("hip hurts at the front", "knee, outside"), or before it with "of" ("the inner side of my knee"),
 * a side that closes its sentence ("..., left"), a body part used as a measure ("two fingers wide"),
 * and "my shoulders", which in everyday English is the top of the shoulders.
 */
import { describe, expect, it } from 'vitest'
import { buildReader, type Finding } from '../../../../src/engine/reader/index.js'
import { buildPartIndex } from '../../../../src/engine/reader/parts.js'
import type { KnowledgeBase } from '../../../../src/kb/schema.js'

const region = (id: string, parentId: string | null, synonyms: string[] = []) => ({ id, label: id.replace(/-/g, ' '), parentId, sided: true, synonyms })
const regions = [
  region('hip', null), region('front-of-hip', 'hip'), region('outer-hip', 'hip'),
  region('knee', null), region('inner-knee', 'knee'), region('outer-knee', 'knee'), region('back-of-knee', 'knee'),
  region('shoulder', null), region('top-of-shoulder', 'shoulder', ['top of shoulder']), region('side-of-shoulder', 'shoulder'),
  region('leg', null), region('shin', 'leg'), region('inner-shin', 'leg'),
  region('ankle-foot', null, ['foot', 'ankle']), region('outer-ankle', 'ankle-foot'),
  region('back', null), region('hand', null, ['finger', 'fingers']), region('jaw', null, ['teeth', 'mouth']),
  region('little-finger', 'hand', ['pinky']), region('wrist', null), region('forearm', null), region('little-finger-side-forearm', 'forearm'), region('front-of-forearm', 'forearm'),
]
const kb: Pick<KnowledgeBase, 'regions' | 'sensations' | 'contexts' | 'signs' | 'conditions' | 'terms' | 'muscles'> = {
  regions,
  sensations: [{ id: 'pain', label: 'Pain', category: 'pain', synonyms: ['hurt', 'sore', 'ache'] }],
  contexts: [], signs: [], terms: [], muscles: [],
  conditions: [
    { id: 'rotator-cuff', name: 'Rotator cuff pain', aliases: ['rotator cuff pain'], summary: 'Commonly associated with the rotator cuff.', icd10cm: [],
      regions: ['side-of-shoulder'], muscles: [], redFlags: [], sources: [{ source: 'src' }] },
    { id: 'shoulder-pain', name: 'Shoulder pain', aliases: ['shoulder pain'], summary: 'Commonly associated with many muscles.', icd10cm: [],
      regions: ['side-of-shoulder', 'top-of-shoulder'], muscles: [], redFlags: [], sources: [{ source: 'src' }] },
  ],
}
const parentOf = new Map(regions.map((r) => [r.id, r.parentId]))
const ancestors = new Map(regions.map((r) => {
  const up: string[] = []
  for (let p = r.parentId; p; p = parentOf.get(p) ?? null) up.push(p)
  return [r.id, up]
}))
const reader = buildReader(kb, ancestors)
const places = (text: string): string[] => reader.read(text).findings.filter((f: Finding) => f.type === 'region').map((f) => `${f.id}${f.side ? '/' + f.side : ''}${f.moved ? '(moved)' : ''}`)

describe('the part of a region said after or before it', () => {
  it('indexes the parts inside a region, and beside it only as its own part', () => {
    const index = buildPartIndex(regions)
    expect(index.get('hip')?.get('front')?.map((c) => c.id)).toEqual(['front-of-hip'])
    expect(index.get('shin')?.get('inside')?.map((c) => c.id)).toEqual(['inner-shin'])
    // top-of-shoulder has no parts: side-of-shoulder beside it is another place.
    expect(index.get('top-of-shoulder')).toBeUndefined()
  })

  it.each([
    ['my hip hurts at the front', ['front-of-hip']],
    ['right knee, outside, worse downhill', ['outer-knee/right']],
    ['pain in my knee on the inside', ['inner-knee']],
    ['my knee hurts at the back', ['back-of-knee']],
    ['the inner side of my knee aches', ['inner-knee']],
    ['pain on the outside of my knee', ['outer-knee']],
    ['ache down the inside of my shin', ['inner-shin']],
    ['pain along the inner edge of my shin bone', ['inner-shin']],
    ['the outer part of my knee aches', ['outer-knee']],
    ['ache on the little finger side of my wrist', ['little-finger', 'wrist']],
    ['pain along the pinky side of my forearm', ['little-finger-side-forearm']],
    ['the inside of both forearms ache', ['front-of-forearm/both']],
    ['pain down the left side of my shoulder', ['side-of-shoulder/left']],
  ])('%s', (text, expected) => {
    expect(places(text)).toEqual(expected)
  })

  it.each([
    ['a part word too far away', 'my hip hurts when I sit for a long time in the front', ['hip']],
    ['"outside" as a place to be', 'my knee hurts when I am outside', ['knee']],
    ['"on that side": a side of the body', 'top of my shoulder burns, I carry my bag on that side', ['top-of-shoulder']],
    ['a part the region does not have under that word ("outside of my foot" is not the outer ankle)', 'outside of my foot hurts', ['ankle-foot']],
    ['another region said first', 'my hip and my knee hurt at the back', ['hip', 'back-of-knee']],
  ])('leaves the region alone: %s', (_why, text, expected) => {
    expect(places(text)).toEqual(expected)
  })
})

describe('a side that closes its sentence', () => {
  it.each([
    ['hip hurts at the front when I lift my knee to get into the car, left', ['front-of-hip/left', 'knee/left(moved)']],
    ['my knee aches going downstairs, right side', ['knee/right']],
    ['my knee aches. left hip is fine', ['knee', 'hip/left']],
  ])('%s', (text, expected) => {
    expect(places(text)).toEqual(expected)
  })
})

describe('a body part used as a measure', () => {
  it.each([
    ["can't open my mouth more than two fingers wide", ['jaw(moved)']],
    ['I can only fit one finger between my teeth', ['jaw']],
  ])('is no complaint: %s', (text, expected) => {
    expect(places(text)).toEqual(expected)
  })

  it('a counted body part that hurts is still one', () => {
    expect(places('two fingers are numb and sore')).toEqual(['hand'])
  })
})

describe('a region that means another in the plural', () => {
  it('"my shoulders" is the top of the shoulders, on both sides; "my shoulder" stays the joint', () => {
    expect(places('knots in my shoulders')).toEqual(['top-of-shoulder/both'])
    expect(places('my left shoulder hurts when I reach')).toEqual(['shoulder/left'])
    // A condition of the joint in the sentence keeps the joint; one that covers the top of the shoulder does not.
    expect(places('rotator cuff pain in both shoulders from swimming')).toEqual(['shoulder/both'])
    expect(places('shoulder pain in both shoulders from stress')).toContain('top-of-shoulder/both')
  })
})
