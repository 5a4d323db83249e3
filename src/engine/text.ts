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


const NEGATORS = new Set(['no', 'not', 'without', 'never', 'dont', 'doesnt', 'isnt', 'didnt', 'arent', 'wasnt', 'nor', 'none', 'neither', 'nothing', 'denies', 'havent', 'hasnt'])
const NEGATION_WINDOW = 5
/** "not sure if it's tennis elbow" hedges; it does not deny. */
const HEDGES = new Set(['sure', 'certain', 'only', 'just'])
const SIDE_WORDS: Record<string, Side> = { left: 'left', right: 'right', both: 'both', bilateral: 'both' }
const STOP = new Set(('a an and the my me i im ive it its is are was were be been have has had of in on at to for with from by when ' +
  'this that these those there here very really so but or if then than too also just some any all side sides after before ' +
  'day days week weeks month months year years time times get gets got feel feels feeling felt like lot bit much more most ' +
  'since about around into over under up down out off can cannot do does did am your you he she they them his her our ' +
  'while during every each first last again always often sometimes usually lately recently now still being which what where who how ' +
  'ago old aged age yo yrs started start starts came come comes go goes went keep keeps kind sort quite pretty bad worse worst ' +
  'better badly constant constantly sudden suddenly gradual gradually slowly today yesterday tonight morning night monday tuesday ' +
  'wednesday thursday friday saturday sunday please help hi hello thanks thank one two three four five six seven eight nine ten ' +
  'few several couple hour hours whenever especially mostly mainly lot lots also even though although however because since ' +
  'area spot place part bit little thing things should would could will just am hurt hurting pain').split(' '))

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

const MOVEMENTS = new Set(['turn', 'turns', 'turning', 'lift', 'lifts', 'lifting', 'raise', 'raising', 'cross', 'crossing', 'straighten',
  'straightening', 'bend', 'bending', 'lean', 'leaning', 'move', 'moving', 'stretch', 'stretching', 'brush', 'brushing', 'hit', 'hitting',
  'shake', 'shaking', 'nod', 'nodding', 'tilt', 'tilting', 'rotate', 'rotating', 'over', 'above', 'hold', 'holding', 'use', 'using'])
const QUALIFIERS = new Set(['when', 'while', 'during', 'if', 'unless', 'until', 'after', 'before'])
const DENIAL_WORDS = new Set(['hurt', 'hurts', 'ache', 'aches', 'sore', 'painful', 'bother', 'bothers', 'fine', 'ok', 'okay', 'normal', 'good'])

/** Whether the words right after position `at` deny what was just named ("doesn't hurt", "is fine"). */
function deniedAfter(words: Word[], at: number): boolean {
  const next = words.slice(at, at + 3).filter((w) => w.gap !== 'sentence' && w.gap !== 'clause')
  const neg = next.findIndex((w) => NEGATORS.has(w.norm))
  if (neg >= 0) {
    const k = next.findIndex((w, j) => j > neg && DENIAL_WORDS.has(w.norm))
    // "my knees don't hurt when walking" denies the walking, not the knees.
    return k >= 0 && !QUALIFIERS.has(words[at + k + 1]?.norm ?? '')
  }
  return next.slice(0, 2).some((w) => w.norm === 'is' || w.norm === 'are' || w.norm === 'feels') && next.slice(0, 3).some((w) => ['fine', 'ok', 'okay', 'normal'].includes(w.norm))
}

/**
 * Which vocabulary entries named inside a longer phrase also count: the region and the sensation
 * named by a condition ("neck pain"), the sensation in a region phrase ("lower back pain"), the region
 * in a sensation ("stuffy ear"); in a sign, another sign, its sensations and a region among its first
 * two words ("swollen calf", not "chin to chest"). Never inside an activity ("turning my head").
 */
function innerKeeps(outer: readonly PhraseTarget[], t: PhraseTarget, offset: number): boolean {
  if (outer.some((h) => h.type === t.type && h.id === t.id)) return false
  const types = new Set(outer.map((h) => h.type))
  if (t.type === 'region') {
    if (types.has('region')) return false
    return types.has('condition') || types.has('sensation') || (types.has('sign') && offset < 2)
  }
  if (t.type === 'sensation') return !types.has('sensation') && (types.has('condition') || types.has('sign') || types.has('region'))
  return t.type === 'sign' && types.has('sign')
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
      if (words.slice(i + 1, i + n).some((x) => x.sentence !== w.sentence)) continue
      const hit = lookup(kb, words, i, n)
      if (!hit) continue
      matched = n
      const last = words[i + n - 1]!
      // "top of my left foot": a side inside the phrase belongs to it.
      for (let j = i + 1; j < i + n; j++) if (words[j]!.side) side = words[j]!.side
      const base = { phrase: hit.phrase, span: [w.start, last.end] as [number, number], negated: i <= negateUntil, sentence: w.sentence, clause: w.clause, at: i }
      // "my knee doesn't hurt", "my thumb is fine": a region denied just after it is named.
      if (!base.negated && hit.targets.some((t) => t.type === 'region') && deniedAfter(words, i + n)) base.negated = true
      // "when I turn my head", "lift my arm": a body part moved, not a complaint.
      const moved = i > 0 && MOVEMENTS.has(words[i - 1]!.norm) && words[i - 1]!.clause === w.clause
      for (const target of hit.targets) {
        if (target.type === 'region' && moved) continue
        findings.push({ ...target, ...base, ...(target.type === 'region' && side ? { side } : {}) })
      }
      // "neck pain" is a condition and names the neck; "stiff neck and fever" is one sign that also names a fever.
      for (let j = i; j < i + n && n > 1; j++) {
        for (let k = Math.min(i + n - j - (j === i ? 1 : 0), reach(kb, words, j)); k >= 1; k--) {
          const inner = lookup(kb, words, j, k)
          const extra = inner?.targets.filter((t) => innerKeeps(hit.targets, t, j - i))
          if (!inner || !extra?.length) continue
          for (const t of extra) findings.push({ ...t, ...base, phrase: inner.phrase, span: [words[j]!.start, words[j + k - 1]!.end], ...(t.type === 'region' && side ? { side } : {}) })
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
  return { findings: findings.map(({ at: _at, ...f }) => f), unrecognized }
}
