/**
 * Recently given answers, for requests that come again. A recommendation depends only on the request
 * and the knowledge base, which cannot change while the process serves, so an identical request can
 * be answered with the JSON already written (no engine, no serialisation). An answer is kept once its
 * request has come twice, so the third and later arrivals are answered from here. Bounded, least
 * recently used out first. Holds structured requests only (ids, sides, age, answers): a request with
 * free text is never kept, since what clients type is never stored.
 */

export interface AnswerCache<V> {
  /** The value kept for `key` (refreshed as most recently used), or undefined. */
  get(key: string): V | undefined
  /**
   * Offer a value. It is kept only when its key was offered before (recently): a request seen once is
   * likely never seen again, and keeping it would evict one that repeats (and, with every request
   * distinct, cost ~10 % more CPU in promoted garbage). The least recently used entry goes when full.
   * No-op at size 0.
   */
  set(key: string, value: V): void
  readonly stats: { hits: number; misses: number; size: number; max: number }
}

/** 32-bit FNV-1a hash of a string: what the cache remembers of a key offered once. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** @param max entries kept at most; 0 turns the cache off */
export function createAnswerCache<V>(max: number): AnswerCache<V> {
  const entries = new Map<string, V>()
  // Hashes of keys offered once (a collision only admits an answer early). Bounded: cleared when full.
  const offered = new Set<number>()
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
      if (!entries.has(key)) {
        const h = fnv1a(key)
        if (!offered.has(h)) {
          if (offered.size >= 4 * max) offered.clear()
          offered.add(h)
          return
        }
        offered.delete(h)
      }
      entries.delete(key)
      entries.set(key, value)
      if (entries.size > max) entries.delete(entries.keys().next().value!)
      stats.size = entries.size
    },
    stats,
  }
}
