/**
 * The reader's closed word lists: words that carry grammar rather than clinical meaning (negation
 * cues and what ends their scope, side words, fillers, texting shorthand). Clinical words live in
 * seed/ (vocabularies and word classes), never here. Data only.
 */
import type { Side } from '../types.js'

/** Dropped before phrase matching, in text and in phrases alike: "back of my left hand" reads "back of hand". */
export const FILLERS: ReadonlySet<string> = new Set(['my', 'the', 'a', 'an', 'your', 'his', 'her', 'their', 'our', 'its', 'this', 'that', 'these', 'those', 'some', 'any'])

/** Side words (a Map: client text must never reach Object.prototype through a lookup). */
export const SIDE_WORDS: ReadonlyMap<string, Side> = new Map([['left', 'left'], ['right', 'right'], ['both', 'both'], ['bilateral', 'both'], ['lhs', 'left'], ['rhs', 'right']])

/** Words that deny what follows them within their scope. "Can't" and "won't" are not among them: they say inability or persistence. */
export const NEGATORS: ReadonlySet<string> = new Set(['no', 'not', 'without', 'never', 'dont', 'doesnt', 'isnt', 'didnt', 'arent', 'wasnt', 'werent',
  'nor', 'none', 'neither', 'nothing', 'denies', 'deny', 'havent', 'hasnt', 'hadnt', 'nope', 'nil'])

/** Before "not", these make it inability or persistence ("could not lift", "will not go away"), not a denial. */
export const MODALS: ReadonlySet<string> = new Set(['can', 'could', 'will', 'would', 'should', 'must', 'might', 'may', 'cannot'])

/** Words right after a negator that make it a hedge, not a denial ("not sure", "no idea", "not only", "no matter", "not right"). */
export const HEDGES: ReadonlySet<string> = new Set(['sure', 'certain', 'only', 'just', 'idea', 'matter', 'know', 'think', 'doubt', 'clue', 'wonder', 'exactly', 'quite', 'until', 'till', 'right'])

/** Words that end a negation's scope: what comes after them is said again, not denied ("no swelling, just achy"). */
export const SCOPE_ENDS: ReadonlySet<string> = new Set(['but', 'just', 'only', 'except', 'apart', 'although', 'though', 'however', 'yet', 'still',
  'which', 'whereas', 'because', 'cause', 'cos', 'since', 'now', 'then', 'instead', 'whilst', 'while', 'so', 'anyway', 'plus', 'also'])

/** The longest a negation reaches, in words, when nothing else ends it. */
export const NEGATION_REACH = 7

/** Words after a named thing that say it is normal: "peeing fine", "my scalp is not sore", "breathing's normal". */
export const NORMAL_WORDS: ReadonlySet<string> = new Set(['fine', 'ok', 'okay', 'normal', 'alright', 'good', 'unaffected', 'clear', 'great', 'free'])
/** After a link word ("is", "has"), these say a thing is over: "fever's gone", "has cleared", "is better". */
export const RESOLVED: ReadonlySet<string> = new Set(['go', 'clear', 'settle', 'better', 'pass', 'disappear', 'resolve', 'ease'])
export const LINKS: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'feel', 'feels', 'felt', 'seem', 'seems', 'look', 'looks', 'all',
  'totally', 'completely', 'perfectly', 'absolutely', 'still', 's', 'quite', 'pretty', 'fine', 'and', 'have', 'now', 'all', 'long'])
/** What a denial after a named thing says is absent: "my knee doesn't hurt", "scalp isn't tender". */
export const COMPLAINT_WORDS: ReadonlySet<string> = new Set(['hurt', 'ache', 'sore', 'painful', 'bother', 'tender', 'swell', 'red', 'hot', 'affect', 'involve',
  'numb', 'tingle', 'weak', 'stiff', 'tight', 'problem', 'issue', 'trouble'])
/** "my knees don't hurt when walking" denies the walking, not the knees. */
export const QUALIFIERS: ReadonlySet<string> = new Set(['when', 'while', 'during', 'if', 'unless', 'until', 'after', 'before', 'whenever'])

/** Verbs after which a named body part is moved, not complained of: "when I turn my head", "raising my arm". */
export const MOVEMENTS: ReadonlySet<string> = new Set(['turn', 'lift', 'raise', 'cross', 'straighten', 'bend', 'lean', 'move', 'stretch', 'brush', 'hit', 'shake',
  'nod', 'tilt', 'rotate', 'hold', 'use', 'put', 'wave', 'swing', 'clench', 'open', 'close', 'point', 'flex', 'extend', 'reach', 'wash', 'scratch',
  'rub', 'tap', 'squeeze', 'grip', 'shrug', 'wiggle', 'kick', 'massage'])

/** Texting shorthand and abbreviations, read as the words they stand for. */
export const SHORTHAND: ReadonlyMap<string, string> = new Map(Object.entries({
  w: 'with', wo: 'without', bc: 'because', cos: 'because', coz: 'because', cuz: 'because', u: 'you', ur: 'your', r: 'right',
  im: 'i am', ive: 'i have', id: 'i would', hrs: 'hours', hr: 'hour', mins: 'minutes', min: 'minute', wks: 'weeks', wk: 'week',
  yrs: 'years', yr: 'year', mths: 'months', mo: 'months', tbh: '', idk: 'i do not know', pls: 'please', plz: 'please', thx: 'thanks', ty: 'thanks',
  rn: 'now', atm: 'now', lol: '', bro: '', bruh: '', innit: '', dude: '', omg: '', btw: '', fyi: '', imo: '', ppl: 'people', b4: 'before', '2day': 'today', tmrw: 'tomorrow',
  lt: 'left', rt: 'right', l: 'left', abt: 'about', smth: 'something', sth: 'something', esp: 'especially', bf: 'boyfriend', gf: 'girlfriend',
  whats: 'what is', thats: 'that is', theres: 'there is', shes: 'she is', hes: 'he is', cant: 'cannot', n: 'and',
  dont: 'do not', doesnt: 'does not', didnt: 'did not', isnt: 'is not', arent: 'are not', wasnt: 'was not', werent: 'were not', havent: 'have not',
  hasnt: 'has not', hadnt: 'had not', wont: 'will not', wouldnt: 'would not', couldnt: 'could not', shouldnt: 'should not', aint: 'is not',
  gonna: 'going to', wanna: 'want to', gotta: 'have to', kinda: 'kind of', sorta: 'sort of', dunno: 'do not know',
}))
