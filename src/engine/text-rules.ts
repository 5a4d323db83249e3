/**
 * The word lists and small judgements the free-text reader applies: negators, hedges, side words,
 * stop words, moved body parts, denials after a region, and which entries inside a longer phrase
 * also count. Pure data and functions; no state.
 */
import type { PhraseTarget } from './phrases.js'
import type { Side } from './types.js'

export const NEGATORS = new Set(['no', 'not', 'without', 'never', 'dont', 'doesnt', 'isnt', 'didnt', 'arent', 'wasnt', 'nor', 'none', 'neither', 'nothing', 'denies', 'havent', 'hasnt'])
export const NEGATION_WINDOW = 5
/** "not sure if it's tennis elbow" hedges; it does not deny. */
export const HEDGES = new Set(['sure', 'certain', 'only', 'just'])
export const SIDE_WORDS: Record<string, Side> = { left: 'left', right: 'right', both: 'both', bilateral: 'both' }
export const STOP = new Set(('a an and the my me i im ive it its is are was were be been have has had of in on at to for with from by when ' +
  'this that these those there here very really so but or if then than too also just some any all side sides after before ' +
  'day days week weeks month months year years time times get gets got feel feels feeling felt like lot bit much more most ' +
  'since about around into over under up down out off can cannot do does did am your you he she they them his her our ' +
  'while during every each first last again always often sometimes usually lately recently now still being which what where who how ' +
  'ago old aged age yo yrs started start starts came come comes go goes went keep keeps kind sort quite pretty bad worse worst ' +
  'better badly constant constantly sudden suddenly gradual gradually slowly today yesterday tonight morning night monday tuesday ' +
  'wednesday thursday friday saturday sunday please help hi hello thanks thank one two three four five six seven eight nine ten ' +
  'few several couple hour hours whenever especially mostly mainly lot lots also even though although however because since ' +
  'area spot place part bit little thing things should would could will just am hurt hurting pain').split(' '))

export const MOVEMENTS = new Set(['turn', 'turns', 'turning', 'lift', 'lifts', 'lifting', 'raise', 'raising', 'cross', 'crossing', 'straighten',
  'straightening', 'bend', 'bending', 'lean', 'leaning', 'move', 'moving', 'stretch', 'stretching', 'brush', 'brushing', 'hit', 'hitting',
  'shake', 'shaking', 'nod', 'nodding', 'tilt', 'tilting', 'rotate', 'rotating', 'over', 'above', 'hold', 'holding', 'use', 'using'])
const QUALIFIERS = new Set(['when', 'while', 'during', 'if', 'unless', 'until', 'after', 'before'])
const DENIAL_WORDS = new Set(['hurt', 'hurts', 'ache', 'aches', 'sore', 'painful', 'bother', 'bothers', 'fine', 'ok', 'okay', 'normal', 'good'])

/** Whether the words right after position `at` deny what was just named ("doesn't hurt", "is fine"). */
export function deniedAfter(words: readonly { norm: string; gap: string }[], at: number): boolean {
  const next = words.slice(at, at + 3).filter((w) => w.gap !== 'sentence' && w.gap !== 'clause')
  const neg = next.findIndex((w) => NEGATORS.has(w.norm))
  if (neg >= 0) {
    const k = next.findIndex((w, j) => j > neg && DENIAL_WORDS.has(w.norm))
    // "my knees don't hurt when walking" denies the walking, not the knees.
    return k >= 0 && !QUALIFIERS.has(words[at + k + 1]?.norm ?? '')
  }
  return next.slice(0, 2).some((w) => w.norm === 'is' || w.norm === 'are' || w.norm === 'feels') && next.slice(0, 3).some((w) => ['fine', 'ok', 'okay', 'normal'].includes(w.norm))
}

/**
 * Which vocabulary entries named inside a longer phrase also count: the region and the sensation
 * named by a condition ("neck pain"), the sensation in a region phrase ("lower back pain"), the region
 * in a sensation ("stuffy ear"); in a sign, another sign, its sensations and a region among its first
 * two words ("swollen calf", not "chin to chest"). Never inside an activity ("turning my head").
 */
export function innerKeeps(outer: readonly PhraseTarget[], t: PhraseTarget, offset: number): boolean {
  if (outer.some((h) => h.type === t.type && h.id === t.id)) return false
  const types = new Set(outer.map((h) => h.type))
  if (t.type === 'region') {
    if (types.has('region')) return false
    return types.has('condition') || types.has('sensation') || (types.has('sign') && offset < 2)
  }
  if (t.type === 'sensation') return !types.has('sensation') && (types.has('condition') || types.has('sign') || types.has('region'))
  return t.type === 'sign' && types.has('sign')
}
