/**
 * The reader's later passes, each on a small knowledge base of its own: phrases (longest first,
 * phrases inside phrases, sides, moved body parts), negation scope, sign patterns (word classes,
 * regions standing for the regions inside them, order and span, denials, a relative's history),
 * and numbers (ages, temperatures, weight lost, weeks of pregnancy).
 */
import { describe, expect, it } from 'vitest'
import { buildReader, type Finding } from '../../../../src/engine/reader/index.js'
import { negationScopes } from '../../../../src/engine/reader/negation.js'
import { readNumbers } from '../../../../src/engine/reader/numbers.js'
import type { KnowledgeBase } from '../../../../src/kb/schema.js'

const region = (id: string, parentId: string | null, synonyms: string[] = []) => ({ id, label: id.replace(/-/g, ' '), parentId, sided: true, synonyms })
const kb: Pick<KnowledgeBase, 'regions' | 'sensations' | 'contexts' | 'signs' | 'conditions' | 'terms' | 'muscles'> = {
  regions: [region('chest', null), region('breastbone', 'chest', ['sternum']), region('neck', null), region('heel', null), region('calf', null), region('back', null),
    region('flank', null, ['pain in my side'])],
  sensations: [{ id: 'pain', label: 'Pain', category: 'pain', synonyms: ['hurt', 'sore'] }, { id: 'numbness', label: 'Numbness', category: 'neurological', synonyms: ['numb'] },
    { id: 'stiffness', label: 'Stiffness', category: 'motor', synonyms: ['stiff', 'tight'] }],
  contexts: [{ id: 'walking', label: 'Walking', synonyms: ['walk'] }],
  signs: [
    { id: 'fever', label: 'Fever', synonyms: ['temperature'], passes: true },
    { id: 'arm-weak', label: 'Arm weak', synonyms: ['arm went weak'] },
    { id: 'stiff-neck', label: 'Stiff neck', synonyms: ['stiff neck'] },
    { id: 'chest-pressure', label: 'Chest pressure', synonyms: [], patterns: [{ all: ['region:chest', 'term:squeeze'], span: 5 }] },
    { id: 'exertional', label: 'On effort', synonyms: [], patterns: [{ all: ['term:while', 'term:effort'], span: 4, ordered: true }] },
    { id: 'swallowing-trouble', label: 'Trouble swallowing', synonyms: ['hard to swallow'], deniedBy: ['swallow'] },
    { id: 'cancer-history', label: 'Cancer', synonyms: [], patterns: [{ all: ['term:cancer'] }], history: true },
    { id: 'unexplained-weight-loss', label: 'Weight loss', synonyms: [] },
    { id: 'pregnancy', label: 'Pregnancy', synonyms: ['pregnant'] },
    { id: 'pregnancy-after-20-weeks', label: 'Pregnant 20 weeks or more', synonyms: [] },
    { id: 'had-a-fall', label: 'A fall', synonyms: [], patterns: [{ all: ['term:fall'] }] },
    { id: 'calf-bigger', label: 'One calf bigger', synonyms: [], patterns: [{ all: ['region:calf', 'bigger'], notWith: ['same'] }] },
  ],
  conditions: [],
  terms: [
    { id: 'squeeze', label: 'Squeezing', words: ['squeeze', 'crushing', 'pressure'] },
    { id: 'while', label: 'While', words: ['when', 'while'] },
    { id: 'effort', label: 'Effort', words: ['walk up', 'stairs', 'hill'] },
    { id: 'cancer', label: 'Cancer', words: ['cancer', 'breast cancer'] },
    { id: 'relative', label: 'Relative', words: ['mum', 'dad', 'sister'] },
    { id: 'fall', label: 'Fall', words: ['fell'] },
  ],
  muscles: [],
}
const ancestors = new Map([['breastbone', ['chest']]])
const reader = buildReader(kb, ancestors)
const said = (text: string): string[] => reader.read(text).findings.map((f: Finding) => `${f.negated ? '-' : ''}${f.type}:${f.id}${f.side ? '/' + f.side : ''}${f.moved ? '(moved)' : ''}`).sort()

describe('phrases and sides', () => {
  it.each([
    ['my left heel hurts', ['region:heel/left', 'sensation:pain']],
    ['pain in my heel on the right', ['region:heel/right', 'sensation:pain']],
    ['both calves are tight', ['region:calf/both', 'sensation:stiffness']],
    ['my calves are tight', ['region:calf/both', 'sensation:stiffness']],
    ['stiff neck', ['region:neck', 'sensation:stiffness', 'sign:stiff-neck']],
    ['it hurts when I turn my neck', ['region:neck(moved)', 'sensation:pain']],
    ['my back is sore', ['region:back', 'sensation:pain']],
    ['it came back again', []],
    ["my heel is tight, stretching helps then they're back", ['region:heel', 'sensation:stiffness']],
    ["it's back pain again", ['region:back', 'sensation:pain']],
    ['my heel started hurting a fortnight back', ['region:heel', 'sensation:pain']],
    ["can't get my strength back", []],
    ['the flu has left my neck stiff', ['region:neck', 'sensation:stiffness']],
    ['it settled right down, heel still sore', ['region:heel', 'sensation:pain']],
    ['pain in my side', ['region:flank', 'sensation:pain']],
    ['my heel is tight and stiff, neck fine', ['region:heel', 'sensation:stiffness', 'sensation:stiffness', '-region:neck']],
    ['bro my heel hurts', ['region:heel', 'sensation:pain']],
    ['pain in the left side of my neck', ['region:neck/left', 'sensation:pain']],
  ])('"%s" → %j', (text, findings) => expect(said(text)).toEqual([...findings].sort()))
})

