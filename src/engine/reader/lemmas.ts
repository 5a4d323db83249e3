/**
 * Second pass: every word to one canonical form, used alike for the knowledge base's phrases and
 * for the client's words, so "squeezing", "squeezed" and "squeezes" all meet "squeeze", "feet"
 * meets "foot", "stiffness" meets "stiff" and "colour" meets "color". Inflection rules propose
 * candidates; a candidate counts only when it is a real word (the common English list or the
 * knowledge base's own vocabulary), so "shoulder" never becomes "should". Pure.
 */
import type { English, Lemmatizer } from '../types.js'

/** Irregular forms the suffix rules cannot reach. */
const IRREGULAR: ReadonlyMap<string, string> = new Map(Object.entries({
  feet: 'foot', teeth: 'tooth', calves: 'calf', halves: 'half', knives: 'knife', wives: 'wife', lives: 'life', men: 'man', women: 'woman',
  children: 'child', kids: 'kid', mice: 'mouse', went: 'go', gone: 'go', goes: 'go', going: 'go', felt: 'feel', fell: 'fall', fallen: 'fall',
  broke: 'break', broken: 'break', woke: 'wake', woken: 'wake', slept: 'sleep', swollen: 'swell', swolen: 'swell', lying: 'lie', laying: 'lie',
  lain: 'lie', ran: 'run', came: 'come', got: 'get', gotten: 'get', sat: 'sit', stood: 'stand', took: 'take', taken: 'take', began: 'begin',
  begun: 'begin', bent: 'bend', lost: 'lose', did: 'do', done: 'do', does: 'do', had: 'have', has: 'have', having: 'have', was: 'be', were: 'be',
  is: 'be', are: 'be', am: 'be', been: 'be', being: 'be', said: 'say', says: 'say', thought: 'think', caught: 'catch', brought: 'bring',
  bought: 'buy', kept: 'keep', ate: 'eat', eaten: 'eat', drove: 'drive', driven: 'drive', rode: 'ride', ridden: 'ride', wrote: 'write',
  threw: 'throw', thrown: 'throw', shook: 'shake', shaken: 'shake', struck: 'strike', stuck: 'stick', spun: 'spin', swam: 'swim', tore: 'tear',
  torn: 'tear', wore: 'wear', worn: 'wear', bled: 'bleed', fed: 'feed', held: 'hold', dug: 'dig', shot: 'shoot', slid: 'slide', spent: 'spend',
  sent: 'send', meant: 'mean', made: 'make', told: 'tell', found: 'find', left: 'left', gave: 'give', given: 'give', saw: 'see', seen: 'see',
  knew: 'know', known: 'know', grew: 'grow', grown: 'grow', flew: 'fly', flown: 'fly', drank: 'drink', drunk: 'drunk', sang: 'sing', sung: 'sing',
  rang: 'ring', swung: 'swing', hung: 'hang', lit: 'light', led: 'lead', understood: 'understand', chose: 'choose', froze: 'freeze',
  frozen: 'freeze', hid: 'hide', bit: 'bit', bitten: 'bite', sprained: 'sprain', tingly: 'tingle', achy: 'ache', achey: 'ache', dizzy: 'dizzy',
  worse: 'worse', worst: 'worst', better: 'better', best: 'best', less: 'less', news: 'news', lungs: 'lung', ribs: 'rib', hips: 'hip',
  legs: 'leg', arms: 'arm', knees: 'knee', toes: 'toe', shins: 'shin', thighs: 'thigh', glutes: 'glute', quads: 'quad', hamstrings: 'hamstring',
  traps: 'trap', lats: 'lat', pecs: 'pec', abs: 'abs', buttocks: 'buttock', shoulders: 'shoulder', elbows: 'elbow', wrists: 'wrist',
  ankles: 'ankle', heels: 'heel', temples: 'temple', eyes: 'eye', ears: 'ear', cheeks: 'cheek', fingers: 'finger', thumbs: 'thumb',
  hands: 'hand', glasses: 'glass', stairs: 'stair', steps: 'step', always: 'always', sometimes: 'sometimes', perhaps: 'perhaps',
  this: 'this', his: 'his', its: 'its', us: 'us', yes: 'yes', thus: 'thus', bus: 'bus', plus: 'plus', gas: 'gas', as: 'as',
  during: 'during', morning: 'morning', evening: 'evening', ceiling: 'ceiling', nothing: 'nothing', something: 'something',
  anything: 'anything', everything: 'everything', thing: 'thing', things: 'thing', ring: 'ring', spring: 'spring', string: 'string',
  sling: 'sling', sting: 'sting', stinging: 'sting', bring: 'bring', king: 'king', early: 'early', belly: 'belly', only: 'only', ugly: 'ugly',
  family: 'family', holly: 'holly', jelly: 'jelly', reply: 'reply', supply: 'supply', apply: 'apply', fly: 'fly', ply: 'ply', rely: 'rely',
  shoulder: 'shoulder', under: 'under', over: 'over', after: 'after', never: 'never', ever: 'ever', other: 'other', father: 'father',
  mother: 'mother', brother: 'brother', sister: 'sister', daughter: 'daughter', water: 'water', later: 'later', bladder: 'bladder',
  finger: 'finger', fever: 'fever', number: 'number', lower: 'lower', upper: 'upper', inner: 'inner', outer: 'outer', center: 'center',
  corner: 'corner', partner: 'partner', winter: 'winter', summer: 'summer', computer: 'computer', paper: 'paper', dinner: 'dinner',
  cancer: 'cancer', ulcer: 'ulcer', liver: 'liver', power: 'power', shower: 'shower', tower: 'tower', rather: 'rather', weather: 'weather',
  whether: 'whether', either: 'either', neither: 'neither', together: 'together', rubber: 'rubber', ladder: 'ladder', butter: 'butter',
  temper: 'temper', whisper: 'whisper', clamber: 'clamber', injured: 'injure', tired: 'tired', red: 'red', bed: 'bed', need: 'need',
  speed: 'speed', bleed: 'bleed', seed: 'seed', shed: 'shed', used: 'use', naked: 'naked', wicked: 'wicked', sacred: 'sacred', hundred: 'hundred',
}))

