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

/**
 * Find the sign patterns whose words all occur in one clause.
 * @param isNegator whether a word denies what follows it (then the hit is negated)
 */
export function patternSigns(patterns: readonly SignPattern[], items: readonly PatternItem[], isNegator: (w: string) => boolean): PatternHit[] {
  const hits: PatternHit[] = []
  const byClause = new Map<number, PatternItem[]>()
  for (const it of items) byClause.set(it.clause, [...(byClause.get(it.clause) ?? []), it])
  for (const clause of byClause.values()) {
    const at = new Map<string, number>()
    clause.forEach((it, i) => forms(it.norm).forEach((f) => { if (!at.has(f)) at.set(f, i) }))
    for (const p of patterns) {
      const idx = p.words.map((w) => at.get(w))
      if (idx.some((i) => i === undefined)) continue
      const first = Math.min(...(idx as number[]))
      const last = Math.max(...(idx as number[]))
      const negated = clause.slice(Math.max(0, first - 5), first).some((it) => isNegator(it.norm))
      hits.push({
        id: p.id, words: p.words.join(' '), span: [clause[first]!.start, clause[last]!.end], negated,
        clause: clause[first]!.clause, sentence: clause[first]!.sentence, tokens: (idx as number[]).map((i) => clause[i]!.token),
      })
    }
  }
  return hits
}
