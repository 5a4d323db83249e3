/**
 * Sixth pass: signs said in words that are not next to each other. A sign pattern (seed/signs.json)
 * is a set of items that must all be said within one clause, sentence or message, in any order:
 * plain words ("slap"), word classes ("term:effort"), regions (which match any region inside them:
 * "region:chest" matches the breastbone) and other vocabulary ("sensation:numbness"). A pattern all
 * of whose items were said, some only as denied, denies the sign ("no numbness around my bum").
 * Builds its own index (each pattern under one of its items) once per knowledge base. Pure.
 */
import type { Sign } from '../../kb/schema.js'
import type { PatternSign, PatternUnit, PhraseMatch, SignPattern, SignPatternIndex, Word } from '../types.js'
import { RELATIVE } from './subject.js'

const RELATIVE_ITEM = `term:${RELATIVE}`

/** How many mentions of a pattern's first item are tried as its anchor within one unit. */
const MAX_ANCHORS = 8

/**
 * Build the pattern index.
 * @param canonical a plain word's canonical form (so "swollen" meets "swelling")
 */
export function buildSignPatterns(signs: readonly Sign[], canonical: (word: string) => string): SignPatternIndex {
  const item = (x: string): string => (x.includes(':') ? x : canonical(x))
  const patterns: SignPattern[] = []
  const deniedBy = new Map<string, string[]>()
  for (const s of signs) {
    for (const p of s.patterns ?? []) {
      const items = [...new Set(p.all.map(item))]
      const notWith = (p.notWith ?? []).map(item)
      const usesSigns = [...items, ...notWith].some((it) => it.startsWith('sign:'))
      patterns.push({ sign: s.id, items, within: p.within ?? 'clause', span: p.span ?? Infinity, ordered: p.ordered ?? false, notWith, usesSigns })
    }
    if (s.deniedBy) deniedBy.set(s.id, s.deniedBy.map(item))
  }
  const watched = new Set([...patterns.flatMap((p) => [...p.items, ...p.notWith]), ...[...deniedBy.values()].flat()])
  // Every item must be said for a pattern to match, so trying each pattern from one of them finds
  // every match; the item fewest patterns share keeps the patterns tried per message few.
  const sharing = new Map<string, number>()
  for (const p of patterns) for (const it of p.items) sharing.set(it, (sharing.get(it) ?? 0) + 1)
  const byTrigger = new Map<string, SignPattern[]>()
  for (const p of patterns) {
    const trigger = p.items.reduce((a, b) => (sharing.get(b)! < sharing.get(a)! ? b : a))
    const list = byTrigger.get(trigger)
    if (list) list.push(p)
    else byTrigger.set(trigger, [p])
  }
  return { watched, byTrigger, deniedBy }
}

interface Mention {
  item: string
  denied: boolean
  from: number
  to: number
  clause: number
  sentence: number
}

/**
 * One mention of each item within a unit (and within the pattern's span of words), preferring
 * mentions that were not denied; null when an item is missing.
 */
function choose(p: SignPattern, unit: number, byItem: ReadonlyMap<string, Mention[]>): Mention[] | null {
  const lists = p.items.map((it) => (byItem.get(it) ?? []).filter((m) => unitOf(m, p.within) === unit))
  if (lists.some((l) => l.length === 0)) return null
  let best: Mention[] | null = null
  // A bounded number of anchors keeps the cost linear in the text whatever a client repeats.
  for (const anchor of lists[0]!.slice(0, MAX_ANCHORS)) {
    const pick: Mention[] = [anchor]
    for (let i = 1; i < lists.length; i++) {
      // In order: the nearest mention after the previous item's.
      const after = p.ordered ? lists[i]!.filter((m) => m.from > pick[i - 1]!.from) : lists[i]!
      if (after.length === 0) break
      pick.push(nearest(after, anchor))
    }
    if (pick.length < lists.length) continue
    const starts = pick.map((m) => m.from)
    if (Math.max(...starts) - Math.min(...starts) > p.span) continue
    if (!best || pick.filter((m) => m.denied).length < best.filter((m) => m.denied).length) best = pick
  }
  return best
}

/** The mention closest to an anchor, said (not denied) ones first. */
function nearest(list: readonly Mention[], anchor: Mention): Mention {
  let best = list[0]!
  const cost = (m: Mention): number => (m.denied ? 1000 : 0) + Math.abs(m.from - anchor.from)
  for (const m of list) if (cost(m) < cost(best)) best = m
  return best
}

/**
 * Which of two sayings of a sign is kept: one said outweighs one denied, then the shorter, then the
 * earlier; so what is found never depends on the order the patterns are tried in.
 */