/**
 * A stem and the stem with "e", likelier first: a stem ending consonant-vowel-consonant after a
 * single consonant usually lost an "e" ("biting" → bite, "hoped" → hope), others did not ("walked").
 */
function stemFirst(stem: string): string[] {
  return /[^aeiou][aeiou][^aeiouwxy]$/.test(stem) ? [stem + 'e', stem] : [stem, stem + 'e']
}

/** Candidate base forms of a regular inflection, most likely first. */
function candidates(w: string): string[] {
  const out: string[] = []
  const n = w.length
  if (n > 4 && w.endsWith('iness')) out.push(w.slice(0, -5) + 'y')
  if (n > 5 && w.endsWith('ness')) out.push(w.slice(0, -4))
  if (n > 4 && w.endsWith('ies')) out.push(w.slice(0, -3) + 'y')
  if (n > 3 && w.endsWith('s') && !/(ss|us|is|ous)$/.test(w)) {
    out.push(w.slice(0, -1))
    if (w.endsWith('es')) out.push(w.slice(0, -2))
  }
  if (n > 5 && w.endsWith('ing')) {
    const stem = w.slice(0, -3)
    if (stem.endsWith('y') && w.endsWith('ying') && n > 6) out.push(stem)
    out.push(...stemFirst(stem))
    if (/([bdfgklmnprtvz])\1$/.test(stem)) out.push(stem.slice(0, -1))
  }
  if (n > 4 && w.endsWith('ied')) out.push(w.slice(0, -3) + 'y')
  if (n > 4 && w.endsWith('ed')) {
    const stem = w.slice(0, -2)
    out.push(...stemFirst(stem))
    if (/([bdfgklmnprtvz])\1$/.test(stem)) out.push(stem.slice(0, -1))
  }
  if (n > 5 && w.endsWith('ily')) out.push(w.slice(0, -3) + 'y')
  if (n > 5 && w.endsWith('ly')) out.push(w.slice(0, -2))
  if (n > 5 && w.endsWith('ier')) out.push(w.slice(0, -3) + 'y')
  if (n > 6 && w.endsWith('iest')) out.push(w.slice(0, -4) + 'y')
  return out
}

/** Comparatives ("stiffer", "tighter") are stripped only onto the knowledge base's words: "shoulder" stays. */
function comparatives(w: string): string[] {
  const n = w.length
  const out: string[] = []
  if (n > 4 && w.endsWith('er')) out.push(w.slice(0, -2), w.slice(0, -1), /([bdgmnpt])\1er$/.test(w) ? w.slice(0, -3) : '')
  // A superlative's stem has four letters or more: "latest" is not the muscle "lat".
  if (n > 5 && w.endsWith('est')) out.push(...[w.slice(0, -3), w.slice(0, -2)].filter((x) => x.length >= 4))
  return out.filter((x) => x !== '')
}

/**
 * A lemmatiser over common English plus the knowledge base's own words.
 * @param english the common English list and British → American spellings
 * @param own the raw words of every knowledge-base phrase (so clinical words such as "sciatica" count as real)
 */
export function createLemmatizer(english: English, own: ReadonlySet<string>): Lemmatizer {
  const real = (w: string): boolean => english.words.has(w) || own.has(w)
  const lemma = (raw: string): string => {
    const w = english.americanOf.get(raw) ?? raw
    const irregular = IRREGULAR.get(w)
    if (irregular !== undefined) return irregular
    if (/\d/.test(w) || w.length <= 3) return w
    for (const c of candidates(w)) if (c.length >= 3 && real(c)) return IRREGULAR.get(c) ?? english.americanOf.get(c) ?? c
    for (const c of comparatives(w)) if (c.length >= 3 && own.has(c)) return c
    return w
  }
  return { lemma }
}
