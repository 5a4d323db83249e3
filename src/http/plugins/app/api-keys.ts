/**
 * The API-key service, built once and shared (`app.apiKeys`): CORS asks it which origins are
 * allowed, auth asks it who a bearer token is. Its answers are cached until a key changes, here or
 * in another process: SQLite's `PRAGMA data_version` tells of the keys CLI; with PostgreSQL, this
 * instance reads the key version every KEY_VERSION_POLL_MS and reloads its copy of the active keys
 * when it moved (a key revoked anywhere is refused here within a second).
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createApiKeyService, type ApiKeyService } from '../../../services/api-keys.js'

declare module 'fastify' {
  interface FastifyInstance {
    apiKeys: ApiKeyService
  }
}

/** How often an instance on PostgreSQL asks whether a key changed (one tiny query). */
export const KEY_VERSION_POLL_MS = 250

async function apiKeysPlugin(app: FastifyInstance): Promise<void> {
  const store = app.store
  if (store.kind === 'sqlite') {
    app.decorate('apiKeys', createApiKeyService(store.keys, Date.now, store.handle.dataVersion))
    return
  }
  const keys = store.keys
  // Serving starts with the keys as they are now; a failure here stops the start.
  await keys.refresh()
  app.decorate('apiKeys', createApiKeyService(keys, Date.now, keys.version))
  let failing = false
  const poll = (): void => {
    keys.refresh().then(() => {
      if (failing) app.log.info('PostgreSQL: key changes are read again')
      failing = false
    }, (err: unknown) => {
      if (closed) return
      // Once per outage: meanwhile the keys known at the last read keep authenticating.
      if (!failing) app.log.error({ err }, 'PostgreSQL: cannot read key changes; serving the keys as last read')
      failing = true
    }).finally(() => {
      if (!closed) (timer = setTimeout(poll, KEY_VERSION_POLL_MS)).unref()
    })
  }
  let closed = false
  let timer = setTimeout(poll, KEY_VERSION_POLL_MS)
  // Never what keeps the process alive (app.close() stops it).
  timer.unref()
  app.addHook('onClose', async () => {
    closed = true
    clearTimeout(timer)
  })
}

export default fp(apiKeysPlugin, { name: 'api-keys', dependencies: ['database'] })