function outranks(a: { negated: boolean; from: number; to: number }, b: { negated: boolean; from: number; to: number }): boolean {
  if (a.negated !== b.negated) return !a.negated
  if (a.to - a.from !== b.to - b.from) return a.to - a.from < b.to - b.from
  return a.from < b.from
}

function unitOf(m: Mention, within: PatternUnit): number {
  return within === 'clause' ? m.clause : within === 'sentence' ? m.sentence : 0
}

/**
 * Find the signs whose patterns a message says.
 * @param words the message's words in canonical form
 * @param matches its phrase matches, with `denied` per match
 * @param regionKeys region id → `region:<id>` of each region it lies in (so "region:chest" matches a breastbone)
 * @param deniedWord per word: whether a negation's scope covers it
 * @param sideWords side words ("both", "left"), which are not among the words, at the word they stand before
 * @param aboutOther whether the message is written about someone else: then naming them ("my dad, who
 *   had cancer") does not make a sign family history, so a pattern's `notWith` of relatives is set aside
 */
export function patternSigns(index: SignPatternIndex, words: readonly Word[], matches: readonly PhraseMatch[],
  regionKeys: ReadonlyMap<string, readonly string[]>, deniedWord: readonly boolean[],
  sideWords: readonly { norm: string; at: number }[] = [], aboutOther = false): PatternSign[] {
  const blocks = (item: string): boolean => !(aboutOther && item === RELATIVE_ITEM)
  const byItem = new Map<string, Mention[]>()
  const mention = (item: string, denied: boolean, from: number, to: number, clause: number, sentence: number): void => {
    if (!index.watched.has(item)) return
    const m: Mention = { item, denied, from, to, clause, sentence }
    const list = byItem.get(item)
    if (list) list.push(m)
    else byItem.set(item, [m])
  }
  words.forEach((w, i) => mention(w.norm, deniedWord[i]!, i, i + 1, w.clause, w.sentence))
  for (const s of sideWords) mention(s.norm, deniedWord[s.at]!, s.at, s.at + 1, words[s.at]!.clause, words[s.at]!.sentence)
  for (const m of matches) {
    const denied = m.denied === true
    mention(m.key, denied, m.from, m.to, m.clause, m.sentence)
    // A region also stands for every region it lies in ("region:chest" for the breastbone).
    if (m.type === 'region') for (const k of regionKeys.get(m.id) ?? []) mention(k, denied, m.from, m.to, m.clause, m.sentence)
  }
  const found = new Map<string, PatternSign & { to: number }>()
  // Two rounds: a sign found in the first can be an item of a pattern in the second ("effort onset" + "chest").
  for (let round = 0; round < 2; round++) {
    if (round === 1) {
      for (const [id, f] of found) if (!f.negated) mention(`sign:${id}`, false, f.from, f.to, f.clause, f.sentence)
    }
    for (const item of byItem.keys()) {
      for (const p of index.byTrigger.get(item) ?? []) {
        // The second round adds only signs as mentions: a pattern naming none finds what it found.
        if (round === 1 && !p.usesSigns) continue
        // Most patterns lack an item in a given message: checked first, before any unit is built.
        if (!p.items.every((it) => byItem.has(it))) continue
        const first = byItem.get(p.items[0]!)!
        for (const unit of new Set(first.map((m) => unitOf(m, p.within)))) {
          // An explanation said only to be denied ("not the same size", "no gym") explains nothing.
          if (p.notWith.some((it) => blocks(it) && (byItem.get(it) ?? []).some((m) => !m.denied && unitOf(m, p.within) === unit))) continue
          const chosen = choose(p, unit, byItem)
          if (!chosen) continue
          const negated = chosen.some((m) => m.denied)
          const from = Math.min(...chosen.map((m) => m.from))
          const to = Math.max(...chosen.map((m) => m.to))
          const previous = found.get(p.sign)
          if (previous && !outranks({ negated, from, to }, previous)) continue
          found.set(p.sign, {
            id: p.sign, span: [words[from]!.start, words[to - 1]!.end], negated, sentence: words[from]!.sentence, clause: words[from]!.clause,
            tokens: chosen.flatMap((m) => words.slice(m.from, m.to).map((w) => w.token)), from, to,
          })
        }
      }
    }
  }
  for (const [sign, items] of index.deniedBy) {
    if (found.has(sign)) continue
    let denial: Mention | undefined
    for (const it of items) if ((denial = byItem.get(it)?.find((m) => m.denied))) break
    if (denial) {
      found.set(sign, { id: sign, span: [words[denial.from]!.start, words[denial.to - 1]!.end], negated: true, sentence: denial.sentence, clause: denial.clause, tokens: [], from: denial.from, to: denial.to, inferred: true })
    }
  }
  return [...found.values()].sort((a, b) => a.from - b.from).map(({ to: _to, ...sign }) => sign)
}
