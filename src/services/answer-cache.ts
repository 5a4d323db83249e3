/**
 * Recently given answers, for requests that come again. A recommendation depends only on the
 * request and the knowledge base, which cannot change while the process serves, so an identical
 * request can be answered with the JSON already written (no engine, no serialisation). Bounded,
 * least recently used out first. Holds structured requests only (ids, sides, age, answers): a
 * request with free text is never kept, since what clients type is never stored.
 */

export interface AnswerCache<V> {
  /** The value kept for `key` (refreshed as most recently used), or undefined. */
  get(key: string): V | undefined
  /** Keep a value; the least recently used one goes when the cache is full. No-op at size 0. */
  set(key: string, value: V): void
  readonly stats: { hits: number; misses: number; size: number; max: number }
}

/** @param max entries kept at most; 0 turns the cache off */
export function createAnswerCache<V>(max: number): AnswerCache<V> {
  const entries = new Map<string, V>()
  const stats = { hits: 0, misses: 0, size: 0, max }
  return {
    get(key) {
      const v = entries.get(key)
      if (v === undefined) {
        stats.misses++
        return undefined
      }
      stats.hits++
      // Map order is insertion order: re-inserting makes this the most recently used.
      entries.delete(key)
      entries.set(key, v)
      return v
    },
    set(key, value) {
      if (max === 0) return
      entries.delete(key)
      entries.set(key, value)
      if (entries.size > max) entries.delete(entries.keys().next().value!)
      stats.size = entries.size
    },
    stats,
  }
}
