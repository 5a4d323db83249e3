/**
 * Fifth pass: numbers and what they say. Age in any wording ("I'm 71", "63yo", "my dad (72)",
 * "in my seventies", "over 50", "pushing 70", "Farmer, 68."); a temperature ("38.9", "temp of 39",
 * "101F"); weight lost ("lost a stone", "6 kg", "a dress size"); weeks of pregnancy ("34 weeks
 * pregnant", "7 months", "third trimester"); a racing heart rate ("HR 118", "130 bpm"); and onset or
 * duration ("suddenly", "for three weeks").
 * Each with its span. Every pattern is anchored and bounded, so the cost is linear in the text. Pure.
 */

import type { NumberReading, Onset, Span } from '../types.js'

/** What a number said, in the knowledge base's sign ids. */
export const NUMBER_SIGNS = {
  fever: 'fever',
  weightLoss: 'unexplained-weight-loss',
  pregnancy: 'pregnancy',
  pregnancyAfter20Weeks: 'pregnancy-after-20-weeks',
  heartRacing: 'heart-racing',
} as const

const UNITS_AFTER = String.raw`\s*(?:kg|kgs|kilos?|lbs?|pounds?|stone|st|cm|ft|foot|feet|inch|%|weeks?|wks?|months?|days?|hours?|hrs?|minutes?|mins?|times|x|degrees?|°|mg|miles?|km|k|am|pm|years? ago|yrs? ago|y\/?o? ago|weeks? pregnant)\b`
const PERSON = String.raw`(?:mum|mom|mother|mam|ma|dad|father|pa|husband|hubby|wife|partner|son|daughter|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|sister|brother|aunt|auntie|uncle|friend|neighbou?r|boyfriend|girlfriend|fiance|fiancee|patient|client|man|woman|lady|guy|gent|chap|male|female|he|she|him|her|they|child|kid|boy|girl|teen|teenager)`
const DECADES: Record<string, number> = {
  teens: 15, twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90,
  '20s': 20, '30s': 30, '40s': 40, '50s': 50, '60s': 60, '70s': 70, '80s': 80, '90s': 90,
}

