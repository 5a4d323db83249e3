/**
 * The free-text reader: runs the passes in order (tokens → canonical words with spelling → phrases
 * → the part of a region said with it → negation → sign patterns → numbers) and returns every
 * finding with its span, side, clause and whether the client denied it. Built once per knowledge
 * base (each pass builds its own index); reading is pure and linear in the text, and the text is
 * never kept beyond the call.
 */
import type { KnowledgeBase } from '../../kb/schema.js'
import type { Finding, PhraseMatch, Reader, Side, Word } from '../types.js'
import { buildEnglish } from './english.js'
import { createLemmatizer } from './lemmas.js'
import { answeredNo, deniedAfter, deniedMatches, ENDINGS, negationScopes, resolvingClauses } from './negation.js'
import { readNumbers } from './numbers.js'
import { buildPhraseIndex, matchPhrases, phrasesOf, sidesAfter } from './phrases.js'
import { buildPartIndex, readParts } from './parts.js'
import { buildSignPatterns, patternSigns } from './signs.js'
import { createSpeller } from './spelling.js'
import { normalizeWord, tokenize } from './tokens.js'
import { FILLERS, NEGATORS, SIDE_WORDS } from './words.js'
import { STOP } from './stop-words.js'
import { aboutOther, saidOfRelative } from './subject.js'

export type { Finding } from '../types.js'

/** Paired body parts: written in the plural ("my knees") they are on both sides. */
const PAIRED = new Set(['leg', 'arm', 'knee', 'foot', 'hand', 'calf', 'shoulder', 'hip', 'thigh', 'ankle', 'wrist', 'elbow', 'shin', 'heel', 'eye', 'ear',
  'temple', 'cheek', 'forearm', 'buttock', 'hamstring', 'quad', 'glute'])

/**
 * A region that means another in the plural: in everyday English "my shoulders" (tense shoulders,
 * knots in my shoulders, neck and shoulders) is the ridge from the neck to the shoulder tip, not
 * the joint, which clients name in the singular ("my shoulder hurts when I reach") or with a condition
 * ("rotator cuff pain in both shoulders").
 */
const PLURAL_MEANS: ReadonlyMap<string, string> = new Map([['shoulder', 'top-of-shoulder']])

/**
 * "Everything hurts on my left side", "down my right side": a side of the body named with no body
 * part in its sentence is the whole body on that side.
 */
function vagueSides(words: readonly Word[], matches: readonly PhraseMatch[]): PhraseMatch[] {
  const out: PhraseMatch[] = []
  words.forEach((w, i) => {
    if (w.norm !== 'side' || !w.side || matches.some((m) => m.from <= i && i < m.to)) return
    if (matches.some((m) => m.type === 'region' && m.sentence === w.sentence) || out.some((m) => m.sentence === w.sentence)) return
    out.push({ type: 'region', id: WHOLE_BODY, key: `region:${WHOLE_BODY}`, phrase: 'side', from: i, to: i + 1, span: [w.start, w.end], sentence: w.sentence, clause: w.clause, side: w.side, moved: undefined, denied: undefined })
  })
  return out
}

/** "came back", "flew back", "back to normal": the word back, but not the body's back. */
function notTheBack(m: PhraseMatch, words: readonly Word[], tokens: readonly { norm: string }[]): boolean {
  if (m.type !== 'region' || m.to - m.from !== 1 || words[m.from]!.norm !== 'back') return false
  // "my back", "bad back again": a possessive or a complaint word before it makes it the body's.
  if (BACK_OWNERS.has(tokens[words[m.from]!.token - 1]?.norm ?? '')) return false
  if (BACK_VERBS.has(words[m.from - 1]?.norm ?? '') || BACK_AFTER.has(words[m.to]?.norm ?? '')) return true
  // "a fortnight back", "4 years back", "a while back": ago.
  if (AGO_UNITS.has(words[m.from - 1]?.norm ?? '')) return true
  // "can't get my splits back", "want my strength back": a verb two or three words before, and the clause ends.
  const next = words[m.to]
  const ends = !next || next.gap !== 'none'
  // "then they're back", "and it's back": returned, when nothing follows in the clause ("it's back pain" is the back).
  if (ends && RETURNED.has(tokens[words[m.from]!.token - 1]?.norm ?? '')) return true
  return ends && [2, 3].some((k) => GET_BACK.has(words[m.from - k]?.norm ?? '') && words[m.from - k]!.clause === words[m.from]!.clause)
}
const AGO_UNITS = new Set(['day', 'week', 'fortnight', 'month', 'year', 'yr', 'while', 'time', 'way', 'ago'])
const RETURNED = new Set(['theyre', 'its', 'shes', 'hes', 'thats', 'is', 'are', 'was', 'were', 'be', 'been', 'am'])
const GET_BACK = new Set(['get', 'want', 'have', 'give', 'bring', 'put', 'win', 'gain', 'take'])

