/**
 * RFC 9457 problem+json bodies, the one shape every error answer takes. Any route or hook that answers
 * with an error sends it through here; the codes and their statuses live in src/errors.ts.
 */
import type { FastifyReply } from 'fastify'
import { ERRORS, problemType, type ErrorCode } from '../../errors.js'
import type { Problem } from '../../contract/common.js'

/** The problem body of a code; extra members (errors, unknown) are merged in. */
export function problem(code: ErrorCode, detail: string, requestId: string, extra: Record<string, unknown> = {}): Problem {
  const { status, title } = ERRORS[code]
  return { type: problemType(code), title, status, detail, code, requestId, ...extra }
}

/** Send a problem for a code; extra members (errors, unknown) are merged in. */
export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(ERRORS[code].status).type('application/problem+json').send(problem(code, detail, String(reply.request.id), extra))
}
