/**
 * OpenAPI 3.1 generated from the route schemas (@fastify/swagger), served at /openapi.json and
 * browsable at /docs. Register before any route so every route is collected. Every JSON request and
 * response body is a named component schema (see nameBodies), so a generated client gets named
 * models.
 */
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, FastifySchema } from 'fastify'
import fp from 'fastify-plugin'
import { readFileSync } from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import { documentRoute, SECURITY_SCHEMES, shareHeaders } from './openapi-security.js'

/** The document's version is the package's: one number to bump. */
const API_VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version

/** Marks a body schema with its component name between the two transforms below (never left in the document). */
const COMPONENT = 'x-component-name'

type Schema = Record<string, unknown>
type Media = { schema?: Schema }
type Content = Record<string, Media> | undefined

const isJsonObject = (type: string, schema: unknown): schema is Schema =>
  type === 'application/json' && typeof schema === 'object' && schema !== null && !('$ref' in schema)

/** A body schema marked with its name, its `$id` taken off (a name here, not a resolvable URI for the ref resolver). */
function marked(schema: Schema, fallback: string): Schema {
  const { $id, ...rest } = schema
  return { ...rest, [COMPONENT]: typeof $id === 'string' ? $id : fallback }
}

/**
 * Part of the `transform`: marks each JSON body of a route, the request's and each response's, with
 * its component name: the schema's `$id` (the contract names its bodies), otherwise one made from
 * the operationId (`getHealth` answers `GetHealthResponse`). Only the document changes.
 */
function nameBodies({ schema, url }: { schema: FastifySchema; url: string }): { schema: FastifySchema; url: string } {
  const operationId = (schema as { operationId?: string } | undefined)?.operationId
  if (!operationId) return { schema, url }
  const base = operationId[0]!.toUpperCase() + operationId.slice(1)
  const body = schema.body as Schema | undefined
  const responses: Record<string, unknown> = {}
  for (const [status, entry] of Object.entries((schema.response ?? {}) as Record<string, { content?: Content }>)) {
    const content = entry.content
    if (!content) {
      responses[status] = entry
      continue
    }
    const named = status === '200' ? `${base}Response` : `${base}Response${status}`
    responses[status] = {
      ...entry,
      content: Object.fromEntries(Object.entries(content).map(([type, media]) => [type, isJsonObject(type, media.schema) ? { ...media, schema: marked(media.schema, named) } : media])),
    }
  }
  return {
    schema: {
      ...schema,
      ...(body && isJsonObject('application/json', body) ? { body: marked(body, `${base}Request`) } : {}),
      ...(schema.response ? { response: responses } : {}),
    } as FastifySchema,
    url,
  }
}

type Doc = ReturnType<typeof shareHeaders> & {
  paths?: Record<string, Record<string, { requestBody?: { content?: Content }; responses?: Record<string, { content?: Content }> }>>
  components?: { schemas?: Record<string, unknown> }
}

/**
 * Part of the `transformObject`: each marked body goes to `components.schemas` under its name, and
 * the operation refers to it. One name must mean one schema (a route repeating a contract body is
 * fine; two different bodies with one `$id` are a mistake, refused here).
 */
function listBodies(doc: Doc): Doc {
  const schemas: Record<string, unknown> = { ...doc.components?.schemas }
  for (const path of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(path)) {
      for (const content of [op.requestBody?.content, ...Object.values(op.responses ?? {}).map((r) => r.content)]) {
        for (const media of Object.values(content ?? {})) {
          const name = media.schema?.[COMPONENT]
          if (typeof name !== 'string') continue
          const { [COMPONENT]: _, ...schema } = media.schema!
          if (name in schemas && !isDeepStrictEqual(schemas[name], schema)) throw new Error(`OpenAPI: two different schemas named ${name}`)
          schemas[name] = schema
          media.schema = { $ref: `#/components/schemas/${name}` }
        }
      }
    }
  }
  doc.components = { ...doc.components, schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) }
  return doc
}

async function swaggerPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'NMT recommendation API',
        version: API_VERSION,
        description:
          'From the pain a client reports, the muscles whose trigger points are commonly associated with it, ' +
          'red-flag triage first, and a neuromuscular-therapy focus plan. Educational decision support for ' +
          'therapists, not a diagnosis. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      // Relative: the paths are answered wherever the document was fetched from.
      servers: [{ url: '/', description: 'This server (the origin that served this document)' }],
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'reference', description: 'The knowledge base: regions, sensations, contexts, muscles, conditions, red flags' },
        { name: 'recommendations', description: 'Symptom to source muscles and focus plan' },
        { name: 'widget', description: 'The embeddable chat widget script and its demo page' },
        { name: 'operations', description: 'Prometheus metrics and per-key usage' },
      ],
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: (route) => nameBodies(documentRoute(route)),
    transformObject: (input) => listBodies(shareHeaders(input)),
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}

export default fp(swaggerPlugin, { name: 'swagger', dependencies: ['error-handler'] })
