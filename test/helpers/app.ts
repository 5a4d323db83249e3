/**
 * Builds the real app for a test: in-memory SQLite, committed migrations, the real seed files.
 * Each call is a fresh world; nothing is shared between tests.
 */
import type { FastifyInstance } from 'fastify'
import supertest from 'supertest'
import { buildApp, type AppOptions } from '../../src/http/app.js'
import { loadConfig, type Config } from '../../src/config.js'

export const TEST_CONFIG: Config = loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent' })

/** A ready app on an in-memory database, plus a supertest agent bound to its server. */
export async function testApp(overrides: Partial<Config> = {}, options: AppOptions = {}): Promise<{
  app: FastifyInstance
  http: ReturnType<typeof supertest>
}> {
  const app = await buildApp({ ...TEST_CONFIG, ...overrides }, options)
  await app.ready()
  return { app, http: supertest(app.server) }
}
