/**
 * The baseline of the HTTP benchmark: a bare Fastify hello-world (no logger, no plugins), run as its
 * own process on 127.0.0.1:PORT, the same way the benchmark runs the real server.
 */
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))

const close = (): void => void app.close().then(() => process.exit(0))
process.on('SIGTERM', close)
process.on('SIGINT', close)
await app.listen({ port: Number(process.env.PORT ?? 3001), host: '127.0.0.1' })
