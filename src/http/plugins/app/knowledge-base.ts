/**
 * Seeds the knowledge base when seed/ changed, then loads it once into the immutable, indexed form
 * the services read (`app.kb`). Runs at start-up only; never writes while serving. With PostgreSQL the
 * knowledge base is not kept there: each instance seeds a throwaway in-memory SQLite database and reads
 * it back, the same path as the embedded default, so both compile the same knowledge base.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { openDatabase } from '../../../db/client.js'
import { createKbRepository } from '../../../db/kb-repository.js'
import { migrateDatabase } from '../../../db/migrate.js'
import { compileKnowledgeBase, type CompiledKb } from '../../../engine/compile.js'
import { seedKnowledgeBase } from '../../../db/seeder.js'

declare module 'fastify' {
  interface FastifyInstance {
    kb: CompiledKb
  }
}

export interface KnowledgeBasePluginOptions {
  seedDir: string
}

async function knowledgeBasePlugin(app: FastifyInstance, opts: KnowledgeBasePluginOptions): Promise<void> {
  const store = app.store
  const scratch = store.kind === 'sqlite' ? null : openDatabase(':memory:')
  try {
    const db = store.kind === 'sqlite' ? store.handle.db : scratch!.db
    if (scratch) migrateDatabase(scratch.db)
    const repo = createKbRepository(db)
    const result = seedKnowledgeBase(repo, opts.seedDir)
    const stored = repo.readAll()
    if (!stored) throw new Error('knowledge base missing after seeding')
    app.decorate('kb', compileKnowledgeBase(stored.kb, stored.version))
    app.log.info({ kbVersion: stored.version, seed: result.status, muscles: stored.kb.muscles.length }, 'knowledge base ready')
  } finally {
    scratch?.close()
  }
}

export default fp(knowledgeBasePlugin, { name: 'knowledge-base', dependencies: ['database'] })
