/**
 * The linter's pain-guide, reading and screening checks, on the synthetic knowledge base with one defect each.
 */
import { describe, expect, it } from 'vitest'
import { buildCommonness, ordinal } from '../../../src/engine/guides.js'
import { lintKnowledgeBase } from '../../../src/kb/lint.js'
import type { KnowledgeBase, PainGuide } from '../../../src/kb/schema.js'
import { syntheticKb } from '../../helpers/synthetic-kb.js'

function withGuide(id: string, change: (g: PainGuide | undefined) => PainGuide | undefined): KnowledgeBase {
  const kb = syntheticKb()
  const rest = kb.painGuides.filter((g) => g.id !== id)
  const changed = change(kb.painGuides.find((g) => g.id === id))
  kb.painGuides = (changed ? [...rest, changed] : rest).sort((a, b) => (a.id < b.id ? -1 : 1))
  return kb
}

describe('linter: pain guides', () => {
  it.each<[string, KnowledgeBase, { code: string; where: string }]>([
    ['a region a complaint reaches muscles from has no guide', withGuide('temple', () => undefined), { code: 'missing-guide', where: 'regions/temple' }],
    ['a broad region has no guide', withGuide('head', () => undefined), { code: 'missing-guide', where: 'regions/head' }],
    ['a muscle with a zone on the region is missing', withGuide('temple', (g) => ({ ...g!, muscles: ['jaw', 'neck-a'] })), { code: 'unguided-zone', where: 'pain-guides/temple' }],
    ['an unknown muscle', withGuide('thumb', (g) => ({ ...g!, muscles: ['neck-b', 'biceps'] })), { code: 'dangling-ref', where: 'pain-guides/thumb.muscles' }],
    ['a muscle listed twice', withGuide('temple', (g) => ({ ...g!, muscles: ['jaw', 'scm', 'neck-a', 'jaw'] })), { code: 'duplicate-ref', where: 'pain-guides/temple' }],
    ['a muscle with no zone in, below or above the region', withGuide('thumb', (g) => ({ ...g!, muscles: ['neck-b', 'jaw'] })), { code: 'guide-unreached', where: 'pain-guides/thumb' }],
    ['an unknown region', withGuide('knee', () => ({ id: 'knee', muscles: ['jaw'], sources: [{ source: 'src' }] })), { code: 'dangling-ref', where: 'pain-guides/knee' }],
    ['an unknown source', withGuide('thumb', (g) => ({ ...g!, sources: [{ source: 'nowhere' }] })), { code: 'dangling-ref', where: 'pain-guides/thumb.sources' }],
  ])('finds it when %s', (_name, kb, finding) => {
    expect(lintKnowledgeBase(kb)).toContainEqual(expect.objectContaining(finding))
  })

  it('accepts a broad region whose guide lists only its leading muscles', () => {
    expect(lintKnowledgeBase(syntheticKb())).toEqual([])
  })
})

describe('guide helpers', () => {
  it.each([[1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [11, '11th'], [12, '12th'], [13, '13th'], [21, '21st'], [22, '22nd'], [111, '111th']])('ordinal(%i) is %s', (n, text) => {
    expect(ordinal(n)).toBe(text)
  })

  it('orders muscles knowledge-base-wide by how early and how often the guides list them, not by id', () => {
    const kb = syntheticKb()
    // neck-b is listed first in three guides, jaw in two, neck-a in one, scm in none.
    expect([...buildCommonness(kb.muscles, kb.painGuides).entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual(['neck-b', 'jaw', 'neck-a', 'scm'])
  })
})

describe('linter: reading and screening', () => {
  const edit = (change: (kb: KnowledgeBase) => void): KnowledgeBase => {
    const kb = syntheticKb()
    change(kb)
    return kb
  }
  it.each<[string, KnowledgeBase, { code: string; where: string }]>([
    ['a sign pattern names an unknown word class', edit((kb) => { kb.signs[0]!.patterns = [{ all: ['term:nowhere', 'fever'] }] }), { code: 'dangling-ref', where: 'signs/fever.patterns' }],
    ['a sign denial names an unknown region', edit((kb) => { kb.signs[0]!.deniedBy = ['region:tail'] }), { code: 'dangling-ref', where: 'signs/fever.deniedBy' }],
    ['a derived sign follows from itself', edit((kb) => { kb.signs[0]!.when = { any: ['sign:fever'] } }), { code: 'self-ref', where: 'signs/fever' }],
    ['a synonym names a side', edit((kb) => { kb.signs[0]!.synonyms = ['fever on the left'] }), { code: 'side-word-in-phrase', where: 'signs/fever' }],
    ['a sign nothing can say', edit((kb) => { kb.signs[0]!.synonyms = [] }), { code: 'unreadable-sign', where: 'signs/fever' }],
    ['an urgent flag has no family', edit((kb) => { delete kb.redFlags[0]!.family }), { code: 'flag-without-family', where: 'red-flags/fever-neck' }],
    ['a flag names an unknown family', edit((kb) => { kb.redFlags[0]!.family = 'elsewhere' }), { code: 'dangling-ref', where: 'red-flags/fever-neck' }],
    ['a family screens with a differentiating question', edit((kb) => { kb.redFlagFamilies[0]!.screen = ['ask-chewing'] }), { code: 'not-a-screen', where: 'red-flag-families/neck-infection.screen' }],
    ['a family touches an unknown sign', edit((kb) => { kb.redFlagFamilies[0]!.touches = ['sign:nowhere'] }), { code: 'dangling-ref', where: 'red-flag-families/neck-infection.touches' }],
    ['a family no flag belongs to', edit((kb) => { kb.redFlagFamilies.push({ id: 'zz-empty', label: 'Empty', touches: ['sign:fever'], screen: ['screen-fever'], sources: [{ source: 'src' }] }) }),
      { code: 'empty-family', where: 'red-flag-families/zz-empty' }],
  ])('finds it when %s', (_name, kb, finding) => {
    expect(lintKnowledgeBase(kb)).toContainEqual(expect.objectContaining(finding))
  })
})
