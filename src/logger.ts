/**
 * pino options for the app: JSON logs, request ids, and redaction. Requests are logged by route
 * pattern and status only: never a body, a query string or a credential, since what clients type
 * is health information.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Logger, LoggerOptions } from 'pino'

export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.body', 'req.query',
  'headers.authorization', 'authorization', 'apiKey', 'key', 'secret', 'body', 'text', 'query',
]

/** Logger options for a given level. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** Use a caller's X-Request-Id when it is safe to log and echo; otherwise make one. */
export function requestIdFrom(header: string | string[] | undefined, fallback: () => string): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : fallback()
}

/**
 * One log line per request, on completion: request id, method, route pattern, status and duration.
 * The URL (with its query string) is never logged: search terms are typed by clients.
 *
 * Successful requests are written by `access`, a logger with no serializers and no redaction: the
 * line is built here from those five fields only, so there is nothing to redact, and skipping
 * redaction and serializers on every request saves about a microsecond. Failures go through the
 * request's own logger (serializers and redaction on), since an error can carry anything.
 */
export class OneLineLogController extends LogController {
  constructor(private readonly access?: Logger) {
    super()
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const ms = Math.round(reply.elapsedTime * 100) / 100
    if (error) reply.log.error({ req: request, res: reply, ms, err: error }, 'request errored')
    else if (this.access === undefined) reply.log.info({ req: request, res: reply, ms }, 'request completed')
    else {
      this.access.info({
        reqId: request.id, req: { method: request.method, route: request.routeOptions?.url ?? 'unmatched' }, res: { statusCode: reply.statusCode }, ms,
      }, 'request completed')
    }
  }
}
