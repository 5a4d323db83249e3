/**
 * Linter for what the free-text reader and the red-flag screen are made of: word classes, sign
 * patterns and denials, derived signs, red-flag families and the family of every serious flag.
 * Pure: takes the knowledge base, reports findings through `add`; never throws.
 */
import type { Fact, KnowledgeBase, When } from './schema.js'

type Add = (code: string, where: string, message: string) => void
type Kind = 'region' | 'sensation' | 'context' | 'sign' | 'condition' | 'term' | 'question' | 'redFlag' | 'source'

/** Side words say which side; inside a phrase they would never be read as part of it. */
const SIDE_WORDS = /\b(left|right|both|bilateral|lhs|rhs)\b/i

/**
 * Lint the reading and screening parts of a knowledge base.
 * @param has whether an id of a kind exists
 * @param fact checks a fact's reference (reports through `add`)
 */
export function lintReading(kb: KnowledgeBase, add: Add, has: (kind: Kind, id: string) => boolean, fact: (f: Fact, where: string) => void): void {
  const item = (x: string, where: string): void => {
    const m = /^(region|sensation|context|sign|condition|term):(.+)$/.exec(x)
    if (m && !has(m[1] as Kind, m[2]!)) add('dangling-ref', where, `unknown ${m[1]} id "${m[2]}"`)
  }
  const when = (w: When, where: string): void => {
    if ((w.all ?? []).length + (w.any ?? []).length === 0) add('empty-when', where, 'needs at least one `all` or `any` fact')
    for (const f of [...(w.all ?? []), ...(w.any ?? []), ...(w.none ?? [])]) fact(f, where)
  }
  const phrases = (list: readonly string[], where: string): void => {
    for (const p of list) if (SIDE_WORDS.test(p)) add('side-word-in-phrase', where, `"${p}" names a side: say it with a pattern ("both" + "leg") instead`)
  }

  for (const t of kb.terms) {
    const w = `terms/${t.id}`
    phrases(t.words, w)
    const seen = new Set<string>()
    for (const x of t.words) {
      if (seen.has(x.toLowerCase())) add('duplicate-ref', w, `word "${x}" listed twice`)
      seen.add(x.toLowerCase())
    }
  }
  for (const s of kb.signs) {
    const w = `signs/${s.id}`
    phrases(s.synonyms, w)
    for (const p of s.patterns ?? []) for (const x of [...p.all, ...(p.notWith ?? [])]) item(x, `${w}.patterns`)
    for (const x of s.deniedBy ?? []) item(x, `${w}.deniedBy`)
    if (s.when) {
      when(s.when, `${w}.when`)
      if ([...(s.when.all ?? []), ...(s.when.any ?? [])].includes(`sign:${s.id}`)) add('self-ref', w, 'a derived sign cannot follow from itself')
    }
    if (!s.synonyms.length && !s.patterns?.length && !s.when) add('unreadable-sign', w, 'has no synonym, pattern or derivation: nothing could ever say it')
  }
  for (const c of [...kb.regions, ...kb.sensations, ...kb.contexts]) phrases(c.synonyms, `${c.id}.synonyms`)

  const familyIds = new Set(kb.redFlagFamilies.map((f) => f.id))
  const flagged = new Set<string>()
  for (const f of kb.redFlags) {
    const w = `red-flags/${f.id}`
    if (f.family) {
      flagged.add(f.family)
      if (!familyIds.has(f.family)) add('dangling-ref', w, `unknown red-flag family "${f.family}"`)
    } else if (f.level !== 'routine') add('flag-without-family', w, `an ${f.level} flag must belong to a red-flag family`)
  }
  for (const fam of kb.redFlagFamilies) {
    const w = `red-flag-families/${fam.id}`
    if (!flagged.has(fam.id)) add('empty-family', w, 'no red flag belongs to this family')
    for (const t of fam.touches) {
      if (typeof t === 'string') fact(t, `${w}.touches`)
      else when(t, `${w}.touches`)
    }
    for (const q of fam.screen) {
      if (!has('question', q)) add('dangling-ref', `${w}.screen`, `unknown question id "${q}"`)
      else if (kb.questions.find((x) => x.id === q)!.kind !== 'screen') add('not-a-screen', `${w}.screen`, `question "${q}" is not a screening question`)
    }
    for (const s of fam.sources) if (!has('source', s.source)) add('dangling-ref', `${w}.sources`, `unknown source id "${s.source}"`)
  }
}
