/**
 * Turns every error into RFC 9457 problem+json: validation, bad JSON, 404, domain AppErrors and
 * unexpected failures. A 5xx never carries internals; its cause is logged with the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, type ErrorCode } from '../../../errors.js'
import { sendProblem } from '../../support/problem.js'
import { MAX_PARAM_LENGTH, ProblemSchema } from '../../../contract/common.js'
import { MAX_LISTED_ERRORS } from '../../support/validation.js'
import { TEXT_MAX_CHARS } from '../../../limits.js'

/**
 * Fastify's `frameworkErrors` option: errors raised before routing (a URL with bad percent-encoding)
 * would otherwise get Fastify's own JSON body instead of a problem.
 */
export function frameworkErrorHandler(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL') sendProblem(reply, 'NMT_ERR_VALIDATION', 'The URL is not valid: check its percent-encoding')
  else if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') sendProblem(reply, 'NMT_ERR_VALIDATION', `A path parameter is longer than ${MAX_PARAM_LENGTH} characters`)
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

type Failure = NonNullable<FastifyError['validation']>[number]

/**
 * The failing fields of a validation error, at most MAX_LISTED_ERRORS of them, and how many there
 * were: a body of 21,000 bad items is one small answer, not 21,000 entries (1.9 MB, 150 ms).
 * The branches of an `anyOf` fail together; the `anyOf` is listed once, naming the members it wants.
 */
export function validationErrors(err: FastifyError): { errors: { path: string; message: string }[]; total: number } {
  const ctx = err.validationContext ?? 'body'
  const errors: { path: string; message: string }[] = []
  let total = 0
  const wanted = new Map<string, Set<string>>()
  const all: Failure[] = err.validation ?? []
  for (const v of all) {
    // (includes() first: a body of 21,000 bad items has 21,000 failures to count, none of them in an anyOf)
    const branch = v.schemaPath.includes('/anyOf/') ? /^(.*)\/anyOf\/\d+\//.exec(v.schemaPath) : null
    if (branch) {
      // `required` is reported at the object, any other keyword at the member itself.
      const required = v.keyword === 'required'
      const segments = v.instancePath.split('/')
      const prop = required ? String((v.params as { missingProperty?: string }).missingProperty ?? '') : segments.at(-1) ?? ''
      const at = `${branch[1]}@${required ? v.instancePath : segments.slice(0, -1).join('/')}`
      let names = wanted.get(at)
      if (names === undefined) wanted.set(at, (names = new Set()))
      if (prop) names.add(prop)
      continue
    }
    total++
    if (errors.length >= MAX_LISTED_ERRORS) continue
    let message = v.message ?? 'is invalid'
    if (v.keyword === 'anyOf') {
      const names = [...wanted.get(`${v.schemaPath.replace(/\/anyOf$/, '')}@${v.instancePath}`) ?? []]
      if (names.length > 0) message = `must have at least one of ${names.join(', ')} (not empty)`
    }
    const missing = v.keyword === 'required' ? `/${String((v.params as { missingProperty?: string }).missingProperty ?? '')}` : ''
    const extraProp = v.keyword === 'additionalProperties' ? `/${String((v.params as { additionalProperty?: string }).additionalProperty ?? '')}` : ''
    errors.push({ path: `${ctx}${v.instancePath}${missing}${extraProp}`, message })
  }
  return { errors, total }
}

async function errorHandlerPlugin(app: FastifyInstance): Promise<void> {
  app.addSchema(ProblemSchema)

  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) return sendProblem(reply, err.code, err.detail, err.extra)
    if (err.validation) {
      const { errors, total } = validationErrors(err)
      const more = total > errors.length ? { moreErrors: total - errors.length } : {}
      if (err.validation.some((v) => v.keyword === 'maxLength' && v.instancePath === '/text')) {
        return sendProblem(reply, 'NMT_ERR_TEXT_TOO_LONG', `text is limited to ${TEXT_MAX_CHARS.toLocaleString('en-GB')} characters; send the main complaint first`, { errors, ...more })
      }
      const listed = total > errors.length ? ` (the first ${errors.length} are listed)` : ''
      return sendProblem(reply, 'NMT_ERR_VALIDATION', `${total} field${total === 1 ? '' : 's'} failed validation${listed}`, { errors, ...more })
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

  // Which methods each route pattern answers, so that a known path asked with another method (TRACE,
  // DELETE...) is a 405 with Allow rather than a 404.
  const patterns: { pattern: RegExp; methods: Set<string> }[] = []
  app.addHook('onRoute', (route) => {
    const source = route.url.split('/').map((segment) => segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*'
      : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('/')
    let entry = patterns.find((p) => p.pattern.source === `^${source}$`)
    if (entry === undefined) patterns.push(entry = { pattern: new RegExp(`^${source}$`), methods: new Set() })
    for (const m of [route.method].flat()) entry.methods.add(m)
    if (entry.methods.has('GET')) entry.methods.add('HEAD')
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!
    const allowed = new Set<string>()
    for (const p of patterns) if (p.pattern.test(path)) for (const m of p.methods) allowed.add(m)
    if (allowed.size > 0 && !allowed.has(request.method)) {
      const allow = [...allowed].sort().join(', ')
      reply.header('allow', allow)
      return sendProblem(reply, 'NMT_ERR_METHOD_NOT_ALLOWED', `${request.method} is not allowed here; this endpoint answers ${allow}`)
    }
    return sendProblem(reply, 'NMT_ERR_ROUTE_NOT_FOUND', `${request.method} ${path} is not an endpoint of this API; see /docs`)
  })
}

export default fp(errorHandlerPlugin, { name: 'error-handler' })
