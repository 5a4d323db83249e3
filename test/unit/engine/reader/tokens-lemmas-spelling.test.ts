/**
 * The reader's first passes, each alone: tokens (spans, sentences, clauses, shorthand, a hard cap
 * on word length), lemmas (inflections and British spellings to one form, never onto a different
 * word) and spelling (typos corrected to the vocabulary, real English words left alone, run-together
 * words split only into a known phrase).
 */
import { describe, expect, it } from 'vitest'
import { buildEnglish } from '../../../../src/engine/reader/english.js'
import { createLemmatizer } from '../../../../src/engine/reader/lemmas.js'
import { createSpeller } from '../../../../src/engine/reader/spelling.js'
import { MAX_WORD, normalizeWord, tokenize } from '../../../../src/engine/reader/tokens.js'

const english = buildEnglish()

describe('tokens', () => {
  it('keeps spans, and numbers sentences and clauses', () => {
    const text = 'My knee hurts, but my hip is fine. Temp 38.9!'
    const t = tokenize(text)
    expect(t.map((x) => x.norm)).toEqual(['my', 'knee', 'hurts', 'but', 'my', 'hip', 'is', 'fine', 'temp', '38.9'])
    expect(t.map((x) => text.slice(x.start, x.end))).toEqual(['My', 'knee', 'hurts', 'but', 'my', 'hip', 'is', 'fine', 'Temp', '38.9'])
    expect(t.map((x) => x.sentence)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1])
    expect(t[3]!.gap).toBe('clause')
    expect(t[8]!.gap).toBe('sentence')
  })

  it.each([
    ["can't", ['cannot']], ['w/', ['with']], ["isn't", ['is', 'not']], ["I'm", ['i', 'am']], ['lol', []], ['Ⅷ', ['viii']],
  ])('reads %s as %j', (word, norms) => {
    expect(tokenize(word).map((x) => x.norm)).toEqual(norms)
  })

  it('a dash inside a word is no pause; between spaces it is', () => {
    expect(tokenize('cord-like bump').map((t) => t.gap)).toEqual(['none', 'none', 'none'])
    expect(tokenize('at night - calf cramps').map((t) => t.gap)).toEqual(['none', 'none', 'comma', 'none'])
  })

  it('reads punctuation said aloud to voice-to-text as the mark itself', () => {
    const t = tokenize('my back comma last week it went full stop my neck question mark')
    expect(t.map((x) => x.norm)).toEqual(['my', 'back', 'last', 'week', 'it', 'went', 'my', 'neck'])
    expect(t.map((x) => x.gap)).toEqual(['none', 'none', 'comma', 'none', 'none', 'none', 'sentence', 'none'])
    expect(t.map((x) => x.sentence)).toEqual([0, 0, 0, 0, 0, 0, 1, 1])
  })

  it('keeps an over-long word opaque, so no pass spends more on it', () => {
    const [t] = tokenize('a'.repeat(MAX_WORD + 1))
    expect(t!.norm).toBe('')
  })

  it.each([['Knee', 'knee'], ['CANT', 'cannot'], ['Café', 'cafe'], ['don’t', 'dont'], ['naïve', 'naive'], ['ＫＮＥＥ', 'knee']])('normalises %s as %s, plain ASCII or not', (raw, norm) => {
    expect(normalizeWord(raw)).toBe(norm)
  })

  it('never lets a word reach Object.prototype', () => {
    expect(tokenize('constructor __proto__ toString').map((t) => t.norm)).toEqual(['constructor', 'proto', 'tostring'])
  })
})

describe('lemmas', () => {
  const { lemma } = createLemmatizer(english, new Set(['stiff', 'tight', 'sciatica', 'tingle', 'lat']))
  it.each([
    ['squeezing', 'squeeze'], ['squeezed', 'squeeze'], ['feet', 'foot'], ['calves', 'calf'], ['knees', 'knee'], ['stiffness', 'stiff'],
    ['stiffer', 'stiff'], ['tighter', 'tight'], ['tightest', 'tight'], ['aching', 'ache'], ['biting', 'bite'], ['jogging', 'jog'], ['tingling', 'tingle'], ['dizziness', 'dizzy'],
    ['colour', 'color'], ['suddenly', 'sudden'], ['swollen', 'swell'], ['swelling', 'swell'],
  ])('%s → %s', (word, base) => expect(lemma(word)).toBe(base))

  it.each(['shoulder', 'early', 'morning', 'left', 'sciatica', 'bus', 'this', 'latest'])('leaves %s as it is', (word) => expect(lemma(word)).toBe(word))
})

describe('spelling', () => {
  const vocabulary = new Set(['shoulder', 'blade', 'neck', 'back', 'tingling', 'temperature', 'heel', 'toes'])
  const speller = createSpeller(english, vocabulary, new Set(['shoulder blade']))
  it.each([
    ['sholder', ['shoulder']], ['shuolder', ['shoulder']], ['nek', ['neck']], ['bak', ['back']], ['tingeling', ['tingling']],
    ['temprature', ['temperature']], ['shoulderblade', ['shoulder', 'blade']],
  ])('corrects %s to %j', (typo, fixed) => expect(speller.fix(typo)).toEqual(fixed))

  it.each(['toys', 'coffee', 'football', 'heels', 'neck', 'xqzvbn'])('leaves %s alone (a real word, known, or hopeless)', (word) => expect(speller.fix(word)).toBeNull())
})
