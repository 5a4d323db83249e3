import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createApiKeyRepository } from '../../../src/db/api-key-repository.js'
import { openDatabase } from '../../../src/db/client.js'
import { migrateDatabase } from '../../../src/db/migrate.js'
import { createApiKeyService, type NewKeyInput } from '../../../src/services/api-keys.js'
import { npmRun, spawnServer, tsxRun } from '../../helpers/process.js'

const dir = mkdtempSync(join(tmpdir(), 'nmt-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const TOKEN_LINE = /^(sk|pk)_[A-Za-z0-9_-]{32}$/gm
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

/** The README's `npm run keys -- ...` examples, as argument lists. */
function readmeKeyCommands(): string[][] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
  return readme.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l.startsWith('npm run keys -- '))
    .map((l) => [...l.slice('npm run keys -- '.length).matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!))
}

describe('npm run keys', () => {
  const env = { DATABASE_PATH: join(dir, 'fresh', 'nmt.db') }

  it("runs the README's examples on a fresh database: prints each key once, lists without secrets, revokes", async () => {
    const commands = readmeKeyCommands()
    expect(commands.map((c) => c[0])).toEqual(['create', 'create', 'list', 'revoke'])
    const tokens: string[] = []
    const ids: string[] = []
    for (const args of commands.filter((c) => c[0] === 'create')) {
      const r = npmRun('keys', args, env)
      expect(r.status, r.stderr).toBe(0)
      const printed = r.stdout.match(TOKEN_LINE) ?? []
      expect(printed).toHaveLength(1)
      expect(r.stdout).toMatch(/shown only this once/)
      tokens.push(printed[0]!)
      ids.push(/created (key_[0-9a-f]{12})/.exec(r.stdout)![1]!)
    }
    expect(tokens[0]).toMatch(/^sk_/)
    expect(tokens[1]).toMatch(/^pk_/)

    const list = npmRun('keys', ['list'], env)
    expect(list.status).toBe(0)
    for (const id of ids) expect(list.stdout).toContain(id)
    expect(list.stdout).toContain('"Acme Physio"')
    expect(list.stdout).toContain('1200/min')
    expect(list.stdout).toContain('origins https://clinic.example,https://www.clinic.example')
    for (const token of tokens) {
      expect(list.stdout).not.toContain(token)
      expect(list.stdout).not.toContain(sha256(token))
    }

    const revokeArgs = commands.find((c) => c[0] === 'revoke')!
    const revoked = npmRun('keys', [revokeArgs[0]!, ids[0]!], env)
    expect(revoked.status, revoked.stderr).toBe(0)
    expect(revoked.stdout).toContain(`revoked ${ids[0]}`)
    const [again, after] = await Promise.all([tsxRun('src/cli/keys.ts', ['revoke', ids[0]!], env), tsxRun('src/cli/keys.ts', ['list'], env)])
    expect(again.stdout).toContain('already revoked')
    expect(after.stdout).toMatch(new RegExp(`${ids[0]}.*revoked \\d{4}-`))

    const handle = openDatabase(env.DATABASE_PATH)
    const rows = handle.sqlite.prepare('select * from api_keys order by created_at').all() as Record<string, unknown>[]
    handle.close()
    expect(rows.map((r) => r.hash)).toEqual(tokens.map(sha256))
    for (const token of tokens) expect(JSON.stringify(rows)).not.toContain(token)
  })

  it('refuses bad arguments with a message and a non-zero exit, creating nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['create', '--name', 'x', '--type', 'admin'], /--type secret or --type publishable/],
      [['create', '--name', 'x', '--type', 'publishable', '--origins', 'ftp://clinic.example'], /not an origin/],
      [['revoke', 'key_000000000000'], /no key with id/],
    ]
    const path = join(dir, 'bad', 'nmt.db')
    const results = await Promise.all(cases.map(([args]) => tsxRun('src/cli/keys.ts', args, { DATABASE_PATH: path })))
    results.forEach((r, i) => {
      expect(r.status, JSON.stringify(cases[i]![0])).not.toBe(0)
      expect(r.stderr).toMatch(cases[i]![1])
      expect(r.stderr).toMatch(/usage:\n {2}npm run keys -- create/)
      expect(r.stdout).not.toMatch(TOKEN_LINE)
    })
    const list = await tsxRun('src/cli/keys.ts', ['list'], { DATABASE_PATH: path })
    expect(list.stdout).toMatch(/^no API keys in /)
  })

  it('checks its arguments before it opens a database: bad input creates no database file', async () => {
    const path = join(dir, 'untouched', 'nmt.db')
    const r = await tsxRun('src/cli/keys.ts', ['create', '--name', 'x', '--type', 'admin'], { DATABASE_PATH: path })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(/--type secret or --type publishable/)
    expect(existsSync(path)).toBe(false)
  })
})

