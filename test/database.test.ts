import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync, spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/client.js'
import { createKbRepository } from '../src/db/kb-repository.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { loadSeed, SeedError } from '../src/kb/loader.js'
import { PROJECT_ROOT, SEED_DIR } from '../src/kb/paths.js'
import { seedKnowledgeBase } from '../src/db/seeder.js'
import { testApp } from './helpers/app.js'

const temps: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nmt-test-'))
  temps.push(dir)
  return dir
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true })
})

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

  it('several processes migrating one new file at once all succeed, and each migration runs once', async () => {
    const path = join(tempDir(), 'race', 'nmt.db')
    // Each opens the file and says "ready"; all are told to migrate together, so their migrations overlap.
    const children = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/migrate-on-signal.ts', path], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      child.stdout.on('data', (d: Buffer) => { out += d.toString() })
      child.stderr.on('data', (d: Buffer) => { err += d.toString() })
      const ready = new Promise<void>((resolve) => child.stdout.on('data', () => { if (out.includes('ready')) resolve() }))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      return { child, ready, exited, err: () => err }
    })
    await Promise.all(children.map((c) => c.ready))
    for (const c of children) c.child.stdin.end('go\n')
    const codes = await Promise.all(children.map((c) => c.exited))
    expect(codes, children.map((c) => c.err()).join('\n')).toEqual([0, 0, 0, 0])
    const h = openDatabase(path)
    const applied = h.sqlite.prepare('select hash from __drizzle_migrations').pluck().all()
    h.close()
    expect(applied).toHaveLength(readdirSync(join(PROJECT_ROOT, 'migrations')).filter((f) => f.endsWith('.sql')).length)
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

  it('has a committed migration for every schema change', () => {
    const out = join('.tmp', `migrations-check-${process.pid}`)
    rmSync(join(PROJECT_ROOT, out), { recursive: true, force: true })
    cpSync(join(PROJECT_ROOT, 'migrations'), join(PROJECT_ROOT, out), { recursive: true })
    try {
      execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'drizzle-kit'),
        ['generate', '--dialect', 'sqlite', '--schema', './src/db/schema.ts', '--out', `./${out}`],
        { cwd: PROJECT_ROOT, stdio: 'pipe' })
      const committed = readdirSync(join(PROJECT_ROOT, 'migrations')).sort()
      const regenerated = readdirSync(join(PROJECT_ROOT, out)).sort()
      expect(regenerated, 'src/db/schema.ts changed without a migration: run `npm run db:generate -- --name verb-noun` and commit it').toEqual(committed)
    } finally {
      rmSync(join(PROJECT_ROOT, out), { recursive: true, force: true })
    }
  })
})

/** JSON with object keys sorted at every level, to compare content regardless of key order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v)
}
