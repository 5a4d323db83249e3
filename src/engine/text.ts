/**
 * Reads free text against the phrase index: regions (with side), sensations, contexts, signs and
 * conditions, negations ("no numbness") and the words it could not place. Pure; the text is never
 * kept beyond the call.
 */
import type { CompiledKb } from './compile.js'
import { normalizeText } from './normalize.js'
import type { PhraseTarget } from './phrases.js'
import type { Side } from './types.js'

export interface TextFinding extends PhraseTarget {
  phrase: string
  side?: Side
  negated: boolean
  clause: number
}

export interface TextReading {
  findings: TextFinding[]
  unrecognized: string[]
}

const NEGATORS = new Set(['no', 'not', 'without', 'never', 'dont', 'doesnt', 'isnt', 'didnt', 'nor', 'none', 'cannot', 'cant'])
const STOP = new Set(('a an and the my me i im ive it its is are was were be been have has had of in on at to for with from by when ' +
  'this that these those there here very really so but or if then than too also just some any all both side sides after before ' +
  'morning night day days week weeks time times get gets got feel feels feeling like lot bit much more most left right hurts ' +
  'since about around into over under up down out off back front can cant do does did am your you he she they them his her our ' +
  'while during every each first last again always often sometimes usually lately recently now still being which what where who how').split(' '))
const CLAUSE_BREAK = /[.;!?\n]|,\s*(?:but|and)\b|\bbut\b/g

/** Regions and signs named inside a longer phrase. */
function innerMatches(kb: CompiledKb, tokens: string[]): (PhraseTarget & { phrase: string })[] {
  const out: (PhraseTarget & { phrase: string })[] = []
  for (let i = 0; i < tokens.length; i++) {
    for (let n = Math.min(kb.phrases.maxWords, tokens.length - i - (i === 0 ? 1 : 0)); n >= 1; n--) {
      const phrase = tokens.slice(i, i + n).join(' ')
      const targets = (kb.phrases.byPhrase.get(phrase) ?? []).filter((t) => t.type === 'region' || t.type === 'sign')
      if (targets.length === 0) continue
      out.push(...targets.map((t) => ({ ...t, phrase })))
      i += n - 1
      break
    }
  }
  return out
}

/**
 * Read a message.
 * @param kb compiled knowledge base (its phrase index)
 * @param text the client's words, already length-checked
 */
export function readText(kb: CompiledKb, text: string): TextReading {
  const findings: TextFinding[] = []
  const unrecognized: string[] = []
  const clauses = text.split(CLAUSE_BREAK)
  clauses.forEach((clause, clauseNo) => {
    const tokens = normalizeText(clause).split(' ').filter(Boolean)
    let side: Side | undefined
    let negateUntil = -1
    for (let i = 0; i < tokens.length;) {
      const t = tokens[i]!
      let matched = 0
      for (let n = Math.min(kb.phrases.maxWords, tokens.length - i); n >= 1 && matched === 0; n--) {
        const phrase = tokens.slice(i, i + n).join(' ')
        const singular = n === 1 && phrase.length > 3 && phrase.endsWith('s') ? phrase.slice(0, -1) : phrase
        const targets = kb.phrases.byPhrase.get(phrase) ?? kb.phrases.byPhrase.get(singular)
        if (!targets) continue
        matched = n
        const negated = i <= negateUntil
        for (const target of targets) {
          findings.push({ ...target, phrase, ...(target.type === 'region' && side ? { side } : {}), negated, clause: clauseNo })
        }
        // "stiff neck and fever" is one sign, and also says neck and fever: keep the regions and signs named inside a phrase.
        for (const inner of innerMatches(kb, tokens.slice(i, i + n))) {
          if (targets.some((t) => t.type === inner.type && t.id === inner.id)) continue
          findings.push({ ...inner, ...(inner.type === 'region' && side ? { side } : {}), negated, clause: clauseNo })
        }
      }
      if (matched > 0) {
        i += matched
        continue
      }
      if (t === 'left' || t === 'right') side = t
      else if (t === 'both' || t === 'bilateral') side = 'both'
      else if (NEGATORS.has(t)) negateUntil = i + 4
      else if (!STOP.has(t) && !/^\d+$/.test(t) && !unrecognized.includes(t)) unrecognized.push(t)
      i += 1
    }
  })
  return { findings, unrecognized: unrecognized.slice(0, 30) }
}
