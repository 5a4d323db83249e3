/**
 * Every input limit of the API, written once. The HTTP schemas, the router, the error messages and the
 * reader take them from here (the widget's copy of TEXT_MAX_CHARS is checked against it by a test).
 */

/** The most characters of free text the API reads. */
export const TEXT_MAX_CHARS = 2000

/** The largest request body, in bytes (64 KiB). */
export const BODY_LIMIT_BYTES = 64 * 1024

/**
 * The longest path parameter the router accepts (Fastify's `maxParamLength`); the id parameters'
 * schemas say the same, so the document and the router agree on what is a 400.
 */
export const MAX_PARAM_LENGTH = 100

/** The longest search or suggestion query (`q`). */
export const QUERY_MAX_CHARS = 100

/** The longest id a request may name (regions, conditions, contexts, signs, answers). */
export const ID_MAX_CHARS = 80
