/**
 * Turns every error into RFC 9457 problem+json: validation, bad JSON, 404, domain AppErrors and
 * unexpected failures. A 5xx never carries internals; its cause is logged with the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, ERRORS, problemType, type ErrorCode } from '../errors.js'
import { ProblemSchema, type Problem } from '../schemas/common.js'

/** Send a problem for a code; extra members (errors, unknown) are merged in. */
export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  const { status, title } = ERRORS[code]
  const body: Problem = { type: problemType(code), title, status, detail, code, requestId: String(reply.request.id), ...extra }
  return reply.code(status).type('application/problem+json').send(body)
}

/**
 * Fastify's `frameworkErrors` option: errors raised before routing (a URL with bad percent-encoding)
 * would otherwise get Fastify's own JSON body instead of a problem.
 */
export function frameworkErrorHandler(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL') sendProblem(reply, 'NMT_ERR_VALIDATION', 'The URL is not valid: check its percent-encoding')
  else sendProblem(reply, 'NMT_ERR_VALIDATION', 'The request could not be routed')
}

function fromFastifyCode(err: FastifyError): ErrorCode | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'NMT_ERR_BAD_JSON'
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'NMT_ERR_PAYLOAD_TOO_LARGE'
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'NMT_ERR_UNSUPPORTED_MEDIA_TYPE' : 'NMT_ERR_VALIDATION'
    default:
      return null
  }
}

function validationErrors(err: FastifyError): { path: string; message: string }[] {
  const ctx = err.validationContext ?? 'body'
  return (err.validation ?? []).map((v) => {
    const missing = v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty ?? '')}` : ''
    const extraProp = v.keyword === 'additionalProperties' ? `/${String((v.params as { additionalProperty?: string }).additionalProperty ?? '')}` : ''
    return { path: `${ctx}${v.instancePath}${missing}${extraProp}`, message: v.message ?? 'is invalid' }
  })
}

async function errorHandlerPlugin(app: FastifyInstance): Promise<void> {
  app.addSchema(ProblemSchema)

  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) return sendProblem(reply, err.code, err.detail, err.extra)
    if (err.validation) {
      const errors = validationErrors(err)
      if (err.validation.some((v) => v.keyword === 'maxLength' && v.instancePath === '/text')) {
        return sendProblem(reply, 'NMT_ERR_TEXT_TOO_LONG', 'text is limited to 2,000 characters; send the main complaint first', { errors })
      }
      return sendProblem(reply, 'NMT_ERR_VALIDATION', `${errors.length} field${errors.length === 1 ? '' : 's'} failed validation`, { errors })
    }
    const mapped = fromFastifyCode(err)
    if (mapped) return sendProblem(reply, mapped, err.message)
    const status = err.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const code: ErrorCode = status === 404 ? 'NMT_ERR_NOT_FOUND' : status === 405 ? 'NMT_ERR_METHOD_NOT_ALLOWED'
        : status === 413 ? 'NMT_ERR_PAYLOAD_TOO_LARGE' : status === 415 ? 'NMT_ERR_UNSUPPORTED_MEDIA_TYPE'
          : status === 429 ? 'NMT_ERR_RATE_LIMITED' : 'NMT_ERR_VALIDATION'
      return sendProblem(reply, code, err.message)
    }
    request.log.error({ err }, 'unhandled error')
    return sendProblem(reply, 'NMT_ERR_INTERNAL', 'An unexpected error occurred. Quote the requestId when reporting it.')
  })

  app.setNotFoundHandler((request, reply) => {
    return sendProblem(reply, 'NMT_ERR_ROUTE_NOT_FOUND', `${request.method} ${request.url.split('?')[0]} is not an endpoint of this API; see /docs`)
  })
}

export default fp(errorHandlerPlugin, { name: 'error-handler' })
