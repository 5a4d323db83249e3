/**
 * pino options for the app: JSON logs, request ids, and redaction. Requests are logged by route
 * pattern and status only: never a body, a query string or a credential, since what clients type
 * is health information.
 */
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify'
import { hostname } from 'node:os'
import pino, { type Bindings, type ChildLoggerOptions, type LoggerOptions } from 'pino'
import { routeUrl } from './route-url.js'

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
      req: (req: FastifyRequest) => ({ method: req.method, route: routeUrl(req) ?? 'unmatched' }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }
}

type LogArgs = Parameters<pino.LogFn>

/**
 * A request's logger, made when the request first logs something. Fastify gives every request a
 * pino child (its request id bound); pino builds the child's bindings and level methods when it is
 * created (~0.5 us, 3 % of a 304's server time), and most requests log nothing but their access
 * line, which OneLineLogController writes without it. Errors and warnings log exactly as before.
 */
class LazyRequestLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | undefined

  constructor(private readonly parent: FastifyBaseLogger, private readonly bindings: Bindings) {}

  private get log(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings))
  }

  get level(): string {
    return this.made === undefined ? this.parent.level : this.made.level
  }

  set level(level: string) {
    this.log.level = level
  }

  fatal(...args: LogArgs): void { this.log.fatal(...args) }
  error(...args: LogArgs): void { this.log.error(...args) }
  warn(...args: LogArgs): void { this.log.warn(...args) }
  info(...args: LogArgs): void { this.log.info(...args) }
  debug(...args: LogArgs): void { this.log.debug(...args) }
  trace(...args: LogArgs): void { this.log.trace(...args) }
  silent(...args: LogArgs): void { this.log.silent(...args) }
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.log.child(bindings, options)
  }
}

/**
 * Fastify's childLoggerFactory: a LazyRequestLogger, or pino's own child at once when a route sets
 * its own level or serializers.
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  for (const _ in options) return logger.child(bindings, options) // any option at all
  return new LazyRequestLogger(logger, bindings)
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** Use a caller's X-Request-Id when it is safe to log and echo; otherwise make one. */
export function requestIdFrom(header: string | string[] | undefined, fallback: () => string): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : fallback()
}

/** Where the access line goes: the logger's own destination (pino.destination: buffered, non-blocking). */
export interface AccessLog {
  /** Whether `info` lines are written at the configured level. */
  enabled: boolean
  write(line: string): void
  /** Hand the lines gathered so far to the destination now (at close). */
  flush(): void
}

/** How long an access line may wait to be handed to the destination, and how many may wait. */
export const ACCESS_FLUSH_MS = 10
export const ACCESS_MAX_PENDING = 256

/**
 * An access log on a pino destination, at a pino level name. Lines are gathered and handed to the
 * destination in one write at most ACCESS_FLUSH_MS after the first of them (or at once when
 * ACCESS_MAX_PENDING are waiting). The destination writes asynchronously on libuv's thread pool, so
 * every write is a thread hand-off and a wake-up of the event loop when it completes: once per
 * event-loop turn (about 1,500 a second under load) that cost ~0.5 us per request; every 10 ms it is
 * noise. Writing each line alone cost more still: sonic-boom measures its whole pending chunk on
 * every write. A line is at most 10 ms late; close() flushes what is left.
 */
export function accessLog(level: string, destination: { write(line: string): unknown }): AccessLog {
  const value = level === 'silent' ? Infinity : (pino.levels.values[level] ?? Infinity)
  let pending: string[] = []
  let timer: NodeJS.Timeout | undefined
  const flush = (): void => {
    clearTimeout(timer)
    timer = undefined
    if (pending.length === 0) return
    const lines = pending.join('')
    pending = []
    destination.write(lines)
  }
  return {
    enabled: value <= pino.levels.values.info!,
    write(line) {
      const n = pending.push(line)
      if (n >= ACCESS_MAX_PENDING) flush()
      else if (n === 1) timer = setTimeout(flush, ACCESS_FLUSH_MS)
    },
    flush,
  }
}

/**
 * One log line per request, on completion: request id, method, route pattern, status and duration.
 * The URL (with its query string) is never logged: search terms are typed by clients.
 *
 * The line of a successful request is written directly, in pino's JSON shape (level, time, pid,
 * hostname, reqId, req.method, req.route, res.statusCode, ms, msg), to the logger's destination:
 * its fields are a fixed few, escaped with JSON.stringify or pre-escaped, so it needs neither
 * serializers nor redaction, and writing it costs a fraction of a pino call (measured: about 1.5 us
 * less per request). Failures go through the request's own logger, serializers and redaction on,
 * since an error can carry anything.
 */
export class OneLineLogController extends LogController {
  private readonly head = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"reqId":`
  /** Route patterns and methods, JSON-escaped once each (both are finite sets). */
  private readonly escaped = new Map<string, string>()

  constructor(private readonly access?: AccessLog) {
    super()
  }

  override incomingRequest(): void {}

  private json(value: string): string {
    let e = this.escaped.get(value)
    if (e === undefined) {
      e = JSON.stringify(value)
      if (this.escaped.size < 1000) this.escaped.set(value, e)
    }
    return e
  }

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const ms = Math.round(reply.elapsedTime * 100) / 100
    if (error) reply.log.error({ req: request, res: reply, ms, err: error }, 'request errored')
    else if (this.access === undefined) reply.log.info({ req: request, res: reply, ms }, 'request completed')
    else if (this.access.enabled) {
      this.access.write(`{"level":30,"time":${Date.now()}${this.head}${JSON.stringify(String(request.id))},` +
        `"req":{"method":${this.json(request.method)},"route":${this.json(routeUrl(request) ?? 'unmatched')}},` +
        `"res":{"statusCode":${reply.statusCode}},"ms":${Number.isFinite(ms) ? ms : 0},"msg":"request completed"}\n`)
    }
  }
}
