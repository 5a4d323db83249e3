import { describe, expect, it } from 'vitest'
import { recommend } from '../../../src/engine/recommend.js'
import type { EngineInput } from '../../../src/engine/types.js'
import { lintKnowledgeBase } from '../../../src/kb/lint.js'
import { compiledSynthetic, syntheticKb } from '../../helpers/synthetic-kb.js'

const kb = compiledSynthetic()
const input = (over: Partial<EngineInput>): EngineInput => ({
  complaints: [], conditions: [], contexts: [], signs: [], sensations: [], negated: [], answers: {}, limit: 10, ...over,
})
const scores = (over: Partial<EngineInput>): Record<string, number> =>
  Object.fromEntries(recommend(kb, input(over)).muscles.map((m) => [m.id, m.score]))
const order = (over: Partial<EngineInput>): string[] => recommend(kb, input(over)).muscles.map((m) => m.id)

describe('engine (synthetic knowledge base)', () => {
  it('the synthetic knowledge base itself is lint-clean', () => {
    expect(lintKnowledgeBase(syntheticKb())).toEqual([])
  })

  // Guide places (synthetic-kb.ts): temple jaw +1, scm +0.67, neck-a +0.33; back-of-neck neck-a +1, neck-b +0.5;
  // thumb neck-b +1; head jaw +1 (neck-a and scm unlisted); neck neck-b +1, neck-a +0.5.
  it.each<[string, Partial<EngineInput>, Record<string, number>]>([
    ['essential zone 3, spillover 1.5, plus the place in the temple guide (jaw lies in the temple: +1)', { complaints: [{ region: 'temple', sensations: [] }] }, { jaw: 5, scm: 2.17, 'neck-a': 1.83 }],
    ['a broad region reaches the zones below it at 0.6 (a spillover zone as 2.25); only its own guide adds, at 1.5 for its first', { complaints: [{ region: 'head', sensations: [] }] }, { jaw: 3.3, scm: 1.35, 'neck-a': 1.35 }],
    ['two regions on one side: +1 coverage', { complaints: [{ region: 'temple', side: 'right', sensations: [] }, { region: 'back-of-neck', side: 'right', sensations: [] }] },
      { 'neck-a': 7.83, jaw: 5, 'neck-b': 4.5, scm: 3.17 }],
    ['two regions on opposite sides: no coverage bonus', { complaints: [{ region: 'temple', side: 'right', sensations: [] }, { region: 'back-of-neck', side: 'left', sensations: [] }] },
      { 'neck-a': 6.83, jaw: 5, 'neck-b': 4.5, scm: 3.17 }],
    ['a context the muscle lists adds 1', { complaints: [{ region: 'temple', sensations: [] }], contexts: ['chewing'] }, { jaw: 6, scm: 2.17, 'neck-a': 1.83 }],
    ['a rule adds its weight', { complaints: [{ region: 'temple', sensations: [] }], contexts: ['desk-work'] }, { jaw: 5, 'neck-a': 3.83, scm: 2.17 }],
    ['tingling favours muscles with an entrapment', { complaints: [{ region: 'thumb', sensations: ['tingling'] }] }, { 'neck-b': 4 }],
    ['a condition ranks its muscles 5 down to 2', { conditions: ['temple-headache'] }, { 'neck-a': 5, jaw: 2 }],
    ['a non-pain symptom reaches the muscle that lists it', { sensations: ['dizziness'] }, { scm: 1 }],
    ['a "no" lowers a muscle its "yes" would favour', { complaints: [{ region: 'temple', sensations: [] }], negated: ['context:chewing'] }, { jaw: 4.5, scm: 2.17, 'neck-a': 1.83 }],
  ])('%s', (_name, over, expected) => {
    expect(scores(over)).toEqual(expected)
  })

  it('ranks a muscle that explains several regions above one that explains one', () => {
    expect(order({ complaints: [{ region: 'temple', sensations: [] }, { region: 'back-of-neck', sensations: [] }] })).toEqual(['neck-a', 'jaw', 'neck-b', 'scm'])
    expect(order({ complaints: [{ region: 'back-of-neck', sensations: [] }] })).toEqual(['neck-a', 'neck-b', 'scm'])
  })

  it('gives no coverage bonus for reaching two broad areas: "head and neck" says too little for one source', () => {
    const kinds = (over: Partial<EngineInput>): string[] => recommend(kb, input(over)).muscles.find((m) => m.id === 'neck-a')!.explanation.map((c) => c.kind)
    expect(kinds({ complaints: [{ region: 'temple', sensations: [] }, { region: 'back-of-neck', sensations: [] }] })).toContain('coverage')
    expect(kinds({ complaints: [{ region: 'head', sensations: [] }, { region: 'neck', sensations: [] }] })).not.toContain('coverage')
  })

  it('adds 1 once to a muscle lying in the reported region, with or without a zone there, on the reported side', () => {
    // scm lies in the back of the neck but refers only to the temple; neck-a and neck-b lie there too.
    expect(scores({ complaints: [{ region: 'back-of-neck', sensations: [] }] })).toEqual({ 'neck-a': 5, 'neck-b': 4.5, scm: 1 })
    const r = recommend(kb, input({ complaints: [{ region: 'back-of-neck', side: 'left', sensations: [] }, { region: 'back-of-neck', side: 'left', sensations: [] }] }))
    const scm = r.muscles.find((m) => m.id === 'scm')!
    expect(scm.explanation).toEqual([{ kind: 'local', ref: 'local:back-of-neck', weight: 1, detail: 'Lies in the reported back of neck, where its trigger points are also felt' }])
    expect(scm.sides).toEqual(['left'])
    // Not for a broad region the muscle lies somewhere inside: the neck holds too many muscles to say anything.
    expect(scores({ complaints: [{ region: 'neck', sensations: [] }] })).toEqual({ 'neck-b': 3.3, 'neck-a': 2.55 })
  })

  it('lets the first-listed muscle of a broad region\'s guide lead, against id order', () => {
    expect(scores({ complaints: [{ region: 'neck', sensations: [] }] })).toEqual({ 'neck-b': 3.3, 'neck-a': 2.55 })
    expect(order({ complaints: [{ region: 'neck', sensations: [] }] })).toEqual(['neck-b', 'neck-a'])
  })

  it('counts a place told twice once, and a broad region told with a region inside it as that region', () => {
    const once = scores({ complaints: [{ region: 'back-of-neck', side: 'left', sensations: [] }] })
    expect(scores({ complaints: [{ region: 'back-of-neck', sensations: [] }, { region: 'back-of-neck', side: 'left', sensations: [] }] })).toEqual(once)
    expect(scores({ complaints: [{ region: 'neck', side: 'left', sensations: [] }, { region: 'back-of-neck', sensations: [] }] })).toEqual(once)
    // Regions side by side stay two complaints.
    expect(order({ complaints: [{ region: 'temple', sensations: [] }, { region: 'back-of-neck', sensations: [] }] })[0]).toBe('neck-a')
  })

  it('breaks a tie by the guides before anything else, never by id', () => {
    // neck-a and scm tie at 1.35 for the head; the head guide lists neither, the temple guide lists scm first.
    expect(order({ complaints: [{ region: 'head', sensations: [] }] })).toEqual(['jaw', 'scm', 'neck-a'])
  })

  it('says in the explanation where the pain guides list the muscle', () => {
    const r = recommend(kb, input({ complaints: [{ region: 'temple', sensations: [] }] }))
    const scm = r.muscles.find((m) => m.id === 'scm')!
    expect(scm.explanation).toContainEqual({ kind: 'guide', ref: 'guide:temple', weight: 0.67, detail: 'Listed 2nd of 3 for Temple in the trigger-point pain guides' })
  })

  it.each([
    ['right', 'ipsilateral zone works the same side', 'jaw', ['right']],
    ['right', 'contralateral zone works the other side', 'scm', ['left']],
    ['both', 'both sides', 'jaw', ['left', 'right']],
    [undefined, 'no side given: both sides are checked', 'jaw', ['left', 'right']],
  ] as const)('laterality: %s temple, %s', (side, _why, muscle, sides) => {
    const r = recommend(kb, input({ complaints: [{ region: 'temple', ...(side ? { side } : {}), sensations: [] }] }))
    expect(r.muscles.find((m) => m.id === muscle)!.sides).toEqual(sides)
  })

  it('gives every muscle in an answer its sides, and the focus plan the same sides', () => {
    for (const over of [{ conditions: ['temple-headache'] }, { sensations: ['dizziness'] }, { complaints: [{ region: 'temple', side: 'left' as const, sensations: [] }] }]) {
      const r = recommend(kb, input(over))
      for (const m of r.muscles) expect(m.sides.length, m.id).toBeGreaterThan(0)
      for (const step of r.focusPlan) {
        const sides = r.muscles.find((m) => m.id === step.muscle)!.sides
        expect(step.side).toBe(sides.length === 2 ? 'both' : sides[0])
      }
    }
  })

  it('explains every point of every score with the zone or rule that made it', () => {
    const r = recommend(kb, input({ complaints: [{ region: 'temple', sensations: [] }], contexts: ['desk-work'] }))
    for (const m of r.muscles) expect(m.explanation.reduce((a, e) => a + e.weight, 0)).toBeCloseTo(m.score, 5)
    const neckA = r.muscles.find((m) => m.id === 'neck-a')!
    expect(neckA.explanation.map((e) => `${e.kind}:${e.ref}`)).toEqual(['zone:neck-a@temple', 'guide:guide:temple', 'rule:desk-temple'])
  })

  it.each([
    [{ signs: ['thunderclap'], complaints: [{ region: 'temple', sensations: [] }] }, 'emergency', ['thunder']],
    [{ signs: ['fever'], complaints: [{ region: 'back-of-neck', sensations: [] }] }, 'urgent', ['fever-neck']],
    [{ signs: ['fever'], complaints: [{ region: 'temple', sensations: [] }] }, 'none', []],
  ] as const)('triage of %j is %s', (over, level, flags) => {
    const r = recommend(kb, input(over as unknown as Partial<EngineInput>))
    expect(r.triage.level).toBe(level)
    expect(r.triage.flags.map((f) => f.id)).toEqual(flags)
    if (level === 'urgent' || level === 'emergency') {
      expect(r.muscles).toEqual([])
      expect(r.focusPlan).toEqual([])
    }
  })

  it('a routine flag keeps the plan and adds its advice', () => {
    const r = recommend(kb, input({ signs: ['pregnancy'], complaints: [{ region: 'temple', sensations: [] }] }))
    expect(r.triage).toMatchObject({ level: 'routine', flags: [{ id: 'pregnant', advice: 'Adapt positions.', because: [{ fact: 'sign:pregnancy', label: 'Pregnancy' }] }] })
    expect(r.muscles.length).toBeGreaterThan(0)
    expect(r.focusPlan.length).toBeGreaterThan(0)
  })

  it('a "yes" answer moves a muscle up, and another triggers a red flag', () => {
    const base = input({ complaints: [{ region: 'temple', sensations: [] }] })
    expect(order(base)[0]).toBe('jaw')
    const withConditionAnswer = recommend(kb, input({ conditions: ['temple-headache'] }))
    expect(withConditionAnswer.muscles[0]!.id).toBe('neck-a')
    const chewing = recommend(kb, input({ conditions: ['temple-headache'], answers: { 'ask-chewing': 'yes' } }))
    expect(chewing.muscles.find((m) => m.id === 'jaw')!.score).toBeGreaterThan(withConditionAnswer.muscles.find((m) => m.id === 'jaw')!.score)
    const thumb = recommend(kb, input({ complaints: [{ region: 'back-of-neck', sensations: [] }], answers: { 'ask-thumb': 'yes' } }))
    expect(thumb.muscles[0]!.id).toBe('neck-b')
    const fever = recommend(kb, input({ complaints: [{ region: 'back-of-neck', sensations: [] }], answers: { 'screen-fever': 'yes' } }))
    expect(fever.triage.level).toBe('urgent')
  })

  it('asks at most three questions, red-flag screens first, never one already answered', () => {
    const r = recommend(kb, input({ conditions: ['temple-headache'], complaints: [{ region: 'temple', sensations: [] }] }))
    expect(r.questions.length).toBeLessThanOrEqual(3)
    expect(r.questions[0]).toMatchObject({ id: 'screen-thunder', kind: 'screen' })
    expect(r.questions.map((q) => q.id)).toContain('ask-chewing')
    const again = recommend(kb, input({ conditions: ['temple-headache'], complaints: [{ region: 'temple', sensations: [] }], answers: { 'screen-thunder': 'no', 'ask-chewing': 'unknown' } }))
    expect(again.questions.map((q) => q.id)).not.toContain('screen-thunder')
    expect(again.questions.map((q) => q.id)).not.toContain('ask-chewing')
  })

  it('orders the focus plan key muscle and source before satellite and referral zone', () => {
    const r = recommend(kb, input({ complaints: [{ region: 'temple', sensations: [] }], contexts: ['chewing', 'desk-work'] }))
    const plan = r.focusPlan.map((s) => s.muscle)
    expect(plan.indexOf('neck-a')).toBeLessThan(plan.indexOf('jaw'))
    expect(r.focusPlan.map((s) => s.order)).toEqual(plan.map((_, i) => i + 1))
    expect(r.focusPlan[0]).toMatchObject({ technique: 'ischemic compression', position: 'Supine.', pressure: 'Moderate.', duration: '30 s.' })
  })

  it('is deterministic: the same input gives the same output, whatever the order of answers', () => {
    const a = recommend(kb, input({ complaints: [{ region: 'temple', sensations: [] }], answers: { 'ask-chewing': 'yes', 'ask-thumb': 'no' } }))
    const b = recommend(kb, input({ complaints: [{ region: 'temple', sensations: [] }], answers: { 'ask-thumb': 'no', 'ask-chewing': 'yes' } }))
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })

  it('honours the limit', () => {
    expect(recommend(kb, input({ complaints: [{ region: 'temple', sensations: [] }], limit: 1 })).muscles).toHaveLength(1)
  })
})
