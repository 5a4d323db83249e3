/**
 * The API-key service, built once and shared (`app.apiKeys`): CORS asks it which origins are
 * allowed, auth asks it who a bearer token is. Its answers are cached until a key changes, here or
 * in another process (see services/api-keys.ts).
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createApiKeyRepository } from '../db/api-key-repository.js'
import { createApiKeyService, type ApiKeyService } from '../services/api-keys.js'

declare module 'fastify' {
  interface FastifyInstance {
    apiKeys: ApiKeyService
  }
}

async function apiKeysPlugin(app: FastifyInstance): Promise<void> {
  app.decorate('apiKeys', createApiKeyService(createApiKeyRepository(app.database.db), Date.now, app.database.dataVersion))
}

export default fp(apiKeysPlugin, { name: 'api-keys', dependencies: ['database'] })
