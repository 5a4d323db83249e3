/**
 * The parse use case: what the API understands in a message, with spans, and the red flags it
 * raises. The text is used for this call only: never stored or logged.
 */
import type { ParseResult } from '../contract/parse.js'
import type { CompiledKb } from '../engine/compile.js'
import { buildFacts } from '../engine/facts.js'
import { triage, factLabel } from '../engine/triage.js'
import { understand } from '../engine/understand.js'

/** Whether a fact names a helper sign (never shown as understood). */
export function isInternal(kb: CompiledKb, fact: string): boolean {
  return fact.startsWith('sign:') && kb.signs.get(fact.slice(5))?.internal === true
}

export function createParseService(kb: CompiledKb) {
  const label = (type: 'sensation' | 'context' | 'condition' | 'sign', id: string): string => factLabel(kb, `${type}:${id}`)
  return {
    /** Understand one message. */
    parse(text: string): ParseResult {
      const u = understand(kb, text)
      const facts = buildFacts(kb, {
        complaints: u.complaints.map((c) => ({ region: c.region, ...(c.side ? { side: c.side } : {}), sensations: c.sensations })),
        conditions: u.conditions.map((c) => c.id), contexts: u.contexts.map((c) => c.id), signs: u.signs.map((s) => s.id),
        sensations: u.sensations.map((s) => s.id), negated: u.negated.map((n) => n.fact),
        ...(u.age !== null ? { age: u.age } : {}), answers: {}, limit: 10,
      })
      const t = triage(kb, facts, { answers: {}, ...(u.age !== null ? { age: u.age } : {}) })
      return {
        kbVersion: kb.version,
        complaints: u.complaints.map((c) => ({ ...c, label: kb.regions.get(c.region)!.label })),
        sensations: u.sensations.map((s) => ({ ...s, label: label('sensation', s.id) })),
        contexts: u.contexts.map((s) => ({ ...s, label: label('context', s.id) })),
        conditions: u.conditions.map((s) => ({ ...s, label: label('condition', s.id) })),
        // Helper signs are reasoned with, not shown as understood.
        signs: u.signs.filter((s) => !kb.signs.get(s.id)?.internal).map((s) => ({ ...s, label: label('sign', s.id) })),
        negated: u.negated.filter((n) => !isInternal(kb, n.fact)).map(({ fact, span }) => ({ fact, span, label: factLabel(kb, fact) })),
        age: u.age,
        onset: u.onset,
        unrecognized: u.unrecognized,
        triage: { level: t.level, flags: t.flags.map(({ id, level, title, advice }) => ({ id, level, title, advice })), possible: t.possible },
      }
    },
  }
}

export type ParseService = ReturnType<typeof createParseService>