describe('negation scope', () => {
  it.each([
    ['no numbness or stiffness', ['-sensation:numbness', '-sensation:stiffness']],
    ['no temperature and not numb', ['-sign:fever', '-sensation:numbness']],
    ['not numb, just stiff', ['-sensation:numbness', 'sensation:stiffness']],
    ['my heel is not sore', ['-region:heel', '-sensation:pain']],
    ['my heel is fine', ['-region:heel']],
    ['not sure if my heel is sore', ['region:heel', 'sensation:pain']],
    ["the temperature's gone", ['-sign:fever']],
    ["had a temperature last week, that's all gone now, neck sore", ['-sign:fever', 'region:neck', 'sensation:pain']],
    ['a temperature, antibiotics sorted it', ['-sign:fever']],
    ['a temperature for two days and it is getting worse', ['sign:fever']],
    ['my arm went weak for ten minutes, it has gone now', ['sign:arm-weak']],
    ["temperature's been gone five days, neck sore", ['-sign:fever', 'region:neck', 'sensation:pain']],
    ['the temperature has gone 2 days now', ['-sign:fever']],
    ['temp 39, should I wait till the temperature goes', ['sign:fever', 'sign:fever']],
    ['the pain goes down my heel', ['sensation:pain', 'region:heel']],
    ['I could not walk', ['context:walking']],
    ['my heel is sore, fine when walking', ['region:heel', 'sensation:pain', '-context:walking']],
    ['walking doesnt help numb heel', ['context:walking', 'sensation:numbness', 'region:heel']],
    ['Numb? Nah not really, heel stiff', ['-sensation:numbness', 'region:heel', 'sensation:stiffness']],
    ['Numb? No. Heel stiff', ['-sensation:numbness', 'region:heel', 'sensation:stiffness']],
    ['Calf numb? No, not at all', ['region:calf', '-sensation:numbness']],
    ['Numb? Nah, probably nothing', ['sensation:numbness']],
    ['physio asked about numbness or a temperature, no to everything', ['-sensation:numbness', '-sign:fever']],
    ['Numb? No idea, my heel is stiff', ['sensation:numbness', 'region:heel', 'sensation:stiffness']],
    // A starting point and a comparison are no denial; a comparison with something named still is.
    ['my heel went from nothing to numb overnight', ['region:heel', 'sensation:numbness']],
    ['this heel stiffness is nothing like my usual', ['region:heel', 'sensation:stiffness']],
    ['not like my usual numb heel', ['sensation:numbness', 'region:heel']],
    ['heel stiff, not like numb', ['region:heel', 'sensation:stiffness', '-sensation:numbness']],
    ['no no no no no numbness', ['-sensation:numbness']],
    ['had a temperature, normal temperature now', ['-sign:fever', '-sign:fever']],
    ['not numb as such, more stiff in the heel', ['-sensation:numbness', 'sensation:stiffness', 'region:heel']],
    ['my heel is still not right', ['region:heel']],
  ])('"%s" → %j', (text, findings) => expect(said(text)).toEqual([...findings].sort()))
})

describe('"fine when ..."', () => {
  const words = (...norms: string[]) => norms.map((norm, i) => ({ norm, token: i, start: 0, end: 0, sentence: 0, clause: 0, gap: 'none' as const }))
  it('denies what is said to be no trouble, but never the rest that eases it', () => {
    expect(negationScopes(words('fine', 'when', 'walk'), [])).toEqual([false, true, true])
    expect(negationScopes(words('fine', 'when', 'rest'), [])).toEqual([false, false, false])
    expect(negationScopes(words('fine', 'when', 'i', 'sit'), [])).toEqual([false, false, false, false])
  })
})

