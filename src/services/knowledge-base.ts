/**
 * Start-up use case: seed the knowledge base when seed/ changed, read it back and compile it into the
 * immutable, indexed form every other service reads. With PostgreSQL the knowledge base is not kept
 * there: a throwaway in-memory SQLite database is seeded and read back, the same path as the embedded
 * default, so both compile the same knowledge base.
 */
import { openDatabase } from '../db/client.js'
import { createKbRepository } from '../db/kb-repository.js'
import { migrateDatabase } from '../db/migrate.js'
import { seedKnowledgeBase } from '../db/seeder.js'
import type { Store } from '../db/store.js'
import { compileKnowledgeBase, type CompiledKb } from '../engine/compile.js'

export type { CompiledKb }

export interface LoadedKnowledgeBase {
  kb: CompiledKb
  /** What seeding did: loaded, or unchanged when seed/ matched the stored version. */
  seed: ReturnType<typeof seedKnowledgeBase>['status']
}

export function loadKnowledgeBase(store: Store, seedDir: string): LoadedKnowledgeBase {
  const scratch = store.kind === 'sqlite' ? null : openDatabase(':memory:')
  try {
    const db = store.kind === 'sqlite' ? store.handle.db : scratch!.db
    if (scratch) migrateDatabase(scratch.db)
    const repo = createKbRepository(db)
    const result = seedKnowledgeBase(repo, seedDir)
    const stored = repo.readAll()
    if (!stored) throw new Error('knowledge base missing after seeding')
    return { kb: compileKnowledgeBase(stored.kb, stored.version), seed: result.status }
  } finally {
    scratch?.close()
  }
}
