/**
 * Age and onset from free text: "I'm 52", "67 years old"; "suddenly", "gradually", "for three
 * weeks", "since Monday". Each with the span it came from. Pure.
 */

export interface Onset {
  kind: 'sudden' | 'gradual' | 'duration'
  text: string
  span: [number, number]
  /** Approximate duration in days, for `duration`. */
  days: number | null
}

const NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  couple: 2, few: 3, several: 4,
}
const UNIT_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, night: 1, week: 7, month: 30, year: 365 }

const AGE_PATTERNS = [
  /\b(?:i am|i'm|im|i’m|aged|age|age:)\s*(\d{1,3})\b(?!\s*(?:kg|lb|cm|%|minutes|mins|hours|days|weeks|months|years? ago))/i,
  /\b(\d{1,3})\s*(?:-\s*)?(?:years?|yrs?|y)\s*(?:-\s*)?old\b/i,
  /\b(\d{1,3})\s*(?:yo|y\/o|y\.o\.)\b/i,
  /\b(?:a|an)\s+(\d{1,3})\s*(?:-\s*)?year\s*(?:-\s*)?old\b/i,
]
const SUDDEN = /\b(all of a sudden|out of (?:the )?nowhere|came on (?:in )?(?:seconds|suddenly|instantly|all at once)|in (?:a few )?seconds|suddenly|sudden(?:ly)?|abruptly|without warning|like a thunderclap)\b/i
const GRADUAL = /\b(gradually|slowly (?:got|getting|came|coming|building|worse)|over (?:the )?(?:past |last )?(?:few |several )?(?:weeks|months|years)|crept up|creeping|little by little|gradual)\b/i
const DURATION = /\b(?:for|over|in) (?:the )?(?:past |last )?(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple(?: of)?|few|several) (hour|day|night|week|month|year)s?\b/i
const SINCE = /\bsince (yesterday|last (?:night|week|month|year)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this morning|the weekend|christmas|\d{4})\b/i

/** The client's age, when stated plausibly (1-120). */
export function readAge(text: string): { age: number; span: [number, number] } | null {
  for (const re of AGE_PATTERNS) {
    const m = re.exec(text)
    if (!m) continue
    const age = Number(m[1])
    if (age >= 1 && age <= 120) return { age, span: [m.index, m.index + m[0].length] }
  }
  return null
}

/** How the symptoms started, or for how long they have lasted. */
export function readOnset(text: string): Onset | null {
  const sudden = SUDDEN.exec(text)
  if (sudden) return { kind: 'sudden', text: sudden[0], span: [sudden.index, sudden.index + sudden[0].length], days: null }
  const dur = DURATION.exec(text)
  if (dur) {
    const n = /^\d+$/.test(dur[1]!) ? Number(dur[1]) : NUMBERS[dur[1]!.toLowerCase().replace(/ of$/, '')] ?? 1
    const days = Math.round(n * UNIT_DAYS[dur[2]!.toLowerCase()]! * 100) / 100
    return { kind: 'duration', text: dur[0], span: [dur.index, dur.index + dur[0].length], days }
  }
  const since = SINCE.exec(text)
  if (since) return { kind: 'duration', text: since[0], span: [since.index, since.index + since[0].length], days: null }
  const gradual = GRADUAL.exec(text)
  if (gradual) return { kind: 'gradual', text: gradual[0], span: [gradual.index, gradual.index + gradual[0].length], days: null }
  return null
}
