/**
 * Reads free text against the phrase index: regions (with side), sensations, contexts, signs and
 * conditions, each with the character span it came from; negations ("no numbness", "not when I
 * chew"); misspellings, run-together and split words; and the words it could not place.
 * Pure; the text is never kept beyond the call.
 */
import type { CompiledKb } from './compile.js'
import { FILLERS } from './normalize.js'
import type { PhraseTarget } from './phrases.js'
import { patternSigns, type PatternItem } from './sign-patterns.js'
import { deniedAfter, HEDGES, innerKeeps, MOVEMENTS, NEGATION_WINDOW, NEGATORS, SIDE_WORDS, STOP } from './text-rules.js'
import { tokenize, type Token } from './tokens.js'
import type { Side } from './types.js'

export interface TextFinding extends PhraseTarget {
  phrase: string
  span: [number, number]
  side?: Side
  negated: boolean
  sentence: number
  clause: number
}

export interface TextReading {
  findings: TextFinding[]
  unrecognized: { word: string; span: [number, number] }[]
}

interface Word extends Token {
  /** Index of the token it came from (a split word gives two words with one token). */
  token: number
  /** A side word ("left", "both") that stood just before this word, skipped for matching. */
  side: Side | undefined
}


function expand(kb: CompiledKb, tokens: Token[]): { words: Word[]; skipped: Set<number> } {
  const out: Word[] = []
  const skipped = new Set<number>()
  let pendingSide: Side | undefined
  let pendingGap: Token['gap'] = 'none'
  const push = (t: Token, norm: string, token: number, gap: Token['gap']): void => {
    out.push({
      norm, start: t.start, end: t.end, sentence: t.sentence, clause: t.clause, token,
      gap: rank(pendingGap) > rank(gap) ? pendingGap : gap, side: pendingSide,
    })
    pendingSide = undefined
    pendingGap = 'none'
  }
  tokens.forEach((t, i) => {
    if (FILLERS.has(t.norm) || (t.norm in SIDE_WORDS && !kb.phrases.maxByFirst.has(t.norm))) {
      if (t.norm in SIDE_WORDS) pendingSide = SIDE_WORDS[t.norm]
      if (rank(t.gap) > rank(pendingGap)) pendingGap = t.gap
      skipped.add(i)
      return
    }
    const known = kb.phrases.byPhrase.has(t.norm) || kb.speller.known(t.norm) || STOP.has(t.norm) || NEGATORS.has(t.norm)
    if (known) return push(t, t.norm, i, t.gap)
    const parts = kb.speller.split(t.norm)
    if (parts) {
      push(t, parts[0], i, t.gap)
      return push(t, parts[1], i, 'none')
    }
    const fixed = kb.speller.correct(t.norm) ?? (t.norm.endsWith('s') ? kb.speller.correct(t.norm.slice(0, -1)) : null)
    push(t, fixed ?? t.norm, i, t.gap)
  })
  return { words: out, skipped }
}

function rank(gap: Token['gap']): number {
  return gap === 'sentence' ? 3 : gap === 'clause' ? 2 : gap === 'comma' ? 1 : 0
}

function singular(w: string): string | null {
  return w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : null
}

/** How many words a phrase starting at word i can have at most (0: no phrase starts here). */
function reach(kb: CompiledKb, words: Word[], i: number): number {
  const w = words[i]!.norm
  const s = singular(w)
  const byFirst = Math.max(kb.phrases.maxByFirst.get(w) ?? 0, s ? kb.phrases.maxByFirst.get(s) ?? 0 : 0)
  const joined = i + 1 < words.length && kb.phrases.byPhrase.has(w + words[i + 1]!.norm) ? 2 : 0
  return Math.min(Math.max(byFirst, joined), words.length - i)
}

function lookup(kb: CompiledKb, words: Word[], i: number, n: number): { phrase: string; targets: readonly PhraseTarget[] } | null {
  let phrase = words[i]!.norm
  for (let j = i + 1; j < i + n; j++) phrase += ' ' + words[j]!.norm
  const exact = kb.phrases.byPhrase.get(phrase)
  if (exact) return { phrase, targets: exact }
  if (n === 2) {
    const joined = words[i]!.norm + words[i + 1]!.norm
    const t = kb.phrases.byPhrase.get(joined)
    if (t) return { phrase: joined, targets: t }
  }
  const last = words[i + n - 1]!.norm
  if (last.length > 3 && last.endsWith('s')) {
    const head = phrase.slice(0, phrase.length - last.length)
    for (const alt of [head + last.replace(/(es|s)$/, ''), head + last.slice(0, -1)]) {
      const t = kb.phrases.byPhrase.get(alt)
      if (t) return { phrase: alt, targets: t }
    }
  }
  return null
}

/** Whether words i..i+n-1 run past the sentence of word i. */
function crossesSentence(words: Word[], i: number, n: number): boolean {
  const sentence = words[i]!.sentence
  for (let j = i + 1; j < i + n; j++) if (words[j]!.sentence !== sentence) return true
  return false
}

type Base = Pick<TextFinding, 'phrase' | 'span' | 'negated' | 'sentence' | 'clause'> & { at: number }

/** A finding for a phrase target (field by field: object spreads cost more than the rest of reading). */
function finding(t: PhraseTarget, base: Base, phrase: string, span: [number, number], side: Side | undefined): TextFinding & { at: number } {
  const f: TextFinding & { at: number } = { type: t.type, id: t.id, phrase, span, negated: base.negated, sentence: base.sentence, clause: base.clause, at: base.at }
  if (t.type === 'region' && side) f.side = side
  return f
}

