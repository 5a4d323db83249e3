/**
 * Fourth pass: what the client says is absent. A negation cue ("no", "not", "without", "doesn't")
 * denies what follows it up to the end of its clause, a word that starts something new ("but",
 * "just"), or NEGATION_REACH words: "no numbness or tingling" denies both, "not swollen or red,
 * just achy" denies the first two only. A cue inside a matched phrase is part of what the phrase
 * says ("can't catch my breath", "not getting better") and denies nothing; a cue followed by a hedge
 * ("not sure", "no idea") denies nothing. A thing named and then said to be normal is denied too:
 * "peeing fine", "my scalp is not sore", "breathing's normal". A question the client answers no to
 * ("Calves swollen? Nah, not really") denies what it named. Pure.
 */
import type { PhraseMatch, Token, Word } from '../types.js'
import { COMPLAINT_WORDS, HEDGES, LINKS, MODALS, NEGATION_REACH, NEGATORS, NORMAL_WORDS, QUALIFIERS, RESOLVED, SCOPE_ENDS } from './words.js'

/** Words that may follow "gone" or "cleared" when a thing is over ("gone now", "cleared up completely"). */
const AFTER_RESOLVED = new Set(['now', 'away', 'completely', 'since', 'by', 'after', 'within', 'today', 'off', 'down', 'back', 'again', 'overnight', 'and', 'but',
  // ... or how long it has been over ("fever's been gone five days", "gone for a week").
  'for', 'few', 'couple', 'several', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'])

/** After a word for normal, these open what is said to be no trouble ("fine when walking", "ok on stairs"). */
const FINE_WHEN: ReadonlySet<string> = new Set(['when', 'while', 'whilst', 'on', 'with', 'during', 'doing', 'going'])

/** Resting words: "fine when resting" says the rest helps. */
const AT_REST: ReadonlySet<string> = new Set(['rest', 'resting', 'sit', 'sitting', 'lie', 'lying', 'stop', 'still', 'relax', 'sleep'])

/** After "not like" or "nothing like", what a symptom is compared with: the client's usual, or before. */
const COMPARED: ReadonlySet<string> = new Set(['usual', 'normal', 'before', 'previous', 'other', 'others', 'ever', 'anything', 'any', 'last', 'typical', 'regular', 'ordinary', 'it', 'them'])

/** Verbs of relief that a negation says failed: it denies nothing after them. */
const UNHELPED: ReadonlySet<string> = new Set(['help', 'work', 'ease', 'touch', 'shift', 'budge', 'improve', 'matter', 'relieve', 'settle'])

/** Words that end an answer of no ("not really", "not at all", "nah not really", "no thanks"). */
const ANSWER_TAILS: ReadonlySet<string> = new Set(['really', 'real', 'at', 'all', 'much', 'thanks', 'thank', 'you', 'way', 'not', 'no', 'nah', 'nope'])

/**
 * The longest tail an answer of no has ("nah not really at all thanks"): the bound keeps a run of
 * cues ("no no no ...") linear, where scanning each cue's run to its end was quadratic.
 */
const ANSWER_TAIL_MAX = 5

/** Per word of the message: whether a negation cue before it denies it. */
export function negationScopes(words: readonly Word[], matches: readonly PhraseMatch[]): boolean[] {
  const inPhrase = new Array<boolean>(words.length).fill(false)
  const starts = new Set<number>()
  for (const m of matches) {
    // Word classes are the reader's own and never swallow a cue ("never had cancer" stays a denial).
    if (m.type === 'term') continue
    for (let i = m.from; i < m.to; i++) inPhrase[i] = true
    starts.add(m.from)
  }
  const negated = new Array<boolean>(words.length).fill(false)
  for (let i = 0; i < words.length; i++) {
    // "Fine when I'm walking", "ok on the stairs": what follows is said to be no trouble.
    // But "fine when resting", "ok once I sit down" is relief, not a denial.
    // "You're good with upper backs" is a skill, not a denial.
    const fineWhen = NORMAL_WORDS.has(words[i]!.norm) && FINE_WHEN.has(words[i + 1]?.norm ?? '') && words[i + 1]!.gap === 'none'
      && ![2, 3].some((k) => AT_REST.has(words[i + k]?.norm ?? '')) && !(words[i]!.norm === 'good' && words[i + 1]!.norm === 'with')
    if ((!NEGATORS.has(words[i]!.norm) && !fineWhen) || inPhrase[i]) continue
    if (HEDGES.has(words[i + 1]?.norm ?? '')) continue
    // "went from nothing to worst ever": a starting point, not a denial.
    if (words[i - 1]?.norm === 'from' && words[i - 1]!.clause === words[i]!.clause) continue
    // "not like my usual migraine", "nothing like this before": a comparison that says it is different.
    if (words[i + 1]?.norm === 'like' && words[i + 1]!.gap === 'none' && (words[i + 2] === undefined || words[i + 2]!.gap !== 'none' || COMPARED.has(words[i + 2]!.norm))) continue
    // "Lying down doesn't help", "painkillers don't touch it": what does not help is said whole, and
    // what follows is said anew ("doesnt help lost weight without trying" keeps the weight loss).
    if (UNHELPED.has(words[i + 1]?.norm ?? '')) continue
    // "No, ...", "Not really, ...", "not at all - ...": an answer that stops at its pause, denying nothing after it.
    let k = i + 1
    while (k <= i + ANSWER_TAIL_MAX && ANSWER_TAILS.has(words[k]?.norm ?? '') && words[k]!.gap === 'none') k++
    if (words[k] !== undefined && words[k]!.gap !== 'none') continue
    // "could not", "will not": inability or persistence, not absence.
    if (words[i]!.norm === 'not' && MODALS.has(words[i - 1]?.norm ?? '')) continue
    for (let j = i + 1; j < words.length && j <= i + NEGATION_REACH; j++) {
      const w = words[j]!
      if (w.gap === 'clause' || w.gap === 'sentence' || SCOPE_ENDS.has(w.norm)) break
      // A list goes on past a comma ("no numbness, tingling or weakness"); anything else after one is said anew.
      if (w.gap === 'comma' && !starts.has(j)) break
      negated[j] = true
      // "not pain as such, more a pressure": the denial ends at "as such".
      if (w.norm === 'such' && words[j - 1]?.norm === 'as') break
    }
  }
  return negated
}

/**
 * Whether the words right after a named thing, with no pause between, say it is normal ("peeing
 * fine", "breathing's totally normal") or not a complaint ("my knee doesn't hurt", "scalp is not
 * sore"; but "doesn't hurt when I walk" denies the walking, not the knee).
 */
export function deniedAfter(words: readonly Word[], at: number): boolean {
  let k = at
  while (k < words.length && k < at + 3 && words[k]!.gap === 'none' && LINKS.has(words[k]!.norm) && !NORMAL_WORDS.has(words[k]!.norm)) k++
  const w = words[k]
  if (!w || w.gap !== 'none') return false
  // "Is clear", never "clearing the gutters".
  if (NORMAL_WORDS.has(w.norm) && !w.gerund) return true
  // "fever's gone", "the numbness has cleared": over, so not there now.
  if (k > at && RESOLVED.has(w.norm)) {
    // ... and nothing follows that says what it became ("has gone numb" is a symptom, not an end).
    const next = words[k + 1]
    return !next || next.gap !== 'none' || AFTER_RESOLVED.has(next.norm) || /^\d/.test(next.norm)
  }
  if (!NEGATORS.has(w.norm)) return false
  const c = words[k + 1]
  if (!c || c.gap !== 'none' || !COMPLAINT_WORDS.has(c.norm)) return false
  return !QUALIFIERS.has(words[k + 2]?.norm ?? '')
}

/**
 * Which matches are denied: named inside a negation's scope, or said to be normal right after.
 * @param scopes the message's negation scopes, when the caller has them already
 */
export function deniedMatches(words: readonly Word[], matches: readonly PhraseMatch[], scopes = negationScopes(words, matches)): boolean[] {
  return matches.map((m) => scopes[m.from]! || (m.type !== 'condition' && deniedAfter(words, m.to)) || (m.type === 'sign' && normalBefore(words, m.from)))
}

/** "Normal temp", "a normal temperature": a sign said right after "normal" is denied. */
function normalBefore(words: readonly Word[], at: number): boolean {
  const before = words[at - 1]
  // ("Regular" is not among them: "regular night sweats" says they are frequent.)
  return before !== undefined && words[at]!.gap === 'none' && before.norm === 'normal'
}

/** Words that start a clause before its subject ("but that's settled", "and it has gone"). */
const LEAD_INS: ReadonlySet<string> = new Set(['but', 'and', 'though', 'although', 'however', 'yet', 'so', 'now', 'thankfully', 'luckily'])
/** Subjects that point back at what was just said. */
const POINTERS: ReadonlySet<string> = new Set(['that', 'it', 'which', 'this', 'all', 'both', 'they', 'those', 'these', 'everything'])
/** Objects that point back ("antibiotics sorted it"). */
const POINTED: ReadonlySet<string> = new Set(['it', 'that', 'them', 'everything'])
/** Verbs that end a problem, as lemmas: RESOLVED plus "calmed down", "sorted it", "healed". */
export const ENDINGS: ReadonlySet<string> = new Set([...RESOLVED, 'calm', 'sort', 'heal', 'fix', 'cure'])

/**
 * Where a message says what came before is over: "had flu with a fever, that's all gone now", "it
 * was hot and swollen but that's calmed right down", "antibiotics sorted it". `endings` are the
 * tokens whose lemma is in ENDINGS (the caller has the lemmas); the pointing words around them are
 * read on the raw tokens, since later passes drop them as fillers. Each ending is returned with its
 * sentence and character offset. What it ends is left to the caller: only signs that pass, never a
 * stroke's or the heart's, which matter even when they have gone.
 */
export function resolvingClauses(tokens: readonly Token[], endings: readonly number[]): { sentence: number; clause: number; start: number }[] {
  const out: { sentence: number; clause: number; start: number }[] = []
  for (const i of endings) {
    const t = tokens[i]!
    let start = i
    while (start > 0 && tokens[start - 1]!.clause === t.clause) start--
    let subject = start
    while (subject < i && LEAD_INS.has(tokens[subject]!.norm)) subject++
    const next = tokens[i + 1]
    const sameClause = next !== undefined && next.gap === 'none'
    const ends = !sameClause || AFTER_RESOLVED.has(next.norm) || next.norm === 'up' || next.norm === 'right'
    const pointedBefore = subject < i && i - subject <= 5 && POINTERS.has(tokens[subject]!.norm) && ends
    const pointedAfter = sameClause && POINTED.has(next.norm) && i - start <= 3
    if (pointedBefore || pointedAfter) out.push({ sentence: t.sentence, clause: t.clause, start: t.start })
  }
  return out
}

/** What "no to ..." answers as a whole ("no to everything", "no to all of them"). */
const ALL_OF_THEM: ReadonlySet<string> = new Set(['everything', 'all', 'both', 'any', 'them', 'those', 'each'])

/** Answers that say no to a question just asked. */
const NO_ANSWERS: ReadonlySet<string> = new Set(['no', 'nah', 'nope', 'not', 'never', 'nothing'])
/**
 * Words after the no that make it something else: "no idea", "no worries", and a shrug at the cause
 * rather than a denial of the thing ("Chest tight? Nah, probably just the heat", "nah it's nothing"),
 * which must never hide a warning sign.
 */
const NOT_AN_ANSWER: ReadonlySet<string> = new Set([...HEDGES, 'worries', 'problem', 'rush', 'pressure', 'need', 'way',
  'probably', 'prob', 'maybe', 'likely', 'guess', 'reckon', 'hope', 'hopefully', 'bet', 'it', 'its', 'that', 'thats', 'i', 'im'])

/**
 * The sentences the client asks and then answers no to ("Calves swollen? Nah, not really"): a
 * question mark, then a next sentence that opens with a no not followed, in that sentence, by a
 * hedge or a shrug.
 */
export function answeredNo(text: string, tokens: readonly Token[]): ReadonlySet<number> {
  const out = new Set<number>()
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!
    const next = tokens[i + 1]
    if (t.gap !== 'sentence' || !NO_ANSWERS.has(t.norm) || (next && next.sentence === t.sentence && NOT_AN_ANSWER.has(next.norm))) continue
    if (text.slice(tokens[i - 1]!.end, t.start).includes('?')) out.add(tokens[i - 1]!.sentence)
  }
  // "... any numbness, any bladder issues - no to everything": a list answered no as a whole.
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.norm === 'no' && tokens[i + 1]!.norm === 'to' && ALL_OF_THEM.has(tokens[i + 2]!.norm) && tokens[i + 3]?.norm !== 'else') out.add(tokens[i]!.sentence)
  }
  return out
}
