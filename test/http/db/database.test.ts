import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/db/client.js'
import { createKbRepository } from '../../../src/db/kb-repository.js'
import { migrateDatabase } from '../../../src/db/migrate.js'
import { loadSeed, SeedError } from '../../../src/kb/loader.js'
import { SEED_DIR } from '../../../src/kb/paths.js'
import { seedKnowledgeBase } from '../../../src/db/seeder.js'
import { testApp } from '../../helpers/app.js'
import { tempDirPerTest } from '../../helpers/temp.js'

const tempDir = tempDirPerTest()

describe('database and seeding', () => {
  it('opens SQLite with WAL and foreign keys on', () => {
    const handle = openDatabase(join(tempDir(), 'a', 'nmt.db'))
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    handle.close()
  })

  it('creates, migrates and seeds a fresh file on first start; a second start duplicates nothing', async () => {
    const path = join(tempDir(), 'data', 'nmt.db')
    const first = await testApp({ databasePath: path })
    await first.http.get('/ready').expect(200)
    await first.app.close()
    const countRows = (): number => {
      const h = openDatabase(path)
      const n = (h.sqlite.prepare('select (select count(*) from muscles) + (select count(*) from referral_zones) + (select count(*) from regions) as n').get() as { n: number }).n
      h.close()
      return n
    }
    const before = countRows()
    expect(before).toBeGreaterThan(0)
    const second = await testApp({ databasePath: path })
    await second.http.get('/ready').expect(200)
    await second.app.close()
    expect(countRows()).toBe(before)
  })

  it('reloads a changed seed and leaves an unchanged one alone', () => {
    const seed = join(tempDir(), 'seed')
    cpSync(SEED_DIR, seed, { recursive: true })
    const handle = openDatabase(':memory:')
    migrateDatabase(handle.db)
    const repo = createKbRepository(handle.db)
    const a = seedKnowledgeBase(repo, seed)
    expect(a.status).toBe('loaded')
    expect(seedKnowledgeBase(repo, seed)).toEqual({ status: 'unchanged', version: a.version })
    const file = join(seed, 'contexts.json')
    const contexts = JSON.parse(readFileSync(file, 'utf8')) as { id: string; label: string }[]
    contexts[0]!.label = `${contexts[0]!.label} (edited)`
    writeFileSync(file, JSON.stringify(contexts, null, 2) + '\n')
    const b = seedKnowledgeBase(repo, seed)
    expect(b.status).toBe('loaded')
    expect(b.version).not.toBe(a.version)
    expect(repo.readAll()!.kb.contexts.find((c) => c.id === contexts[0]!.id)!.label).toMatch(/\(edited\)$/)
    handle.close()
  })

  it('refuses an invalid seed without touching the stored knowledge base', () => {
    const seed = join(tempDir(), 'seed')
    cpSync(SEED_DIR, seed, { recursive: true })
    const handle = openDatabase(':memory:')
    migrateDatabase(handle.db)
    const repo = createKbRepository(handle.db)
    const good = seedKnowledgeBase(repo, seed)
    writeFileSync(join(seed, 'regions.json'), JSON.stringify([{ id: 'Bad Id', label: 'x' }]))
    expect(() => seedKnowledgeBase(repo, seed)).toThrowError(SeedError)
    expect(repo.storedVersion()).toBe(good.version)
    handle.close()
  })

  it('round-trips the knowledge base through SQLite unchanged', () => {
    const handle = openDatabase(':memory:')
    migrateDatabase(handle.db)
    const repo = createKbRepository(handle.db)
    seedKnowledgeBase(repo, SEED_DIR)
    const back = repo.readAll()!.kb
    const authored = loadSeed(SEED_DIR).kb
    for (const key of Object.keys(authored) as (keyof typeof authored)[]) {
      const norm = (list: unknown[]): string[] => list.map(sortedJson).sort()
      expect(norm(back[key]), key).toEqual(norm(authored[key]))
    }
    handle.close()
  })
})

/** JSON with object keys sorted at every level, to compare content regardless of key order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v)
}
