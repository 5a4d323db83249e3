/**
 * Third pass: finds the knowledge base's phrases in the client's words (longest first), with the
 * side each region is on. Phrases and words are compared in canonical form (see lemmas.ts), with
 * fillers dropped, so "pain in the back of my left knee" meets "back of knee". Builds its own
 * index (phrase → what it names) once per knowledge base. Pure.
 */
import type { KnowledgeBase } from '../../kb/schema.js'
import type { PhraseIndex, PhraseMatch, PhraseNode, PhraseTarget, PhraseType, RawPhrase, Side, Word } from '../types.js'
import { MOVEMENTS } from './words.js'

/** Every phrase a knowledge base names things by, raw (before canonical form): label, id words, synonyms. */
export function phrasesOf(kb: Pick<KnowledgeBase, 'regions' | 'sensations' | 'contexts' | 'signs' | 'conditions' | 'terms' | 'muscles'>): RawPhrase[] {
  const out: RawPhrase[] = []
  const add = (type: PhraseType, id: string, list: string[], byMuscle = false): void => { for (const phrase of list) out.push({ type, id, phrase, ...(byMuscle ? { byMuscle } : {}) }) }
  // A region's id is a name of it too, unless another region goes by that name ("leg" is the whole leg; the region \`leg\` is the lower leg).
  const named = new Set(kb.regions.flatMap((r) => [r.label, ...r.synonyms].map((x) => x.toLowerCase())))
  const ownNames = (r: { label: string; synonyms: string[] }): Set<string> => new Set([r.label, ...r.synonyms].map((x) => x.toLowerCase()))
  for (const r of kb.regions) {
    const idName = r.id.replace(/-/g, ' ')
    add('region', r.id, [r.label, ...r.synonyms, ...(named.has(idName) && !ownNames(r).has(idName) ? [] : [idName])])
  }
  for (const s of kb.sensations) add('sensation', s.id, [s.label, ...s.synonyms])
  for (const c of kb.contexts) add('context', c.id, [c.label, ...c.synonyms])
  // A sign's label describes it ("Worst headache of my life"); only its synonyms and patterns are read.
  for (const s of kb.signs) add('sign', s.id, s.synonyms)
  for (const c of kb.conditions) add('condition', c.id, [c.name, c.id.replace(/-/g, ' '), ...c.aliases])
  for (const t of kb.terms) add('term', t.id, t.words)
  // A muscle the client names ("knots in my rhomboids", "tight traps") says where it hurts: where the muscle lies.
  for (const m of kb.muscles) add('region', m.regions[0]!, [m.name.replace(/\s*\([^)]*\)/g, ''), ...m.aliases], true)
  return out
}

/**
 * Build the phrase index.
 * @param phrases raw phrases (see phrasesOf)
 * @param canonical a phrase's canonical words (normalised, fillers dropped, lemmatised)
 */
export function buildPhraseIndex(phrases: readonly RawPhrase[], canonical: (phrase: string) => string[]): PhraseIndex {
  const root: PhraseNode = { next: new Map() }
  const joined = new Map<string, PhraseTarget[]>()
  // A region's own names come first; a muscle's name only places a complaint where no region goes by it.
  const ordered = [...phrases.filter((p) => !p.byMuscle), ...phrases.filter((p) => p.byMuscle)]
  for (const { type, id, phrase, byMuscle } of ordered) {
    const words = canonical(phrase)
    if (words.length === 0) continue
    let node = root
    for (const w of words) {
      let child = node.next.get(w)
      if (!child) node.next.set(w, (child = { next: new Map() }))
      node = child
    }
    if (byMuscle && node.targets?.some((t) => t.type === 'region')) continue
    node.phrase = words.join(' ')
    node.targets ??= []
    if (!node.targets.some((t) => t.type === type && t.id === id)) node.targets.push({ type, id, key: `${type}:${id}` })
    if (words.length === 1) joined.set(words[0]!, node.targets)
  }
  return { root, joined }
}

/**
 * Which entries named inside a longer phrase also count: the region and sensation in a condition
 * ("neck pain"), the sensation in a region phrase, the region in a sensation ("stuffy ear"); in a
 * sign, its sensations, other signs and a region among its first two words ("swollen calf"); word
 * classes inside anything but another word class.
 */
function innerKeeps(outer: readonly PhraseTarget[], t: PhraseTarget, offset: number): boolean {
  if (outer.some((h) => h.type === t.type && h.id === t.id)) return false
  const types = new Set(outer.map((h) => h.type))
  // Word classes are the reader's own: kept inside any phrase but a body part or another class ("fell asleep" is no fall, "dead leg" no weakness).
  if (t.type === 'term') return !types.has('term') && !types.has('region')
  if (t.type === 'region') {
    if (types.has('region') || types.has('context')) return false
    return types.has('condition') || types.has('sensation') || (types.has('sign') && offset < 2)
  }
  if (t.type === 'sensation') return !types.has('sensation') && (types.has('condition') || types.has('sign') || types.has('region'))
  return t.type === 'sign' && types.has('sign')
}

