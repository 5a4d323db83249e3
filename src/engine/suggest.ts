/**
 * Closest-id suggestions for unknown ids ("did you mean"). Pure string distance; no I/O.
 */

/** Edit distance counting an adjacent transposition as one edit (typos), exiting early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev2: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1)
      cur.push(v)
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return max + 1
    prev2 = prev
    prev = cur
  }
  return prev[b.length]!
}

/**
 * Up to `limit` known ids closest to an unknown one: by edit distance, then shared words, then id.
 * @param unknown the id the caller sent
 * @param known every valid id of that kind
 */
export function suggestIds(unknown: string, known: Iterable<string>, limit = 3): string[] {
  const u = unknown.toLowerCase().trim().replace(/[\s_]+/g, '-')
  const words = new Set(u.split('-').filter((w) => w.length > 2))
  const max = Math.max(2, Math.floor(u.length / 2))
  const scored: { id: string; score: number }[] = []
  for (const id of known) {
    const d = editDistance(u, id, max)
    const shared = id.split('-').filter((w) => words.has(w) || [...words].some((x) => x.startsWith(w) || w.startsWith(x))).length
    const contains = id.includes(u) || (u.length > 3 && u.includes(id))
    if (d <= max || shared > 0 || contains) scored.push({ id, score: Math.min(d, max + 1) - shared * 2 - (contains ? 3 : 0) })
  }
  scored.sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
  return scored.slice(0, limit).map((s) => s.id)
}
