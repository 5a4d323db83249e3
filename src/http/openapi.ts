/**
 * The committed OpenAPI document: its path and its canonical text, shared by `npm run openapi`
 * and the test that guards it.
 */
import type { FastifyInstance } from 'fastify'
import { fileURLToPath } from 'node:url'

export const OPENAPI_PATH = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url))

/** The OpenAPI document of a ready app, as committed. */
export function openapiText(app: FastifyInstance): string {
  return JSON.stringify(app.swagger(), null, 2) + '\n'
}
