/**
 * A pass after phrases: the part of a body region said after it. "My hip hurts at the front",
 * "right knee, outside", "shins on the inside": the region becomes the part the client means
 * (front-of-hip, outer-knee, inner-shin) when the knowledge base has that part, a region inside the
 * one named or beside it whose id is the part's prefix and the named word ("outer-" + "knee").
 * Said before it ("on the inside of both shins"), the part word and "of" lead the region; where the
 * two make a phrase of their own ("the front of my hip") the phrases have read it already.
 * Builds its own index (region → part word → region) once per knowledge base. Pure.
 */
import { SIDE_WORDS } from './words.js'
import type { Region } from '../../kb/schema.js'
import type { PartIndex, PhraseMatch, Word } from '../types.js'

/** A part word and the region-id prefixes it stands for, the likeliest first. */
const PARTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['front', ['front-of-']],
  ['back', ['back-of-']],
  ['rear', ['back-of-']],
  ['outside', ['outer-', 'side-of-']],
  ['outer', ['outer-', 'side-of-']],
  ['side', ['side-of-', 'outer-']],
  // "The inside of my forearm": the soft, palm side where a limb has no inner part of its own.
  ['inside', ['inner-', 'front-of-']],
  ['inner', ['inner-', 'front-of-']],
  ['top', ['top-of-']],
])

/** Words that lead a part word ("at the front", "on the outside", "down the side"; "the" is not among the words). */
const LEADS = new Set(['at', 'on', 'in', 'down', 'up', 'along', 'round', 'around', 'across', 'over', 'to', 'towards', 'toward'])

/** Words for where on a part: "the inner edge of", "the outer part of". */
const PLACE_NOUNS = new Set(['edge', 'part', 'bit', 'area', 'aspect', 'border', 'half'])

/** Words before "side" that make it a side of the body. */
const NOT_A_PART = new Set(['that', 'this', 'same', 'other', 'one', 'either', 'each', 'which', 'opposite', 'good', 'bad', 'left', 'right'])

/** How many words after the region a part word may stand ("hip hurts when I sit at the front" is too far). */
const MAX_AFTER = 6

/**
 * Build the part index: for each region and part word, the regions inside it or beside it (same
 * parent) named with the word's first prefix that names any ("outer-knee", "inner-upper-arm" inside
 * the arm, "inner-shin" beside the shin). Which one is meant is decided by the word the client used
 * for the region (see `partOf`).
 */
export function buildPartIndex(regions: readonly Region[]): PartIndex {
  const children = new Map<string | null, Region[]>()
  for (const r of regions) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r])
  const out = new Map<string, Map<string, { id: string; words: string[] }[]>>()
  for (const region of regions) {
    // Inside it, or beside it only as its own part ("inner-shin" beside the shin): a part beside a
    // part ("side-of-shoulder" beside "top-of-shoulder") is another place, not a part of it.
    const near = [...(children.get(region.id) ?? []), ...(children.get(region.parentId) ?? []).filter((r) => r.id.endsWith(`-${region.id}`))]
    const parts = new Map<string, { id: string; words: string[] }[]>()
    for (const [word, prefixes] of PARTS) {
      for (const prefix of prefixes) {
        const found = near.filter((r) => r.id.startsWith(prefix)).map((r) => ({ id: r.id, words: r.id.slice(prefix.length).split('-') }))
        if (found.length === 0) continue
        parts.set(word, found)
        break
      }
    }
    if (parts.size > 0) out.set(region.id, parts)
  }
  return out
}

/**
 * The part a part word names of a region the client called `said` ("knee", "shin bone"): the one
 * candidate whose id holds one of those words ("outer-knee"); none when no candidate or several do
 * ("outside of my foot" is not the outer ankle).
 */
function partOf(index: PartIndex, region: string, partWord: string, said: readonly Word[]): string | undefined {
  const found = index.get(region)?.get(partWord)?.filter((c) => said.some((w) => c.words.includes(w.norm)))
  return found?.length === 1 ? found[0]!.id : undefined
}

/**
 * Move each region said with a part after it to that part. A part word counts when it follows the
 * region in its sentence, with no other region between, either right after it ("knee, outside") or
 * after a preposition ("at the front", "on the outside"), and not before "of" (which starts a phrase of its
 * own). A bare "back" read as the body's back there is the part word, so its match is dropped. A
 * region said as the side of another ("the pinky side of my forearm") is a direction, not a place,
 * when the other has a part named so ("little-finger-side-forearm"): the other becomes that part and
 * the first is dropped; without one, both stay (the first still says which side).
 * @param regionIds every region id
 * @returns the matches left, and the words used as part words (so they are not reported as unrecognised)
 */