/**
 * The longest phrase starting at word \`from\` and ending before \`limit\` (never past its sentence):
 * one past its last word and the trie node it ends on; null when none starts there.
 */
function longest(index: PhraseIndex, words: readonly Word[], from: number, limit: number): { to: number; node: PhraseNode } | null {
  let node: PhraseNode | undefined = index.root
  let best: { to: number; node: PhraseNode } | null = null
  // A phrase never runs across punctuation: "tight and sore, both sides" is no "sore side".
  for (let j = from; j < limit && (j === from || words[j]!.gap === 'none'); j++) {
    node = node.next.get(words[j]!.norm)
    if (!node) break
    if (node.targets) best = { to: j + 1, node }
  }
  // "shoulder blade" in the text for the one-word phrase "shoulderblade".
  if (!best && from + 1 < limit && words[from + 1]!.gap === 'none') {
    const key = words[from]!.norm + words[from + 1]!.norm
    const targets = index.joined.get(key)
    if (targets) best = { to: from + 2, node: { next: new Map(), phrase: key, targets: [...targets] } }
  }
  return best
}

/**
 * Find the phrases in a message's words, longest first, each word in at most one outer phrase.
 * @param index the phrase index
 * @param words the message's words in canonical form, without fillers and side words
 */
export function matchPhrases(index: PhraseIndex, words: readonly Word[]): PhraseMatch[] {
  const out: PhraseMatch[] = []
  let side: Side | undefined
  let sentence = -1
  for (let i = 0; i < words.length;) {
    const w = words[i]!
    if (w.sentence !== sentence) {
      sentence = w.sentence
      side = undefined
    }
    if (w.side) side = w.side
    const hit = longest(index, words, i, words.length)
    if (!hit) {
      i += 1
      continue
    }
    const targets = hit.node.targets!
    for (let j = i + 1; j < hit.to; j++) if (words[j]!.side) side = words[j]!.side
    const previous = words[i - 1]
    const moved = previous !== undefined && MOVEMENTS.has(previous.norm) && previous.clause === w.clause
    const at = (t: PhraseTarget, from: number, to: number, phrase: string): PhraseMatch => {
      // Every field set (undefined when it does not apply), so every match has one object shape.
      const region = t.type === 'region'
      return {
        type: t.type, id: t.id, key: t.key, from, to, sentence: w.sentence, clause: w.clause, phrase, span: [words[from]!.start, words[to - 1]!.end],
        side: region ? side : undefined, moved: region && moved && from === i ? true : undefined, denied: undefined,
      }
    }
    for (const t of targets) out.push(at(t, i, hit.to, hit.node.phrase!))
    // "neck pain" is a condition and names the neck and the pain; "stiff neck and fever" also names
    // the neck inside "stiff neck". Every word starts its own longest inner phrase (they may overlap).
    if (hit.to - i > 1) {
      const inner: PhraseMatch[] = []
      for (let j = i; j < hit.to; j++) {
        const sub = longest(index, words, j, j === i ? hit.to - 1 : hit.to)
        if (!sub) continue
        for (const t of sub.node.targets!) {
          if (!innerKeeps(targets, t, j - i)) continue
          if (inner.some((o) => o.type === t.type && o.id === t.id && o.from <= j && sub.to <= o.to)) continue
          inner.push(at(t, j, sub.to, sub.node.phrase!))
        }
      }
      out.push(...inner)
    }
    i = hit.to
  }
  return out
}

/**
 * A side named after a region that has none: just after it ("pain in my heel on the right"), or
 * closing its sentence ("hip hurts at the front when I lift my knee, left"), which names the side of
 * every region of the sentence still without one (a region moved, "lift my knee", is no complaint).
 */
export function sidesAfter(matches: PhraseMatch[], sides: readonly { at: number; side: Side; sentence: number }[], words: readonly Word[]): void {
  // Words that may follow a closing side word: "..., left side", "left-hand side", "left one".
  const closes = (s: { at: number; sentence: number }): boolean => {
    let i = s.at
    while (i < words.length && words[i]!.sentence === s.sentence && SIDE_TAIL.has(words[i]!.norm)) i++
    return i >= words.length || words[i]!.sentence !== s.sentence
  }
  for (const m of matches) {
    if (m.type !== 'region' || m.side) continue
    const next = matches.find((g) => g.type === 'region' && g.from > m.from && g.sentence === m.sentence)
    const after = sides.find((s) => s.at >= m.to && s.at - m.to <= 4 && s.sentence === m.sentence && (!next || s.at < next.from))
    if (after) m.side = after.side
    else if (!m.moved) {
      const closing = sides.find((s) => s.at >= m.to && s.sentence === m.sentence && closes(s))
      if (closing) m.side = closing.side
    }
  }
}
const SIDE_TAIL = new Set(['side', 'hand', 'one', 'only'])
