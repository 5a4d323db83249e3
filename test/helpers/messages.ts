/**
 * Patient-message sets (the shared development corpus and our own blind sets, one JSON format) and
 * how an answer to each message is scored: red flags referred out, benign messages not escalated,
 * and the expected primary muscles found near the top. Used by the evaluation test and by
 * `npm run eval:messages`. Muscle names in the sets are everyday names; they are matched to the
 * knowledge base's ids through its names and aliases, plus the group names listed here.
 */
import { existsSync, readFileSync } from 'node:fs'

export interface MessageCase {
  id: string
  group: 'benign' | 'red-flag' | 'control'
  text: string
  red_flag: boolean
  expected_triage: 'none' | 'routine' | 'urgent' | 'emergency'
  flag: string | null
  expected_primary: string[]
  expected_secondary: string[]
  vague: boolean
  side: string | null
}

export interface MessageSet {
  name: string
  cases: MessageCase[]
}

/** What an answer said about one message. */
export interface MessageOutcome {
  c: MessageCase
  level: string
  flags: string[]
  possible: string[]
  muscles: string[]
  questions: number
}

export const CORPUS_PATH = new URL('../../../shared/corpus/messages.json', import.meta.url)
export const BLIND_DIR = new URL('../messages-blind/', import.meta.url)

/** A message set from a file, or null when the file is not there. */
export function loadMessageSet(path: URL | string): MessageSet | null {
  if (!existsSync(path)) return null
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; cases: MessageCase[] }
  return { name: raw.name ?? String(path), cases: raw.cases }
}

/** Group names the sets use for several of our muscles (or for one under another name). */
const GROUPS: Record<string, string[]> = {
  'scalenes': ['scalenus-anterior', 'scalenus-medius', 'scalenus-posterior'],
  'deltoid': ['deltoid-anterior', 'deltoid-middle', 'deltoid-posterior'],
  'masseter': ['masseter-superficial', 'masseter-deep'],
  'sternocleidomastoid': ['sternocleidomastoid-sternal', 'sternocleidomastoid-clavicular'],
  'multifidus': ['cervical-multifidi', 'lumbar-multifidi'],
  'multifidi': ['cervical-multifidi', 'lumbar-multifidi'],
  'scalene muscles': ['scalenus-anterior', 'scalenus-medius', 'scalenus-posterior'],
  'hamstrings': ['biceps-femoris', 'medial-hamstrings'],
  'semimembranosus': ['medial-hamstrings'],
  'semitendinosus': ['medial-hamstrings'],
  'digastric': ['digastric-anterior', 'digastric-posterior'],
  'external oblique': ['abdominal-obliques'],
  'internal oblique': ['abdominal-obliques'],
  'intercostal muscles': ['intercostals'],
  'interossei of the hand': ['dorsal-interossei-hand'],
  'first dorsal interosseous': ['dorsal-interossei-hand'],
  'first dorsal interosseus': ['dorsal-interossei-hand'],
  'interossei of the foot': ['plantar-interossei-foot'],
  'interossei': ['dorsal-interossei-hand', 'plantar-interossei-foot'],
  'iliocostalis': ['iliocostalis-lumborum', 'iliocostalis-thoracis'],
  'abductor digiti minimi': ['abductor-digiti-minimi-hand', 'abductor-digiti-minimi-foot'],
  'extensor hallucis brevis': ['extensor-digitorum-brevis'],
  'short hip rotators': ['short-hip-rotators'],
  'traps': ['upper-trapezius', 'middle-trapezius', 'lower-trapezius'],
  'trapezius': ['upper-trapezius', 'middle-trapezius', 'lower-trapezius'],
  'quads': ['rectus-femoris', 'vastus-medialis', 'vastus-lateralis', 'vastus-intermedius'],
  'calf': ['gastrocnemius', 'soleus'],
  // Ambiguous between the forearm's and the foot's: whichever the complaint's area holds.
  'flexor digitorum': ['flexor-digitorum-superficialis', 'flexor-digitorum-profundus', 'flexor-digitorum-longus', 'flexor-digitorum-brevis'],
}

const norm = (s: string): string => s.toLowerCase().replace(/\([^)]*\)/g, (m) => m).replace(/[^a-z0-9()]+/g, ' ').trim()

