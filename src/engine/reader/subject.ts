/**
 * Whose symptoms a message speaks of. A message written about someone else ("my dad (72) has...")
 * speaks of them throughout; otherwise a sign said of a relative ("my sister has just finished chemo",
 * "my mum had a stroke") is family history, not the client's, unless the client comes back into the
 * clause before it ("my wife says I've gone grey"). Pure.
 */
import type { Word } from '../types.js'

const THIRD_PERSON = new Set(['he', 'she', 'him', 'his', 'her', 'hers', 'they', 'them', 'their'])
const FIRST_PERSON = new Set(['i', 'me', 'my', 'myself', 'im', 'ive', 'id'])
/** After a relative, these make them the one telling, not the one it happened to ("my wife noticed ..."). */
const REPORTING = new Set(['say', 'says', 'said', 'notice', 'noticed', 'think', 'thinks', 'thought', 'tell', 'told', 'reckon', 'reckons', 'mention', 'mentioned',
  'saw', 'spotted', 'worry', 'worried', 'worries', 'suggest', 'suggested', 'want', 'wants', 'made'])

/** The word class of relatives and others a message can be about. */
export const RELATIVE = 'relative'

interface Said {
  type: string
  id: string
  from: number
  sentence: number
  clause: number
}

/**
 * Whether a message is written about someone else: a relative named in its first sentence, and he,
 * she or they at least as often as the writer's own I and my (not counting the "my" of "my dad"): "My
 * mum's on chemo and I've slept by her bed all week, my neck is wrecked" is the writer's.
 */
export function aboutOther(words: readonly Word[], tokens: readonly { norm: string }[], matches: readonly Said[]): boolean {
  const relatives = matches.filter((m) => m.type === 'term' && m.id === RELATIVE)
  if (!relatives.some((m) => m.sentence === 0)) return false
  const relativeAt = new Set(relatives.map((m) => words[m.from]!.token))
  const third = tokens.filter((t) => THIRD_PERSON.has(t.norm)).length
  const first = tokens.filter((t, i) => FIRST_PERSON.has(t.norm) && !(t.norm === 'my' && relativeAt.has(i + 1))).length
  return third > 0 && third >= first
}

/**
 * Whether a sign at word `from` is said of a relative: one is named earlier in its clause and the
 * client does not come in between.
 */
export function saidOfRelative(words: readonly Word[], tokens: readonly { norm: string }[], matches: readonly Said[], from: number, clause: number): boolean {
  const relative = matches.find((m) => m.type === 'term' && m.id === RELATIVE && m.clause === clause && m.from < from)
  if (!relative) return false
  if (REPORTING.has(words[relative.from + 1]?.norm ?? '')) return false
  // Fillers such as "my" are not among the words: look at the tokens in between.
  for (let t = words[relative.from]!.token + 1; t < words[from]!.token; t++) if (FIRST_PERSON.has(tokens[t]!.norm)) return false
  return true
}
