/**
 * The reader's cost stays linear whatever a client types: each hostile input of the full length
 * (characters that expand under normalisation, one giant word, a body word or pattern repeated)
 * against ordinary messages of the same length, timed in alternation in this process. The bound is
 * a ratio between the two, generous against a noisy machine; no absolute time is asserted.
 */
import { describe, expect, it } from 'vitest'
import { hostileTexts, ordinaryText } from '../../../../bench/hostile-text.js'
import { compileKnowledgeBase } from '../../../../src/engine/compile.js'
import { TEXT_MAX_CHARS } from '../../../../src/limits.js'
import { understand } from '../../../../src/engine/understand.js'
import { loadSeed } from '../../../../src/kb/loader.js'
import { SEED_DIR } from '../../../../src/kb/paths.js'

const MAX_RATIO = 8
const { kb: seedKb, version } = loadSeed(SEED_DIR)
const kb = compileKnowledgeBase(seedKb, version)

/** CPU microseconds of `runs` reads of a text. */
function cost(text: string, runs: number): number {
  const start = process.cpuUsage()
  for (let i = 0; i < runs; i++) understand(kb, text)
  const used = process.cpuUsage(start)
  return used.user + used.system
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

describe('reader cost on hostile text', () => {
  const ordinary = ordinaryText()
  it('compares inputs of the same, full length', () => {
    expect(ordinary.length).toBeGreaterThan(TEXT_MAX_CHARS * 0.9)
    for (const h of hostileTexts()) expect(h.text.length, h.name).toBe(TEXT_MAX_CHARS)
  })

  it.each(hostileTexts())('$name costs at most a few times ordinary text', ({ text }) => {
    for (let i = 0; i < 20; i++) { understand(kb, text); understand(kb, ordinary) }
    const ratios: number[] = []
    for (let round = 0; round < 7; round++) ratios.push(cost(text, 10) / cost(ordinary, 10))
    expect(median(ratios), ratios.map((r) => r.toFixed(1)).join(' ')).toBeLessThanOrEqual(MAX_RATIO)
  })
})
