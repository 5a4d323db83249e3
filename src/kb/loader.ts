/**
 * Reads the seed folder, validates every file against its TypeBox schema and returns the knowledge
 * base plus its content hash. Reads files only; never touches the database.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Compile } from 'typebox/compile'
import Type from 'typebox'
import { SEED_KINDS } from './files.js'
import type { KnowledgeBase } from './schema.js'

/** One problem found in the seed, with the file and JSON pointer it is at. */
export interface SeedProblem {
  file: string
  path: string
  message: string
}

export class SeedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(`knowledge base is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
      problems.slice(0, 50).map((p) => `  ${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`).join('\n'))
    this.name = 'SeedError'
  }
}

export interface LoadedSeed {
  kb: KnowledgeBase
  /** sha256 over every seed file's name and bytes, in a fixed order: the kbVersion. */
  version: string
  /** Raw text of each file, by path relative to the seed folder (for the canonical-form check). */
  files: Map<string, string>
}

function filesOf(seedDir: string, path: string): string[] {
  if (!path.endsWith('/')) return [path]
  const dir = join(seedDir, path)
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path + f)
}

/**
 * Read every seed file and hash them, without parsing: cheap enough to run at every start-up to
 * decide whether the stored knowledge base is current.
 * @param seedDir absolute path of the seed folder
 */
export function readSeed(seedDir: string): { files: Map<string, string>; version: string } {
  const files = new Map<string, string>()
  const hash = createHash('sha256')
  for (const kind of SEED_KINDS) {
    for (const file of filesOf(seedDir, kind.path)) {
      const full = join(seedDir, file)
      if (!existsSync(full)) continue
      const text = readFileSync(full, 'utf8')
      files.set(file, text)
      hash.update(file).update('\0').update(text).update('\0')
    }
  }
  return { files, version: hash.digest('hex').slice(0, 16) }
}

/**
 * Parse and validate seed file texts against their schemas.
 * @throws SeedError listing every schema problem at once
 */
export function validateSeed(files: Map<string, string>): KnowledgeBase {
  const problems: SeedProblem[] = []
  const kb = {} as Record<keyof KnowledgeBase, unknown[]>
  for (const kind of SEED_KINDS) {
    const check = Compile(Type.Array(kind.schema))
    kb[kind.key] = []
    const mine = [...files.keys()].filter((f) => (kind.path.endsWith('/') ? f.startsWith(kind.path) : f === kind.path))
    if (mine.length === 0 && !kind.path.endsWith('/')) problems.push({ file: kind.path, path: '', message: 'file is missing' })
    for (const file of mine) {
      let data: unknown
      try {
        data = JSON.parse(files.get(file)!)
      } catch (err) {
        problems.push({ file, path: '', message: `not valid JSON: ${(err as Error).message}` })
        continue
      }
      if (!check.Check(data)) {
        for (const e of check.Errors(data)) problems.push({ file, path: e.instancePath, message: e.message })
        continue
      }
      kb[kind.key].push(...(data as unknown[]))
    }
  }
  if (problems.length > 0) throw new SeedError(problems)
  return kb as unknown as KnowledgeBase
}

/**
 * Load and validate the seed folder.
 * @param seedDir absolute path of the seed folder
 * @throws SeedError listing every schema problem at once
 */
export function loadSeed(seedDir: string): LoadedSeed {
  const { files, version } = readSeed(seedDir)
  return { kb: validateSeed(files), version, files }
}
