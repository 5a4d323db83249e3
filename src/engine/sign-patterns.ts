/**
 * Red-flag signs said in words that are not next to each other: "my calf is red and swollen",
 * "my face is drooping", "both legs". A sign pattern is a set of words that must all appear in one
 * clause, in any order. Pure.
 */

export interface SignPattern {
  id: string
  words: readonly string[]
}

export interface PatternItem {
  norm: string
  start: number
  end: number
  clause: number
  sentence: number
  token: number
}

export interface PatternHit {
  id: string
  words: string
  span: [number, number]
  negated: boolean
  clause: number
  sentence: number
  tokens: number[]
}

function forms(w: string): string[] {
  return w.length > 3 && w.endsWith('s') ? [w, w.slice(0, -1)] : [w]
}

/** Patterns indexed by each of their words, so a clause only tries the patterns its words can start. */
export function indexPatterns(patterns: readonly SignPattern[]): ReadonlyMap<string, readonly SignPattern[]> {
  const byWord = new Map<string, SignPattern[]>()
  for (const p of patterns) {
    const w = p.words[0]!
    const list = byWord.get(w)
    if (list) list.push(p)
    else byWord.set(w, [p])
  }
  return byWord
}

/**
 * Find the sign patterns whose words all occur in one clause.
 * @param byWord patterns indexed by their first word (see indexPatterns)
 * @param isNegator whether a word denies what follows it (then the hit is negated)
 */
export function patternSigns(byWord: ReadonlyMap<string, readonly SignPattern[]>, items: readonly PatternItem[], isNegator: (w: string) => boolean): PatternHit[] {
  const hits: PatternHit[] = []
  let from = 0
  while (from < items.length) {
    let to = from
    while (to < items.length && items[to]!.clause === items[from]!.clause) to++
    const at = new Map<string, number>()
    const candidates = new Set<SignPattern>()
    for (let i = from; i < to; i++) {
      for (const f of forms(items[i]!.norm)) {
        if (!at.has(f)) at.set(f, i)
        const ps = byWord.get(f)
        if (ps) for (const p of ps) candidates.add(p)
      }
    }
    for (const p of candidates) {
      let first = Infinity
      let last = -1
      let ok = true
      for (const w of p.words) {
        const i = at.get(w)
        if (i === undefined) {
          ok = false
          break
        }
        if (i < first) first = i
        if (i > last) last = i
      }
      if (!ok) continue
      let negated = false
      for (let i = Math.max(from, first - 5); i < first; i++) if (isNegator(items[i]!.norm)) negated = true
      hits.push({
        id: p.id, words: p.words.join(' '), span: [items[first]!.start, items[last]!.end], negated,
        clause: items[first]!.clause, sentence: items[first]!.sentence, tokens: p.words.map((w) => items[at.get(w)!]!.token),
      })
    }
    from = to
  }
  return hits
}
