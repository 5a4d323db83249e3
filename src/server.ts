/**
 * Process entry: loadConfig(process.env) → buildApp(config) → listen. The only module that reads
 * process.env. SIGTERM/SIGINT stop accepting connections, finish in-flight requests, close the database.
 */
// First: keeps process.nextTick fast (see tick-shape.ts).
import './tick-shape.js'
import { buildApp } from './http/app.js'
import { ConfigError, loadConfig } from './config.js'
import { StartupError } from './errors.js'
import { SeedError } from './kb/loader.js'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`nmt-api: cannot start: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  const app = await buildApp(config)
  let closing = false
  const shutdown = (signal: string): void => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    const force = setTimeout(() => {
      app.log.error('shutdown timed out after 10 s; exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while closing')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
  await app.listen({ port: config.port, host: config.host })
  // For the person who ran `npm start`: where to look first. On stderr, so stdout stays JSON log lines.
  console.error(`nmt-api: listening; API docs at ${docsUrl(config.host, app.server.address())}`)
}

/** The URL of /docs for a listening address (an any-address host is shown as localhost). */
function docsUrl(host: string, address: ReturnType<import('node:net').Server['address']>): string {
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host
  return `http://${shown}:${port}/docs`
}

main().catch((err: unknown) => {
  if (err instanceof SeedError || err instanceof StartupError) console.error(`nmt-api: cannot start: ${err.message}`)
  else console.error('nmt-api: cannot start:', err)
  process.exit(1)
})
