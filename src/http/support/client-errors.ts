/**
 * What the server answers when Node's HTTP parser refuses a request before Fastify sees it (a header
 * block over 16 KB, a garbage request line, a NUL in the path, Content-Length with Transfer-Encoding)
 * or when a client is too slow to send its request: a problem+json written on the socket, then the
 * connection closed. Never logs the error object: Node attaches the raw bytes received (`rawPacket`:
 * keys, query strings, bodies) to it.
 */
import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'
import type { FastifyBaseLogger } from 'fastify'
import { ERRORS, type ErrorCode } from '../../errors.js'
import { problem } from './problem.js'

/** The problem code for a client error from Node's parser or its request timeout. */
export function clientErrorCode(code: string | undefined): ErrorCode {
  if (code === 'HPE_HEADER_OVERFLOW') return 'NMT_ERR_HEADERS_TOO_LARGE'
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'NMT_ERR_REQUEST_TIMEOUT'
  return 'NMT_ERR_BAD_REQUEST'
}

const DETAIL: Partial<Record<ErrorCode, string>> = {
  NMT_ERR_HEADERS_TOO_LARGE: 'The request headers are larger than 16 KB',
  NMT_ERR_REQUEST_TIMEOUT: 'The request was not received in time; the connection is closed',
  NMT_ERR_BAD_REQUEST: 'The request is not valid HTTP/1.1 (request line, header or framing); the connection is closed',
}

/** The whole HTTP/1.1 response for a client error, as bytes for the socket. */
export function clientErrorResponse(code: ErrorCode, requestId: string): string {
  const body = JSON.stringify(problem(code, DETAIL[code] ?? ERRORS[code].title, requestId))
  const { status, title } = ERRORS[code]
  return `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`
}

/** Fastify's `clientErrorHandler` (called with the instance as `this`). */
export function clientErrorHandler(this: { log: FastifyBaseLogger }, err: Error & { code?: string }, socket: Socket): void {
  // A reset connection is gone: nothing to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const code = clientErrorCode(err.code)
  this.log.debug({ clientError: err.code ?? 'unknown', status: ERRORS[code].status }, 'client error')
  // Only when no response is under way on the socket (Node keeps the current one as `_httpMessage`):
  // after a response's head has gone out, another status line would corrupt the stream.
  const current = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage
  if (socket.writable && !current?.headersSent) socket.end(clientErrorResponse(code, randomUUID()))
  socket.destroySoon()
}
