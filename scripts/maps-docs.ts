/**
 * `npm run maps:docs`: write the README's picture, the referral map of one muscle as the API serves it,
 * to docs/maps/ (the real app on an in-memory database). A test fails when the committed file differs.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { buildApp } from '../src/http/app.js'
import { loadConfig } from '../src/config.js'
import { DOCS_MAPS } from '../src/maps/docs.js'

const app = await buildApp(loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent' }))
await app.ready()
try {
  for (const { url, path } of DOCS_MAPS) {
    const res = await app.inject({ url })
    if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`)
    mkdirSync(new URL('.', path), { recursive: true })
    writeFileSync(path, res.rawPayload)
    console.log(`wrote ${path.pathname} from GET ${url}`)
  }
} finally {
  await app.close()
}