/**
 * "Can't open my mouth more than two fingers wide", "I can fit one finger between my teeth": a body
 * part used as a measure, after a count and before a measure word (or after "fit"), is no complaint.
 */
function asMeasure(m: PhraseMatch, words: readonly Word[]): boolean {
  if (m.type !== 'region' || !COUNTS.has(words[m.from - 1]?.norm ?? '')) return false
  return MEASURES.has(words[m.to]?.norm ?? '') || words[m.from - 2]?.norm === 'fit'
}
const COUNTS = new Set(['one', 'two', 'three', 'four', '1', '2', '3', '4', 'half'])
const MEASURES = new Set(['wide', 'width', 'breadth', 'apart', 'deep', 'between', 'gap', 'space'])

/** "pain in the left side of my neck": the side of something else, which that thing's own phrase reads. */
function sideOfSomething(m: PhraseMatch, words: readonly Word[]): boolean {
  const next = words[m.to]
  return m.type === 'region' && words[m.to - 1]!.norm === 'side' && next !== undefined && next.gap === 'none' && next.norm === 'of'
}
const BACK_OWNERS = new Set(['my', 'his', 'her', 'your', 'their', 'our', 'bad', 'sore', 'stiff', 'achy', 'aching', 'painful', 'dodgy', 'gammy', 'whole', 'mid', 'lower', 'upper'])
const BACK_VERBS = new Set(['come', 'go', 'get', 'fly', 'drive', 'walk', 'run', 'bring', 'turn', 'call', 'send', 'look', 'head', 'ride', 'sit', 'lean', 'step',
  'move', 'pay', 'give', 'take', 'write', 'hold', 'fight', 'cut', 'set', 'bounce', 'roll', 'kick', 'lie', 'travel', 'cycle', 'swim', 'push', 'pull', 'think', 'way',
  'straight'])
const BACK_AFTER = new Set(['to', 'again', 'home', 'then', 'from', 'into', 'later', 'now', 'soon', 'normal', 'together', 'up', 'in', 'at', 'on', 'of'])

const RIGHT_AS_ADVERB = new Set(['down', 'away', 'now', 'there', 'here', 'through', 'up', 'after', 'before', 'across', 'round', 'around', 'off', 'out', 'into',
  'onto', 'over', 'at', 'by', 'under', 'in', 'on', 'along', 'behind', 'next', 'enough', 'as', 'to', 'from', 'between', 'below', 'above', 'where', 'when', 'then'])
/** "Still not right", "doesn't feel right", "all right": well, not a side. */
const RIGHT_AS_WELL = new Set(['not', 'feel', 'feels', 'feeling', 'felt', 'quite', 'all', 'aint'])
const LEFT_AS_VERB = new Set(['has', 'have', 'had', 'having', 'it', 'which', 'that', 'this', 'i', 'just', 'they', 'he', 'she', 'we', 'you', 'finally', 'eventually', 'then'])

/**
 * "My left calf feels tight, and it's puffy and warm", "My forearm got crushed. No break, but now
 * it's tight as a drum": a clause that opens with "it" or "they" speaks of the body part named last
 * before it, in its sentence or the one before. For the sign patterns only, that body part is said
 * again at the pronoun, so "calf ... puffy" is read within one clause.
 */
function carriedRegions(words: readonly Word[], matches: readonly PhraseMatch[]): PhraseMatch[] {
  const out: PhraseMatch[] = []
  const regions = matches.filter((m) => m.type === 'region' && !m.denied)
  words.forEach((w, i) => {
    // The pronoun opens its clause, after at most a "but", "and" or "now".
    let start = i
    while (start > 0 && words[start - 1]!.clause === w.clause && CLAUSE_OPENERS.has(words[start - 1]!.norm)) start--
    if (!PRONOUNS.has(w.norm) || (start > 0 && words[start - 1]!.clause === w.clause)) return
    const before = regions.filter((r) => r.sentence >= w.sentence - 1 && r.to <= i).reduce<PhraseMatch | undefined>((a, r) => (a && a.to >= r.to ? a : r), undefined)
    if (before) out.push({ ...before, from: i, to: i + 1, span: [w.start, w.end], clause: w.clause })
  })
  return out
}
const PRONOUNS = new Set(['it', 'they', 'theyre'])
const CLAUSE_OPENERS = new Set(['but', 'and', 'now', 'then', 'so', 'still'])

