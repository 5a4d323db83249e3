/**
 * The keys CLI and db:migrate on the shared store (DATABASE_URL), as processes: they work on the
 * machine's real PostgreSQL and never print the URL's password. (The store itself is tested in
 * process: test/http/db/shared-store.test.ts.)
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { tsxRun } from '../../helpers/process.js'
import { createDatabase, describeShared, sql } from '../../helpers/shared-services.js'

let db: Awaited<ReturnType<typeof createDatabase>>
/** The same database, with a password that trust authentication ignores: it must never be shown. */
const withPassword = (): string => db.url.replace('postgres@', 'postgres:hunter2-secret@')

beforeEach(async () => { db = await createDatabase() })
afterEach(async () => db.drop())

describeShared('the CLIs on PostgreSQL (DATABASE_URL)', () => {
  it('the keys CLI and db:migrate work on DATABASE_URL and never print it', async () => {
    const env = { DATABASE_URL: withPassword() }
    const migrated = await tsxRun('src/cli/db-migrate.ts', [], env)
    expect(migrated.stdout).toMatch(/migrated the PostgreSQL database of DATABASE_URL/)
    const created = await tsxRun('src/cli/keys.ts', ['create', '--name', 'Acme Physio', '--type', 'secret', '--rate-limit', '1200'], env)
    expect(created.status, created.stderr).toBe(0)
    const id = /created (key_[0-9a-f]{12})/.exec(created.stdout)![1]!
    const [list, revoked] = [await tsxRun('src/cli/keys.ts', ['list'], env), await tsxRun('src/cli/keys.ts', ['revoke', id], env)]
    expect(list.stdout).toMatch(new RegExp(`${id} .*"Acme Physio"  1200/min .* active`))
    expect(revoked.stdout).toContain(`revoked ${id}`)
    const rows = await sql<{ revoked_at: string | null }>(db.url, 'select revoked_at from api_keys where id = $1', [id])
    expect(rows[0]!.revoked_at).not.toBeNull()
    for (const r of [migrated, created, list, revoked]) expect(r.stdout + r.stderr).not.toContain('hunter2')
  })
})
