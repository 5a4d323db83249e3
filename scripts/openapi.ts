/**
 * `npm run openapi`: regenerate openapi/openapi.json from the route schemas (the real app on an
 * in-memory database). A test fails when the committed file differs from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { buildApp } from '../src/http/app.js'
import { loadConfig } from '../src/config.js'
import { OPENAPI_PATH, openapiText } from '../src/http/openapi.js'

const app = await buildApp(loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent' }))
await app.ready()
mkdirSync(new URL('../openapi/', import.meta.url), { recursive: true })
writeFileSync(OPENAPI_PATH, openapiText(app))
await app.close()
console.log(`wrote ${OPENAPI_PATH}`)
