/**
 * The one registry of error codes. Every problem+json the API sends carries one of these codes;
 * partners branch on `code`, so codes are never renamed or reused.
 */
export const ERRORS = {
  NMT_ERR_VALIDATION: { status: 400, title: 'Request validation failed' },
  NMT_ERR_BAD_JSON: { status: 400, title: 'Request body is not valid JSON' },
  NMT_ERR_BAD_REQUEST: { status: 400, title: 'Malformed HTTP request' },
  NMT_ERR_UNAUTHORIZED: { status: 401, title: 'Missing or invalid API key' },
  NMT_ERR_FORBIDDEN: { status: 403, title: 'This key may not do that' },
  NMT_ERR_ROUTE_NOT_FOUND: { status: 404, title: 'No such endpoint' },
  NMT_ERR_NOT_FOUND: { status: 404, title: 'Resource not found' },
  NMT_ERR_METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  NMT_ERR_REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  NMT_ERR_PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large' },
  NMT_ERR_TEXT_TOO_LONG: { status: 413, title: 'Text too long' },
  NMT_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  NMT_ERR_UNKNOWN_ID: { status: 422, title: 'Unknown identifier' },
  NMT_ERR_RATE_LIMITED: { status: 429, title: 'Too many requests' },
  NMT_ERR_HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  NMT_ERR_INTERNAL: { status: 500, title: 'Internal server error' },
  NMT_ERR_NOT_READY: { status: 503, title: 'Service not ready' },
  NMT_ERR_OVERLOADED: { status: 503, title: 'Service temporarily overloaded' },
  NMT_ERR_NOT_RECORDED: { status: 503, title: 'The answer could not be recorded' },
} as const

export type ErrorCode = keyof typeof ERRORS

/** The problem type URI of a code: a relative reference served by GET /problems/{slug}. */
export function problemType(code: ErrorCode): string {
  return `/problems/${code.slice('NMT_ERR_'.length).toLowerCase().replace(/_/g, '-')}`
}

/** A domain or HTTP error that the error handler turns into problem+json. */
export class AppError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail)
    this.name = 'AppError'
    this.status = ERRORS[code].status
  }
}

/** A configuration or state that must stop the server from starting; its message tells the operator what to do. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StartupError'
  }
}