/** Age patterns, in order of trust; `words` marks the few that can match without a digit ("in my seventies"). */
const AGE_PATTERNS: { re: RegExp; age: (m: RegExpExecArray) => number; words?: true }[] = [
  { re: new RegExp(String.raw`\b(?:i am|i'm|i’m|im|iam|aged|age|age:|ages)\s*(\d{1,3})\b(?!${UNITS_AFTER})(?![.,]\d)`, 'i'), age: (m) => Number(m[1]) },
  { re: /\b(\d{1,3})\s*-?\s*(?:years?|yrs?|yr|y)\s*-?\s*(?:old|of age)\b/i, age: (m) => Number(m[1]) },
  { re: /\b(\d{1,3})\s*(?:yo|y\/o|y\.o\.?|yoa)(?![a-z])/i, age: (m) => Number(m[1]) },
  { re: new RegExp(String.raw`\b${PERSON}\s*(?:,|\(|is|'s|’s|who is|who's|aged)?\s*(\d{1,3})\b(?!${UNITS_AFTER})(?![.,]\d)`, 'i'), age: (m) => Number(m[1]) },
  { re: /\b(?:i am|i'm|i’m|im|iam|aged|age)\s+(?:over|past|above)\s+(\d{2})\b/i, age: (m) => Number(m[1]) + 1 },
  { re: /\b(?:over|past)\s+(?:the\s+age\s+of\s+)?(\d{2})\s+(?:now|myself)\b/i, age: (m) => Number(m[1]) + 1 },
  { re: /\b(?:turned|turning|just turned|hit)\s+(\d{2})\b(?!\s*(?:minutes?|mins?|degrees?))/i, age: (m) => Number(m[1]) },
  { re: /\bin\s+(?:my|his|her|their|your)\s+(early|mid|late|mid-)?\s*(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[2-9]0s)\b/i,
    age: (m) => DECADES[m[2]!.toLowerCase()]! + ({ early: 2, mid: 5, 'mid-': 5, late: 8 } as Record<string, number>)[(m[1] ?? 'mid').toLowerCase()]!, words: true },
  { re: /\b(\d{2})\s*(?:m|f|male|female)\b(?!\s*(?:away|from))/i, age: (m) => Number(m[1]) },
  { re: /\b(?:male|female|man|woman|m|f)\s*,\s*(\d{2})\b/i, age: (m) => Number(m[1]) },
  // About an age: "pushing 70", "getting on for 80", "coming up to 60", "nearly 70 now".
  { re: new RegExp(String.raw`\b(?:pushing|knocking on|getting on for|coming up (?:to|on)|approaching|the wrong side of)\s+(\d{2})\b(?!${UNITS_AFTER})(?![.,]\d)`, 'i'), age: (m) => Number(m[1]) },
  { re: /\b(?:nearly|almost)\s+(\d{2})\s*(?:now\b|years?\b|yrs?\b|[.,;!]|$)/i, age: (m) => Number(m[1]) },
  // Who is writing, then the age: "Farmer, 68.", "sparky here, 54, ...".
  { re: /(?:^|[.!?\n]\s*)\p{L}[\p{L}' ]{0,24},\s*(1[6-9]|[2-9]\d)(?![.,]\d)\s*(?:[.!?,;\n]|$)/iu, age: (m) => Number(m[1]) },
  // A message or sentence that opens with the age: "68 and never get headaches".
  { re: /(?:^|[.!?\n]\s*)(1[6-9]|[2-9]\d)\s+(?:and|but|&)\s/i, age: (m) => Number(m[1]) },
  // A sentence that is only a number: "... in the mornings. 75"
  { re: /(?:^|[.!?\n]\s*)(\d{2,3})\s*(?:yrs?|years?)?\s*(?:[.!?\n]|$)/i, age: (m) => Number(m[1]) },
  // ... or an age offered in passing: "38 if that matters", "I'm 70 if it helps".
  { re: /(?:^|[.!?,;(\n]\s*|\b(?:i am|i'm|i’m|im)\s+)(1[6-9]|[2-9]\d|1[01]\d)\s*,?\s*if\s+(?:that|it|this)\s+(?:matters|helps|is relevant|counts|makes a difference)\b/i, age: (m) => Number(m[1]) },
  // ... or a number closing the message after a comma: "lower back sore, 56".
  { re: /,\s*(1[6-9]|[2-9]\d)\s*[.!]?\s*$/, age: (m) => Number(m[1]) },
  // ... or a number opening a sentence before a comma: "64, type 2 diabetic".
  { re: /(?:^|[.!?\n]\s*)(\d{2,3})\s*,\s*\p{L}/iu, age: (m) => Number(m[1]) },
]

const TEMPERATURE_WORD = /\b(?:temp|temps|temperature|temperatures|fever|thermometer)\b[^.!?\d]{0,24}$/i
const TEMPERATURE = /\b(\d{2,3}(?:[.,]\d{1,2})?)\s*(°\s*[cf]?|degrees?\s*(?:c|f|celsius|fahrenheit)?|c\b|f\b|celsius|fahrenheit)?/gi

const WEIGHT_LOST = /\b(?:lost|losing|lose|dropped|dropping|shed|down)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|like\s+|at least\s+|more than\s+)?(a|an|one|two|three|four|five|half a|\d+(?:[.,]\d+)?)(?:\s+and\s+a\s+half)?\s*(stones?|st|kg|kgs|kilos?|kilograms?|lbs?|pounds?|dress sizes?|clothes sizes?|sizes?)\b/i
const ON_PURPOSE = /\b(?:diet|dieting|slimming|on purpose|intentional|intentionally|weight watchers|calorie|calories|trying to lose|been trying|fasting|ozempic|wegovy|mounjaro)\b/i

const TRIMESTER = /\b(third|3rd|last|second|2nd)\s+trimester\b/i
const PREGNANT_WEEKS = [
  /\b(\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?|w)\s*(?:\+\s*\d\s*(?:days?|d)?\s*)?(?:pregnant|gestation|along|preg)\b/i,
  /\bpregnant\b[^.!?\n]{0,40}?\b(\d{1,2})\s*(?:weeks?|wks?)\b/i,
  /\b(\d)\s*(?:and a half\s*)?months?\s*(?:pregnant|along|gone)\b/i,
  TRIMESTER,
  /\b(?:i am|i'm|i’m|im)\s+(\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?|w)\b(?!\s*ago)/i,
  // A message that opens with the weeks alone ("31 wks. pain under my ribs"): gestation, from 16 to 42 (a duration that long is said in months).
  /^\W*(1[6-9]|[23]\d|4[0-2])\s*(?:\+\s*\d\s*)?(?:weeks?|wks?)\s*(?:\+\s*\d\s*(?:days?|d)?\s*)?(?=[.,:;!\-\u2013\u2014]|$)/i,
]
const PREGNANCY_WORD = /\b(?:pregnan\w*|twins|baby|bump|midwife|prenatal|antenatal|trimester|expecting|due date)\b/i
const WEEKS_ANYWHERE = /\b(\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?)\b(?!\s*(?:ago|old|later|after|since|of))/i

const NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  couple: 2, few: 3, several: 4,
}
const UNIT_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, night: 1, week: 7, month: 30, year: 365 }
const SUDDEN = /\b(all of a sudden|out of (?:the )?(?:nowhere|blue)|came on (?:in )?(?:seconds|suddenly|instantly|all at once)|in (?:a few )?seconds|suddenly|sudden|abruptly|without warning|like a thunderclap|came on like)\b/i
const GRADUAL = /\b(gradually|slowly (?:got|getting|came|coming|building|worse)|over (?:the )?(?:past |last )?(?:few |several )?(?:weeks|months|years)|crept up|creeping|little by little|gradual|built up|building up)\b/i
const DURATION = /\b(?:for|over|in) (?:the )?(?:past |last )?(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple(?: of)?|few|several) (hour|day|night|week|month|year)s?\b/i
const SINCE = /\bsince (yesterday|last (?:night|week|month|year)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this morning|the weekend|christmas|\d{4})\b/i

function spanOf(m: RegExpExecArray): Span {
  return [m.index, m.index + m[0].length]
}

/**
 * Most messages hold no digit, and most patterns here need one: such a message is tried only on the
 * patterns that can match without. (This spared about a tenth of the reader's time on the
 * benchmark's messages, none of which has a digit.)
 */
const AGE_IN_WORDS = AGE_PATTERNS.filter((p) => p.words)

/** The client's (or the person written about's) age, when stated plausibly (1-120). */
export function readAge(text: string, digits = /\d/.test(text)): NumberReading['age'] {
  for (const { re, age } of digits ? AGE_PATTERNS : AGE_IN_WORDS) {
    const m = re.exec(text)
    if (!m) continue
    const value = age(m)
    if (value >= 1 && value <= 120) return { age: value, span: spanOf(m) }
  }
  return null
}

/** Temperatures: a fever from 37.8 °C (100 °F); a normal reading denies one. */
function readTemperatures(text: string): NumberReading['signs'] {
  const out: NumberReading['signs'] = []
  for (const m of text.matchAll(TEMPERATURE)) {
    const value = Number(m[1]!.replace(',', '.'))
    const unit = (m[2] ?? '').toLowerCase()
    const decimal = m[1]!.includes('.') || m[1]!.includes(',')
    const named = TEMPERATURE_WORD.test(text.slice(Math.max(0, m.index - 40), m.index))
    const celsius = value >= 34 && value <= 43.5 && !unit.includes('f')
    const fahrenheit = value >= 95 && value <= 110 && !/c/.test(unit.replace('degrees', ''))
    if (!(celsius || fahrenheit) || !(unit !== '' || named || (celsius && decimal && value >= 37.5))) continue
    const fever = celsius ? value >= 37.8 : value >= 100
    out.push({ id: NUMBER_SIGNS.fever, span: [m.index, m.index + m[0].length], negated: !fever })
  }
  return out
}

function readWeightLoss(text: string): NumberReading['signs'] {
  const m = WEIGHT_LOST.exec(text)
  if (!m) return []
  const sentence = text.slice(Math.max(0, text.lastIndexOf('.', m.index) + 1), Math.max(m.index + m[0].length, text.indexOf('.', m.index + m[0].length) >>> 0))
  // "without dieting", "not trying" say it was not on purpose.
  const purpose = sentence.replace(/\b(?:without|not|no|never)\s+(?:\w+\s+)?(?:dieting|trying|diet)\b/gi, '')
  return ON_PURPOSE.test(purpose) ? [] : [{ id: NUMBER_SIGNS.weightLoss, span: spanOf(m), negated: false }]
}

/** A heart rate read off a watch or a monitor: "HR 118", "pulse is 130", "heart rate of 125", "125 bpm". */
const HEART_RATE = /\b(?:hr|heart\s*rate|pulse(?:\s*rate)?)\s*(?:is|was|of|at|:|=|says|reads|reading|showing|up to|went to|going at)?\s*(\d{2,3})\b|\b(\d{2,3})\s*bpm\b/gi
/** A rate said of exercise is no warning: "HR hit 180 on my run". */
const ON_EFFORT = /\b(?:run|running|ran|workout|training|spin|class|max|peak|sprint|sprints|intervals?|gym|cycling|ride|exercise|hike|climb|climbing|race)\b/i

/** A resting heart rate from 110 a minute is racing: the first such reading, if any. */
function readHeartRate(text: string): NumberReading['signs'] {
  for (const m of text.matchAll(HEART_RATE)) {
    const value = Number(m[1] ?? m[2])
    if (value < 110 || value > 250) continue
    // Its sentence, within 120 characters either side, so many readings in one long sentence cost linear time.
    const near = text.slice(Math.max(0, m.index - 120), m.index + m[0].length + 120)
    const at = m.index - Math.max(0, m.index - 120)
    const end = near.indexOf('.', at + m[0].length)
    if (!ON_EFFORT.test(near.slice(near.lastIndexOf('.', at) + 1, end < 0 ? near.length : end))) {
      return [{ id: NUMBER_SIGNS.heartRacing, span: [m.index, m.index + m[0].length], negated: false }]
    }
  }
  return []
}

function readPregnancy(text: string, digits: boolean): NumberReading['signs'] {
  // Weeks said anywhere in a message that speaks of a pregnancy ("36 weeks with twins").
  const patterns = !digits ? [TRIMESTER] : PREGNANCY_WORD.test(text) ? [...PREGNANT_WEEKS, WEEKS_ANYWHERE] : PREGNANT_WEEKS
  for (const re of patterns) {
    const m = re.exec(text)
    if (!m) continue
    const n = m[1]!.toLowerCase()
    const weeks = /^\d+$/.test(n) ? (re === PREGNANT_WEEKS[2] ? Number(n) * 4.3 : Number(n)) : /third|3rd|last/.test(n) ? 28 : 14
    const out: NumberReading['signs'] = [{ id: NUMBER_SIGNS.pregnancy, span: spanOf(m), negated: false }]
    if (weeks >= 20) out.push({ id: NUMBER_SIGNS.pregnancyAfter20Weeks, span: spanOf(m), negated: false })
    return out
  }
  return []
}

/** How the symptoms started, or for how long they have lasted. */
export function readOnset(text: string): Onset | null {
  const sudden = SUDDEN.exec(text)
  if (sudden) return { kind: 'sudden', text: sudden[0], span: spanOf(sudden), days: null }
  const dur = DURATION.exec(text)
  if (dur) {
    const n = /^\d+$/.test(dur[1]!) ? Number(dur[1]) : NUMBERS[dur[1]!.toLowerCase().replace(/ of$/, '')] ?? 1
    const days = Math.round(n * UNIT_DAYS[dur[2]!.toLowerCase()]! * 100) / 100
    return { kind: 'duration', text: dur[0], span: spanOf(dur), days }
  }
  const since = SINCE.exec(text)
  if (since) return { kind: 'duration', text: since[0], span: spanOf(since), days: null }
  const gradual = GRADUAL.exec(text)
  if (gradual) return { kind: 'gradual', text: gradual[0], span: spanOf(gradual), days: null }
  return null
}

/** Read every number-borne fact of a message. */
export function readNumbers(text: string): NumberReading {
  const digits = /\d/.test(text)
  const temperatures = digits ? readTemperatures(text) : []
  const rates = digits ? readHeartRate(text) : []
  return { age: readAge(text, digits), signs: [...temperatures, ...rates, ...readWeightLoss(text), ...readPregnancy(text, digits)], onset: readOnset(text) }
}
