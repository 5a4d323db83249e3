/**
 * Request validation, strict per part: a JSON body is taken as typed (no coercion: `{"age": "45"}` or
 * `{"text": ["x"]}` is a 400, not a guess), and a query string, where every value arrives as text, may
 * turn a plain decimal into a number where the schema wants one (`?limit=10`, never `?limit=0x10`,
 * `1e3` or ` 10`: Ajv's own coercion takes anything JavaScript's `==` does). Also caps what a failed
 * validation costs to report (see MAX_LISTED_ERRORS). Never reads process.env.
 */
import { AjvCompiler } from '@fastify/ajv-compiler'
import type { FastifySchema, FastifySchemaCompiler, FastifyServerOptions } from 'fastify'

/** How many failing fields a validation problem lists; the rest are only counted (`moreErrors`). */
export const MAX_LISTED_ERRORS = 20

const STRICT = {
  coerceTypes: false,
  useDefaults: true,
  removeAdditional: false,
  // Every failure is found (so a problem can say how many more there were); the 64 KiB body limit and
  // the schemas' maxItems/maxLength bound how many there can be.
  allErrors: true,
} as const

/** A decimal number as people write one: optional minus, digits, optional fraction. */
const DECIMAL = /^-?\d{1,15}(\.\d{1,15})?$/

type SchemaObject = { type?: unknown; properties?: Record<string, { type?: unknown }> }

/** Top-level properties of a query-string schema that hold numbers. */
function numericProperties(schema: unknown): string[] {
  const props = (schema as SchemaObject).properties ?? {}
  return Object.keys(props).filter((k) => props[k]!.type === 'integer' || props[k]!.type === 'number')
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown }

/** The query-string validator: decimals converted where the schema wants numbers, then validated as is. */
function decimalsOnly(validate: Validate, numeric: string[]): Validate {
  const wrapped: Validate = (data) => {
    if (data !== null && typeof data === 'object') {
      const query = data as Record<string, unknown>
      for (const k of numeric) {
        const v = query[k]
        if (typeof v === 'string' && DECIMAL.test(v)) query[k] = Number(v)
      }
    }
    const ok = validate(data)
    wrapped.errors = validate.errors
    return ok
  }
  return wrapped
}

/** Fastify's `schemaController.compilersFactory.buildValidator`: one strict Ajv, query decimals converted. */
export function buildValidator(externalSchemas: unknown): FastifySchemaCompiler<FastifySchema> {
  const compile = AjvCompiler()(externalSchemas as never, { customOptions: STRICT })
  return (route) => {
    const validate = compile(route as never) as unknown as Validate
    if (route.httpPart !== 'querystring') return validate as never
    const numeric = numericProperties(route.schema)
    return (numeric.length === 0 ? validate : decimalsOnly(validate, numeric)) as never
  }
}

/**
 * Fastify's `schemaErrorFormatter`: the default joins a message for every failure into one string,
 * which nobody reads here (the error handler lists fields from `validation`, capped) and which grows
 * with the number of failures.
 */
export function schemaErrorFormatter(_errors: unknown, dataVar: string): Error {
  return new Error(`${dataVar} failed validation`)
}

/** The Fastify options that install the above. */
export const VALIDATION_OPTIONS: Pick<FastifyServerOptions, 'schemaController' | 'schemaErrorFormatter'> = {
  schemaController: { compilersFactory: { buildValidator: buildValidator as never } },
  schemaErrorFormatter,
}