describe('key creation rules', () => {
  const handle = openDatabase(':memory:')
  migrateDatabase(handle.db)
  const keys = createApiKeyService(createApiKeyRepository(handle.db))
  afterAll(() => handle.close())

  it.each([
    [{ name: 'x', type: 'publishable' }, /needs --origins/],
    [{ name: 'x', type: 'publishable', origins: ['ftp://clinic.example'] }, /not an origin/],
    [{ name: 'x', type: 'publishable', origins: ['https://clinic.example/path'] }, /not an origin/],
    [{ name: 'x', type: 'publishable', origins: ['https://user:pw@clinic.example'] }, /not an origin/],
    [{ name: 'x', type: 'publishable', origins: ['clinic.example'] }, /not an origin/],
    [{ name: 'x', type: 'secret', origins: ['https://clinic.example'] }, /publishable keys only/],
    [{ name: 'x', type: 'secret', rateLimit: 0 }, /--rate-limit/],
    [{ name: 'x', type: 'secret', rateLimit: 2.5 }, /--rate-limit/],
    [{ name: ' ', type: 'secret' }, /--name must be 1 to 100/],
    [{ name: 'n'.repeat(101), type: 'secret' }, /--name must be 1 to 100/],
  ] as [NewKeyInput, RegExp][])('refuses %j', (input, message) => {
    expect(() => keys.create(input)).toThrowError(message)
    expect(keys.list()).toEqual([])
  })

  it('normalises origins and makes keys that authenticate only as sent', () => {
    const { key, token } = keys.create({ name: ' site ', type: 'publishable', origins: ['https://Clinic.Example:443/', 'http://localhost:5173'] })
    expect(key).toMatchObject({ name: 'site', origins: ['https://clinic.example', 'http://localhost:5173'], rateLimit: null, revokedAt: null })
    expect(token).toMatch(/^pk_[A-Za-z0-9_-]{32}$/)
    expect(key.prefix).toBe(token.slice(0, 9))
    expect(keys.authenticate(`Bearer ${token}`)?.id).toBe(key.id)
    expect(keys.authenticate(`bearer   ${token}`)?.id).toBe(key.id)
    expect(keys.authenticate(`Bearer ${token}x`)).toBeNull()
    // One character changed (to one it is not: a fixed 'A' made the same token one time in 64).
    const changed = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
    expect(keys.authenticate(`Bearer ${changed}`)).toBeNull()
    expect(keys.authenticate(token)).toBeNull()
  })
})

describe('start-up modes', () => {
  it('production refuses to start without an active key and says how to create one', async () => {
    const s = spawnServer({ NMT_ENV: 'production', DATABASE_PATH: join(dir, 'prod-empty', 'nmt.db') })
    expect(await s.exited).toBe(1)
    expect(s.err()).toMatch(/NMT_ENV=production needs at least one active API key/)
    expect(s.err()).toContain('npm run keys -- create --name NAME --type secret|publishable')
  })
  // Development's loud warning that /v1 is open: checked on the development server that
  // test/process/server.test.ts starts anyway (one server start fewer).
})
