/**
 * Seeder: brings the stored knowledge base in line with seed/. Validates, lints, then replaces it
 * in one transaction, only when the seed's content hash differs from the stored version.
 */
import type { KbRepository } from './kb-repository.js'
import { lintKnowledgeBase } from '../kb/lint.js'
import { readSeed, SeedError, validateSeed } from '../kb/loader.js'

export interface SeedResult {
  status: 'loaded' | 'unchanged'
  version: string
}

/**
 * Seed the database from a seed folder.
 * @param force reload even when the stored version matches
 * @throws SeedError when the seed fails validation or lint (nothing is written then)
 */
export function seedKnowledgeBase(repo: KbRepository, seedDir: string, force = false): SeedResult {
  const { files, version } = readSeed(seedDir)
  if (!force && repo.storedVersion() === version) return { status: 'unchanged', version }
  const kb = validateSeed(files)
  const findings = lintKnowledgeBase(kb)
  if (findings.length > 0) {
    throw new SeedError(findings.map((f) => ({ file: f.where, path: '', message: `${f.code}: ${f.message}` })))
  }
  repo.replaceAll(kb, version)
  return { status: 'loaded', version }
}