export function readParts(index: PartIndex, regionIds: ReadonlySet<string>, words: readonly Word[], tokens: readonly { norm: string }[],
  matches: readonly PhraseMatch[]): { matches: PhraseMatch[]; used: number[] } {
  // "On that side", "the other side": a side of the body, not a part of the region.
  const sideOfBody = (w: Word): boolean => w.norm === 'side' && NOT_A_PART.has(tokens[w.token - 1]?.norm ?? '')
  const used: number[] = []
  const dropped = new Set<PhraseMatch>()
  // Per word: the matches over it, and the region said from it (one pass, so the cost stays linear).
  const over: PhraseMatch[][] = words.map(() => [])
  const regionFrom: (PhraseMatch | undefined)[] = []
  for (const o of matches) {
    for (let i = o.from; i < o.to; i++) over[i]!.push(o)
    if (o.type === 'region' && !o.moved && !regionFrom[o.from]) regionFrom[o.from] = o
  }
  for (const m of matches) {
    if (m.type !== 'region' || m.moved) continue
    if (!index.has(m.id)) continue
    const said = words.slice(m.from, m.to)
    for (let j = m.to; j < words.length && j - m.to < MAX_AFTER; j++) {
      const w = words[j]!
      if (w.sentence !== m.sentence) break
      const inside = over[j]!.filter((o) => o !== m)
      const bareBack = inside.length === 1 && inside[0]!.type === 'region' && inside[0]!.to - inside[0]!.from === 1 && w.norm === 'back'
      // Another region said first: the part word, if any, is that one's.
      if (!bareBack && regionFrom[j] !== undefined && regionFrom[j] !== m) break
      const part = partOf(index, m.id, w.norm, said)
      if (!part || (inside.length > 0 && !bareBack) || sideOfBody(w)) continue
      if (!(j === m.to || LEADS.has(words[j - 1]!.norm)) || words[j + 1]?.norm === 'of') continue
      m.id = part
      m.key = `region:${part}`
      used.push(w.token)
      if (bareBack) dropped.add(inside[0]!)
      break
    }
  }
  // "On the inside of both shins", "the inner edge of my shin": a part word (and a word for where on
  // it) before "of", and a region the phrases did not join.
  for (let j = 0; j + 2 < words.length; j++) {
    const w = words[j]!
    // "The left side of my neck" is the neck's side (on the left), not a side of the body.
    const sideOfNamed = w.norm === 'side' && SIDE_WORDS.has(tokens[w.token - 1]?.norm ?? '')
    if (!PARTS.has(w.norm) || (sideOfBody(w) && !sideOfNamed) || over[j]!.some((o) => !(o.type === 'region' && w.norm === 'back'))) continue
    const where = PLACE_NOUNS.has(words[j + 1]!.norm) ? 1 : 0
    if (words[j + 1 + where]?.norm !== 'of') continue
    const m = regionFrom[j + 2 + where]
    // "The inner side of my knee": the word before "side" says which side.
    const before = words[j - 1]
    const partWord = w.norm === 'side' && before && PARTS.has(before.norm) && before.norm !== 'side' ? before.norm : w.norm
    const part = m && partOf(index, m.id, partWord, words.slice(m.from, m.to))
    if (!m || !part) continue
    m.id = part
    m.key = `region:${part}`
    used.push(w.token)
    if (where) used.push(words[j + 1]!.token)
    if (partWord !== w.norm) used.push(before!.token)
    for (const o of over[j]!) if (o.type === 'region' && o.from === j && o.to === j + 1) dropped.add(o)
  }
  // "The little finger side of my wrist", "the thumb side of my forearm": the first names a side of the
  // second, not a place of its own; the second's part named so ("thumb-side-forearm") when there is one.
  for (const first of matches) {
    if (first.type !== 'region' || dropped.has(first) || words[first.to]?.norm !== 'side' || words[first.to + 1]?.norm !== 'of') continue
    const m = regionFrom[first.to + 2]
    if (!m) continue
    const part = `${first.id}-side-${m.id}`
    // Without such a part the first still says which side ("the little finger side of my hand").
    if (!regionIds.has(part)) continue
    m.id = part
    m.key = `region:${part}`
    used.push(words[first.to]!.token)
    dropped.add(first)
  }
  return { matches: dropped.size > 0 ? matches.filter((m) => !dropped.has(m)) : matches.slice(), used }
}