/** Whether a clause is the first of its sentence. */
function isFirstClause(tokens: readonly { sentence: number; clause: number }[], at: { sentence: number; clause: number }): boolean {
  const first = tokens.find((w) => w.sentence === at.sentence)
  return first !== undefined && first.clause === at.clause
}

/**
 * A finding with every field present, undefined when it does not apply: findings (like words) share
 * one object shape, which keeps every pass's property reads monomorphic (with the words' and phrase
 * matches' fields made the same, about 4 % of the reader's time on the benchmark).
 */
function finding(f: Omit<Finding, 'side' | 'moved' | 'inferred'> & { side?: Side | undefined; moved?: boolean | undefined; inferred?: boolean | undefined }): Finding {
  return { type: f.type, id: f.id, phrase: f.phrase, span: f.span, negated: f.negated, sentence: f.sentence, clause: f.clause, side: f.side, moved: f.moved || undefined, inferred: f.inferred || undefined }
}

/** The region a vague "side" stands for. */
const WHOLE_BODY = 'whole-body'

const normalizePhrase = (phrase: string): string[] => phrase.split(/[^\p{L}\p{N}'\u2019]+/u).map(normalizeWord).filter((w) => w !== '')

/**
 * Build the reader of a knowledge base.
 * @param kb the knowledge base (its vocabularies, word classes and sign patterns)
 * @param ancestors region id → its ancestors, nearest first
 */
export function buildReader(kb: Pick<KnowledgeBase, 'regions' | 'sensations' | 'contexts' | 'signs' | 'conditions' | 'terms' | 'muscles'>,
  ancestors: ReadonlyMap<string, readonly string[]>): Reader {
  const english = buildEnglish()
  const raw = phrasesOf(kb)
  const ownWords = new Set<string>()
  const rawPhrases = new Set<string>()
  for (const { phrase } of raw) {
    const words = normalizePhrase(phrase).filter((w) => !FILLERS.has(w))
    for (const w of words) ownWords.add(w)
    rawPhrases.add(words.join(' '))
  }
  const { lemma } = createLemmatizer(english, ownWords)
  const canonical = (phrase: string): string[] => normalizePhrase(phrase).filter((w) => !FILLERS.has(w)).map(lemma)
  // A side word in a phrase would be read as a side marker in the text: such phrases are said with
  // patterns instead ("both" + "leg"), and labels like "... down both legs" name nothing to read.
  const phrases = buildPhraseIndex(raw.filter((p) => !normalizePhrase(p.phrase).some((w) => SIDE_WORDS.has(w))), canonical)
  const speller = createSpeller(english, ownWords, rawPhrases)
  const signPatterns = buildSignPatterns(kb.signs, (w) => lemma(normalizeWord(w)))
  const passing = new Set(kb.signs.filter((s) => s.passes).map((s) => s.id))
  const history = new Set(kb.signs.filter((s) => s.history).map((s) => s.id))
  const sided = new Set(kb.regions.filter((r) => r.sided).map((r) => r.id))
  const regionIds = new Set(kb.regions.map((r) => r.id))
  // For each region meant otherwise in the plural: the conditions lying in it but not in the part meant.
  const within = (r: string, region: string): boolean => r === region || (ancestors.get(r) ?? []).includes(region)
  const elsewhereIn = new Map([...PLURAL_MEANS].map(([region, part]) => [region,
    new Set(kb.conditions.filter((c) => c.regions.some((r) => within(r, region)) && !c.regions.includes(part)).map((c) => c.id))]))
  const regionKeys = new Map([...ancestors].map(([id, up]) => [id, up.map((a) => `region:${a}`)]))
  const hasWholeBody = kb.regions.some((r) => r.id === WHOLE_BODY)
  const parts = buildPartIndex(kb.regions)

  /**
   * A word's canonical forms: itself or its lemma when real, else its spelling fix (one word or a
   * split). A capitalised word inside a sentence is a name ("Spain"): never corrected.
   */
  const canonicalWord = (w: string, name: boolean, fixes: Map<string, string[]>): { forms: string[]; inflected: boolean } => {
    const l = lemma(w)
    if (ownWords.has(w) || english.words.has(w) || /\d/.test(w) || l !== w || name) return { forms: [l], inflected: l !== w }
    // Corrected once per message: a typo repeated costs nothing more.
    let forms = fixes.get(w)
    if (!forms) fixes.set(w, (forms = speller.fix(w)?.map(lemma) ?? [w]))
    return { forms, inflected: false }
  }

  return {
    canonical,
    read(text) {
      const tokens = tokenize(text)
      const words: Word[] = []
      const skipped = new Set<number>()
      const fixes = new Map<string, string[]>()
      const sides: { at: number; side: Side; sentence: number }[] = []
      let pendingSide: Side | undefined
      let pendingGap: Word['gap'] = 'none'
      const rank = (g: Word['gap']): number => ['none', 'comma', 'clause', 'sentence'].indexOf(g)
      tokens.forEach((t, i) => {
        if (t.norm === '') return
        // "has left my neck stiff", "I left work": the verb; "settled right down", "right in the middle": an intensifier; "not right": unwell.
        const notSide = (t.norm === 'left' && LEFT_AS_VERB.has(tokens[i - 1]?.norm ?? '')) || (t.norm === 'right' && (RIGHT_AS_ADVERB.has(tokens[i + 1]?.norm ?? '') || RIGHT_AS_WELL.has(tokens[i - 1]?.norm ?? '')))
        const side = notSide ? undefined : SIDE_WORDS.get(t.norm)
        if (FILLERS.has(t.norm) || side) {
          if (side) {
            pendingSide = side
            sides.push({ at: words.length, side, sentence: t.sentence })
          }
          if (rank(t.gap) > rank(pendingGap)) pendingGap = t.gap
          skipped.add(i)
          return
        }
        const first = i === 0 || tokens[i - 1]!.sentence !== t.sentence
        const { forms, inflected } = canonicalWord(t.norm, !first && /^\p{Lu}\p{Ll}/u.test(text.slice(t.start, t.end)), fixes)
        forms.forEach((norm, k) => {
          const gap = k > 0 ? 'none' : rank(pendingGap) > rank(t.gap) ? pendingGap : t.gap
          const plural = inflected && PAIRED.has(norm)
          const gerund = inflected && t.norm.endsWith('ing')
          // Every word has every field, undefined when it does not apply: one object shape (see finding()).
          words.push({
            norm, token: i, start: t.start, end: t.end, sentence: t.sentence, clause: t.clause, gap,
            side: k === 0 ? pendingSide : undefined, plural: plural || undefined, gerund: gerund || undefined,
          })
          pendingSide = undefined
          pendingGap = 'none'
        })
      })
      const parted = readParts(parts, regionIds, words, tokens, matchPhrases(phrases, words).filter((m) => !notTheBack(m, words, tokens) && !sideOfSomething(m, words) && !asMeasure(m, words)))
      const matches = parted.matches
      sidesAfter(matches, sides, words)
      const conditionsSaid = new Set(matches.filter((c) => c.type === 'condition').map((c) => `${c.sentence}:${c.id}`))
      for (const m of matches) {
        if (m.type !== 'region' || m.to - m.from !== 1 || !words[m.from]!.plural) continue
        const meant = PLURAL_MEANS.get(m.id)
        if (!meant || !regionIds.has(meant)) continue
        // A condition said in the sentence that lies in the region but not in that part ("rotator cuff
        // pain in both shoulders", "frozen shoulders") says the joint is meant.
        if ([...elsewhereIn.get(m.id) ?? []].some((id) => conditionsSaid.has(`${m.sentence}:${id}`))) continue
        m.id = meant
        m.key = `region:${meant}`
      }
      for (const m of matches) if (m.type === 'region' && !m.side && words[m.to - 1]!.plural && sided.has(m.id)) m.side = 'both'
      if (hasWholeBody) matches.push(...vagueSides(words, matches))
      // Negation scopes, read once: for the phrase matches here and for every word's denial below.
      const scopes = negationScopes(words, matches)
      const denied = deniedMatches(words, matches, scopes)
      const answered = answeredNo(text, tokens)
      // A question answered no denies what was asked about (the swelling), not where (the calves).
      matches.forEach((m, i) => { m.denied = denied[i]! || (answered.has(m.sentence) && m.type !== 'region') })
      const withDenial = matches
      const used = new Set<number>(parted.used)
      for (const m of matches) for (let i = m.from; i < m.to; i++) used.add(words[i]!.token)
      const others = aboutOther(words, tokens, withDenial)
      // Family history is not the client's: a history sign said of a relative is left out. What a
      // relative has now ("my husband has crushing chest pain") is a warning all the same.
      const ofRelative = (id: string, from: number, clause: number): boolean => history.has(id) && !others && saidOfRelative(words, tokens, withDenial, from, clause)
      const findings: Finding[] = []
      for (const m of withDenial) {
        if (m.type === 'term' || (m.type === 'sign' && ofRelative(m.id, m.from, m.clause))) continue
        findings.push(finding({ type: m.type, id: m.id, phrase: m.phrase, span: m.span, negated: m.denied === true, sentence: m.sentence, clause: m.clause, side: m.side, moved: m.moved }))
      }
      const sideWords = sides.map((s) => ({ norm: s.side, at: Math.min(s.at, words.length - 1) })).filter((s) => s.at >= 0)
      // A word is denied inside a negation's scope, or when said to be normal right after ("swallowing is fine").
      const deniedWord = words.map((w, i) => scopes[i]! || deniedAfter(words, i + 1) || answered.has(w.sentence))
      for (const s of patternSigns(signPatterns, words, [...withDenial, ...carriedRegions(words, withDenial)], regionKeys, deniedWord, sideWords, others)) {
        if (ofRelative(s.id, s.from, s.clause) || findings.some((f) => f.type === 'sign' && f.id === s.id && (!f.negated || s.negated))) continue
        findings.push(finding({ type: 'sign', id: s.id, phrase: text.slice(s.span[0], s.span[1]), span: s.span, negated: s.negated, sentence: s.sentence, clause: s.clause, inferred: s.inferred }))
        if (!s.negated) for (const t of s.tokens) used.add(t)
      }
      const numbers = readNumbers(text)
      for (const s of numbers.signs) {
        const at = tokens.findIndex((t) => t.start >= s.span[0])
        findings.push(finding({ type: 'sign', id: s.id, phrase: text.slice(s.span[0], s.span[1]), span: s.span, negated: s.negated, sentence: tokens[at]?.sentence ?? 0, clause: tokens[at]?.clause ?? 0 }))
      }
      // A fever or an infection said to be over ("that's all gone now") is not there now: a later clause
      // of its sentence, or the first clause of the next, ends it.
      const endings = passing.size > 0 ? resolvingClauses(tokens, words.filter((w) => ENDINGS.has(w.norm)).map((w) => w.token)) : []
      if (endings.length > 0) {
        for (const f of findings) {
          if (f.type !== 'sign' || f.negated || !passing.has(f.id)) continue
          if (endings.some((e) => (e.sentence === f.sentence && e.start >= f.span[1]) || (e.sentence === f.sentence + 1 && isFirstClause(tokens, e)))) f.negated = true
        }
      }
      // ... and so is one said, then denied later on ("had a temperature last week ... temperature's
      // been normal since Friday"): the later word is the one that holds now.
      const lastDenied = new Map<string, number>()
      for (const g of findings) {
        if (g.type === 'sign' && g.negated && !g.inferred && passing.has(g.id)) lastDenied.set(g.id, Math.max(lastDenied.get(g.id) ?? -1, g.span[0]))
      }
      for (const f of findings) {
        if (f.type === 'sign' && !f.negated && (lastDenied.get(f.id) ?? -1) > f.span[1]) f.negated = true
      }
      const unrecognized = tokens
        .map((t, i) => ({ t, i }))
        .filter(({ t, i }) => t.norm !== '' && !used.has(i) && !skipped.has(i) && !STOP.has(t.norm) && !NEGATORS.has(t.norm) && !/^\d/.test(t.norm))
        .slice(0, 30)
        .map(({ t }) => ({ word: text.slice(t.start, t.end), span: [t.start, t.end] as [number, number] }))
      const terms = withDenial.filter((m) => m.type === 'term').map((m) => ({ id: m.id, span: m.span, negated: m.denied === true }))
      return { findings, terms, age: numbers.age, onset: numbers.onset, unrecognized }
    },
  }
}
