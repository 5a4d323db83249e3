/**
 * Several processes that open one new SQLite file and migrate it at once (several instances starting
 * together, or the keys CLI run twice) all succeed, and each migration runs once.
 */
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/db/client.js'
import { PROJECT_ROOT } from '../../../src/kb/paths.js'
import { tempDirPerTest } from '../../helpers/temp.js'

const tempDir = tempDirPerTest()

describe('first-time migration by several processes', () => {
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

})
