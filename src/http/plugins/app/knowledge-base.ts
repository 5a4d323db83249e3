/**
 * Loads the knowledge base once at start-up (seeding it when seed/ changed) and decorates `app.kb`
 * with its compiled, immutable form. Never writes while serving.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadKnowledgeBase, type CompiledKb } from '../../../services/knowledge-base.js'

declare module 'fastify' {
  interface FastifyInstance {
    kb: CompiledKb
  }
}

export interface KnowledgeBasePluginOptions {
  seedDir: string
}

async function knowledgeBasePlugin(app: FastifyInstance, opts: KnowledgeBasePluginOptions): Promise<void> {
  const { kb, seed } = loadKnowledgeBase(app.store, opts.seedDir)
  app.decorate('kb', kb)
  app.log.info({ kbVersion: kb.version, seed, muscles: kb.kb.muscles.length }, 'knowledge base ready')
}

export default fp(knowledgeBasePlugin, { name: 'knowledge-base', dependencies: ['database'] })
