/**
 * Seeds the knowledge base when seed/ changed, then loads it once from SQLite into the immutable,
 * indexed form the services read (`app.kb`). Runs at start-up only; never writes while serving.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createKbRepository } from '../db/kb-repository.js'
import { compileKnowledgeBase, type CompiledKb } from '../engine/compile.js'
import { seedKnowledgeBase } from '../kb/seeder.js'

declare module 'fastify' {
  interface FastifyInstance {
    kb: CompiledKb
  }
}

export interface KnowledgeBasePluginOptions {
  seedDir: string
}

async function knowledgeBasePlugin(app: FastifyInstance, opts: KnowledgeBasePluginOptions): Promise<void> {
  const repo = createKbRepository(app.database.db)
  const result = seedKnowledgeBase(repo, opts.seedDir)
  const stored = repo.readAll()
  if (!stored) throw new Error('knowledge base missing after seeding')
  app.decorate('kb', compileKnowledgeBase(stored.kb, stored.version))
  app.log.info({ kbVersion: stored.version, seed: result.status, muscles: stored.kb.muscles.length }, 'knowledge base ready')
}

export default fp(knowledgeBasePlugin, { name: 'knowledge-base', dependencies: ['database'] })