/** Name → muscle ids, from the knowledge base's muscles (id, name, aliases) and the group names. */
export function muscleNameIndex(muscles: readonly { id: string; name: string; aliases: readonly string[] }[]): (name: string) => string[] {
  const index = new Map<string, Set<string>>()
  const add = (key: string, id: string): void => {
    const k = norm(key)
    if (!index.has(k)) index.set(k, new Set())
    index.get(k)!.add(id)
  }
  for (const m of muscles) {
    add(m.id.replace(/-/g, ' '), m.id)
    add(m.name, m.id)
    add(m.name.replace(/\s*\([^)]*\)/g, ''), m.id)
    for (const a of m.aliases) add(a, m.id)
  }
  for (const [name, ids] of Object.entries(GROUPS)) for (const id of ids) add(name, id)
  return (name) => [...(index.get(norm(name)) ?? index.get(norm(name.replace(/\s*\([^)]*\)/g, ''))) ?? [])]
}

const RANK: Record<string, number> = { none: 0, routine: 1, urgent: 2, emergency: 3 }

export interface MessageFigures {
  redFlags: number
  referredOut: number
  exactLevel: number
  benign: number
  /** Non-red-flag messages (benign and control) answered urgent or emergency. */
  escalated: number
  nonRedFlag: number
  recall5: number
  top3: number
  controlsRecall5: number
  /** Benign or control messages answered with no muscle and no question. */
  empty: number
  misses: { redFlags: string[]; escalated: string[]; weak: string[]; empty: string[] }
}

/** Score a set's outcomes. */
export function scoreMessages(outcomes: readonly MessageOutcome[], idsOf: (name: string) => string[]): MessageFigures {
  const red = outcomes.filter((o) => o.c.group === 'red-flag')
  const referred = red.filter((o) => RANK[o.level]! >= RANK.urgent! && o.muscles.length === 0)
  const others = outcomes.filter((o) => o.c.group !== 'red-flag')
  const escalated = others.filter((o) => RANK[o.level]! >= RANK.urgent!)
  const recall = (o: MessageOutcome, k: number): number => {
    const top = new Set(o.muscles.slice(0, k))
    const hits = o.c.expected_primary.filter((name) => idsOf(name).some((id) => top.has(id)))
    return hits.length / o.c.expected_primary.length
  }
  const ranked = (group: string): MessageOutcome[] => outcomes.filter((o) => o.c.group === group && o.c.expected_primary.length > 0)
  const benign = ranked('benign')
  const controls = ranked('control')
  const mean = (xs: number[]): number => (xs.length === 0 ? 1 : xs.reduce((a, b) => a + b, 0) / xs.length)
  const empty = others.filter((o) => o.muscles.length === 0 && o.questions === 0 && RANK[o.level]! < RANK.urgent!)
  return {
    redFlags: red.length,
    referredOut: referred.length,
    exactLevel: red.filter((o) => o.level === o.c.expected_triage).length,
    benign: benign.length,
    escalated: escalated.length,
    nonRedFlag: others.length,
    recall5: mean(benign.map((o) => recall(o, 5))),
    top3: benign.length === 0 ? 1 : benign.filter((o) => recall(o, 3) > 0).length / benign.length,
    controlsRecall5: mean(controls.map((o) => recall(o, 5))),
    empty: empty.length,
    misses: {
      redFlags: red.filter((o) => !referred.includes(o)).map((o) => `${o.c.id} [${o.c.flag}] got ${o.level}${o.flags.length ? ` (${o.flags.join(',')})` : ''}${o.possible.length ? ` possible ${o.possible.join(',')}` : ''}`),
      escalated: escalated.map((o) => `${o.c.id} got ${o.level} (${o.flags.join(',')})`),
      weak: benign.filter((o) => recall(o, 5) < 1).map((o) => `${o.c.id}: want ${o.c.expected_primary.join(', ')}; got ${o.muscles.slice(0, 5).join(', ')}`),
      empty: empty.map((o) => o.c.id),
    },
  }
}

/** The figures as printable lines. */
export function describeFigures(name: string, f: MessageFigures): string[] {
  const pct = (n: number, d: number): string => `${n}/${d} (${d === 0 ? '-' : ((100 * n) / d).toFixed(1)} %)`
  return [
    `${name}:`,
    `  red flags referred out     ${pct(f.referredOut, f.redFlags)}; level as expected ${pct(f.exactLevel, f.redFlags)}`,
    `  non-red-flag escalated     ${pct(f.escalated, f.nonRedFlag)}`,
    `  benign primary recall@5    ${f.recall5.toFixed(3)} (${f.benign} messages)`,
    `  benign primary in top 3    ${f.top3.toFixed(3)}`,
    `  control primary recall@5   ${f.controlsRecall5.toFixed(3)}`,
    `  no muscle and no question  ${f.empty}`,
  ]
}