/**
 * Read a message.
 * @param kb compiled knowledge base (its phrase index and speller)
 * @param text the client's words, already length-checked
 */
export function readText(kb: CompiledKb, text: string): TextReading {
  const tokens = tokenize(text)
  const { words, skipped } = expand(kb, tokens)
  const findings: (TextFinding & { at: number })[] = []
  const used = new Set<number>()
  const sideAt: { at: number; side: Side; sentence: number }[] = []
  let side: Side | undefined
  let negateUntil = -1
  for (let i = 0; i < words.length;) {
    const w = words[i]!
    if (w.gap === 'sentence') side = undefined
    if (w.gap === 'sentence' || w.gap === 'clause') negateUntil = -1
    if (w.side) {
      side = w.side
      sideAt.push({ at: i, side, sentence: w.sentence })
    }
    let matched = 0
    for (let n = reach(kb, words, i); n >= 1 && matched === 0; n--) {
      if (crossesSentence(words, i, n)) continue
      const hit = lookup(kb, words, i, n)
      if (!hit) continue
      matched = n
      const last = words[i + n - 1]!
      // "top of my left foot": a side inside the phrase belongs to it.
      for (let j = i + 1; j < i + n; j++) if (words[j]!.side) side = words[j]!.side
      const base: Base = { phrase: hit.phrase, span: [w.start, last.end], negated: i <= negateUntil, sentence: w.sentence, clause: w.clause, at: i }
      // "my knee doesn't hurt", "my thumb is fine": a region denied just after it is named.
      if (!base.negated && hit.targets.some((t) => t.type === 'region') && deniedAfter(words, i + n)) base.negated = true
      // "when I turn my head", "lift my arm": a body part moved, not a complaint.
      const moved = i > 0 && MOVEMENTS.has(words[i - 1]!.norm) && words[i - 1]!.clause === w.clause
      for (const target of hit.targets) {
        if (target.type === 'region' && moved) continue
        findings.push(finding(target, base, base.phrase, base.span, side))
      }
      // "neck pain" is a condition and names the neck; "stiff neck and fever" is one sign that also names a fever.
      for (let j = i; j < i + n && n > 1; j++) {
        for (let k = Math.min(i + n - j - (j === i ? 1 : 0), reach(kb, words, j)); k >= 1; k--) {
          const inner = lookup(kb, words, j, k)
          const extra = inner?.targets.filter((t) => innerKeeps(hit.targets, t, j - i))
          if (!inner || !extra?.length) continue
          for (const t of extra) findings.push(finding(t, base, inner.phrase, [words[j]!.start, words[j + k - 1]!.end], side))
          j += k - 1
          break
        }
      }
      for (let j = i; j < i + n; j++) used.add(words[j]!.token)
    }
    if (matched > 0) {
      i += matched
      continue
    }
    if (w.norm in SIDE_WORDS) {
      side = SIDE_WORDS[w.norm]!
      sideAt.push({ at: i, side, sentence: w.sentence })
      used.add(w.token)
    } else if (NEGATORS.has(w.norm) && !HEDGES.has(words[i + 1]?.norm ?? '')) {
      negateUntil = i + NEGATION_WINDOW
      used.add(w.token)
    }
    i += 1
  }
  // Signs said in scattered words: "my calf is red and swollen".
  // Every token in its corrected form(s), in order (words skip fillers and sides; patterns need "both").
  const items: PatternItem[] = []
  let wi = 0
  tokens.forEach((t, i) => {
    let any = false
    while (wi < words.length && words[wi]!.token === i) {
      const w = words[wi++]!
      items.push({ norm: w.norm, start: t.start, end: t.end, clause: t.clause, sentence: t.sentence, token: i })
      any = true
    }
    if (!any) items.push({ norm: t.norm, start: t.start, end: t.end, clause: t.clause, sentence: t.sentence, token: i })
  })
  for (const hit of patternSigns(kb.signPatterns, items, (x) => NEGATORS.has(x))) {
    if (findings.some((f) => f.type === 'sign' && f.id === hit.id && f.clause === hit.clause)) continue
    findings.push({ type: 'sign', id: hit.id, phrase: hit.words, span: hit.span, negated: hit.negated, sentence: hit.sentence, clause: hit.clause, at: -1 })
    hit.tokens.forEach((t) => used.add(t))
  }
  // "pain in my heel on the right": a side named just after a region with none.
  for (const f of findings) {
    if (f.type !== 'region' || f.side) continue
    const next = findings.find((g) => g.type === 'region' && g.at > f.at && g.sentence === f.sentence)
    const after = sideAt.find((s) => s.at > f.at && s.at - f.at <= 5 && s.sentence === f.sentence && (!next || s.at < next.at))
    if (after) f.side = after.side
  }
  const unrecognized = tokens
    .map((t, i) => ({ t, i }))
    .filter(({ t, i }) => !used.has(i) && !skipped.has(i) && !STOP.has(t.norm) && !NEGATORS.has(t.norm) && !(t.norm in SIDE_WORDS) && !/^\d+$/.test(t.norm))
    .slice(0, 30)
    .map(({ t }) => ({ word: text.slice(t.start, t.end), span: [t.start, t.end] as [number, number] }))
  return {
    findings: findings.map((f) => {
      const out: TextFinding = { type: f.type, id: f.id, phrase: f.phrase, span: f.span, negated: f.negated, sentence: f.sentence, clause: f.clause }
      if (f.side) out.side = f.side
      return out
    }),
    unrecognized,
  }
}
