/**
 * Hostile free text for the reader's cost (issue: "no input of 2,000 characters costs more than a
 * few times an ordinary one"): characters that expand under Unicode normalisation, one giant word,
 * a word or phrase the reader acts on repeated to the length limit, and ordinary text of the same
 * length to compare with. Used by the benchmark row and the reader-cost test.
 */
import { TEXT_MAX_CHARS } from '../src/limits.js'
import { textMessages } from './inputs.js'

const fill = (unit: string): string => unit.repeat(Math.ceil(TEXT_MAX_CHARS / unit.length)).slice(0, TEXT_MAX_CHARS)

/** Ordinary client messages joined up to the length limit. */
export function ordinaryText(): string {
  let text = ''
  for (const m of textMessages()) {
    if (text.length + m.length + 1 > TEXT_MAX_CHARS) break
    text += (text ? ' ' : '') + m
  }
  return text
}

/** Distinct made-up words near the knowledge base's spelling (each one reaches the speller): deterministic. */
function nonsense(): string {
  let seed = 12345
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  let text = ''
  while (text.length < TEXT_MAX_CHARS) {
    let w = 's'
    for (let i = 1; i < 8; i++) w += 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]
    text += w + ' '
  }
  return text.slice(0, TEXT_MAX_CHARS)
}

/** Inputs of the full length that stress one pass each. */
export function hostileTexts(): { name: string; text: string }[] {
  return [
    { name: 'distinct nonsense words (speller, no repeats)', text: nonsense() },
    ...[
    ['U+2177 small roman eight (expands to "viii")', '\u2177'],
    ['ligature ffi (expands to "ffi")', '\ufb03'],
    ['one giant word', 'a'],
    ['short unknown words (speller)', 'xqz '],
    ['a misspelled body word (speller)', 'sholdr '],
    ['a region repeated', 'shin '],
    ['a pain word repeated', 'pain '],
    ['negation cues repeated', 'no '],
    ['side words repeated', 'left '],
    ['temperatures repeated', '38.9 '],
    ['heart rates on a run repeated', 'HR 180 on my run '],
    ['a sign pattern repeated', 'numb bum '],
    ['an effort phrase repeated', 'when i walk up the hill '],
    ['nested phrases repeated', 'stiff neck and fever '],
    ['a relative and a history repeated', 'my mum had cancer '],
  ].map(([name, unit]) => ({ name: name!, text: fill(unit!) })),
  ]
}
