import { buildApp } from '/work/wt-16/src/app.js'
import { loadConfig } from '/work/wt-16/src/config.js'
const app = await buildApp(loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent' }))
await app.ready()
console.log((await app.inject('/ready')).body)
await app.close()