describe('sign patterns', () => {
  it.each([
    ['crushing pressure in my sternum', ['region:breastbone', 'sign:chest-pressure']],
    ['crushing', []],
    ['it hurts when I walk up the hill', ['sensation:pain', 'sign:exertional']],
    ['the hill is nice when it is sunny', []],
    ['I had breast cancer', ['sign:cancer-history']],
    ['my mum had breast cancer', []],
    ['swallowing is fine', ['-sign:swallowing-trouble']],
  ])('"%s" → %j', (text, findings) => expect(said(text).filter((f) => !f.includes('sensation:') || findings.includes(f))).toEqual([...findings].sort()))

  it('of two sayings of a sign, keeps the said one, then the shorter, whichever pattern is tried first', () => {
    const signAt = (text: string): string[] => reader.read(text).findings.filter((f) => f.id === 'chest-pressure').map((f) => `${f.negated ? '-' : ''}${f.phrase}`)
    expect(signAt('crushing and heavy in my chest. pressure in my chest')).toEqual(['pressure in my chest'])
    expect(signAt('no pressure in my chest, but my sternum is crushing now')).toEqual(['sternum is crushing'])
  })

  it('a message about someone else speaks of them: their history is theirs, not family history', () => {
    expect(said('booking for my dad who had breast cancer, his back is sore')).toContain('sign:cancer-history')
    expect(said('my mum had breast cancer, my back is sore')).not.toContain('sign:cancer-history')
    // "her" once against the writer's own I and my, again and again: the message is the writer's.
    expect(said('my mum had breast cancer and I sat by her bed all week, I am stiff and my back is sore')).not.toContain('sign:cancer-history')
    // One "her" against the writer's "I" and "my heel": the sister's cancer is hers.
    expect(said('my sister had breast cancer so I looked after her, my heel is sore')).not.toContain('sign:cancer-history')
  })

  it('what a relative has now is a warning all the same: only history signs are family history', () => {
    expect(said('my mum has crushing pressure in her chest')).toContain('sign:chest-pressure')
    expect(said('my mum had breast cancer')).not.toContain('sign:cancer-history')
  })

  it('"it" opening a clause speaks of the body part named before it, for the sign patterns', () => {
    expect(said('my chest feels odd today and it is crushing')).toContain('sign:chest-pressure')
    expect(said('my heel feels odd today and it is crushing')).not.toContain('sign:chest-pressure')
  })

  it('an explanation said only to be denied explains nothing ("not the same")', () => {
    expect(said('my calf is bigger and always the same')).not.toContain('sign:calf-bigger')
    expect(said('my calf is bigger and not the same as before')).toContain('sign:calf-bigger')
  })

  it('an everyday chat word is never "corrected" into the vocabulary: "old fella" is no fall', () => {
    expect(said('old fella here, I fell')).toEqual(['sign:had-a-fall'])
    expect(said('old fella here, heel sore')).toEqual(['region:heel', 'sensation:pain'])
  })

  it('a relative reporting is not the subject: "my sister says I had cancer"', () => {
    expect(said('my sister says I had cancer')).toContain('sign:cancer-history')
  })
})

describe('numbers', () => {
  it('a heart rate said of exercise is no racing heart', () => {
    expect(readNumbers('my HR hit 180 on my run').signs.map((s) => s.id)).not.toContain('heart-racing')
    expect(readNumbers('pulse 96 sitting down').signs.map((s) => s.id)).not.toContain('heart-racing')
  })

  it.each([
    ["I'm 71", 71], ['my dad (72) has back pain', 72], ['she\'s 88', 88], ['63yo', 63], ['in my seventies', 75], ['I am over 50', 51], ['back pain. 75', 75],
    ["I'm 34 weeks pregnant", null], ['52m, hip ache', 52],
    ["I'm pushing 75 and my back aches", 75], ['getting on for 80 now', 80], ['pushing 20 kg at the gym', null], ['nearly 70 now, sore hip', 70],
    ['Farmer, 68. Headaches in both temples', 68], ['she is in her late eighties', 88], ['no digits, no age here', null], ['No fall. 38 if that matters.', 38], ['lower back sore, 56', 56], ['lower back sore, 56 and fit', null], ["I'm 70 if it helps", 70], ['lifted 20 if that helps', null], ['68 and never get headaches', 68], ['20 years ago I broke my leg', null], ['sparky here, 54. burning in my gut', 54], ['Sore neck, 38.5 this morning', null],
  ])('age in "%s" is %s', (text, age) => expect(readNumbers(text).age?.age ?? null).toBe(age))

  it.each([
    ['temperature of 38.9', 'fever'], ['temp 39', 'fever'], ['101F', 'fever'], ['38.5C', 'fever'], ['temp 36.8', '-fever'],
    ['lost a stone', 'unexplained-weight-loss'], ['lost three and a half stone since spring', 'unexplained-weight-loss'], ['dropped 8kg without dieting', 'unexplained-weight-loss'], ['lost 6 kg on my diet', null],
    ['34 weeks pregnant', 'pregnancy-after-20-weeks'], ["I'm 30 wks, headache", 'pregnancy-after-20-weeks'], ['36 weeks with twins', 'pregnancy-after-20-weeks'],
    // No digit at all: the patterns that need none still read.
    ["I'm in my third trimester", 'pregnancy-after-20-weeks'], ['second trimester, sore back', 'pregnancy'],
    ['my HR is 118 sitting on the sofa', 'heart-racing'], ['watch says 130 bpm at rest', 'heart-racing'],
  ])('"%s" says %s', (text, sign) => {
    const signs = readNumbers(text).signs.map((s) => `${s.negated ? '-' : ''}${s.id}`)
    if (sign === null) expect(signs.filter((s) => s.includes('weight'))).toEqual([])
    else expect(signs).toContain(sign)
  })
})
