import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/kb/paths.js'

// What the hold must keep, on any Node release: no list of Node's own tick-object keys is asserted
// (they are internals: Node 20's are callback, args and two async-id symbols), only that the held
// object is a tick object like the ones this Node makes, that it keeps their shape alive across full
// collections, and that process.nextTick behaves as before.
describe('tick-shape: process.nextTick stays on its fast path', () => {
  it('holds a real tick object, so tick objects made after full collections keep its shape', () => {
    // spawnSync blocks this worker, so it carries its own hang guard.
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--allow-natives-syntax', '--expose-gc', 'test/fixtures/tick-shape-check.ts'], {
      cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 4 * 60_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>
    expect(out).toEqual({ kept: true, sameKeysAsTickObject: true, isTickObject: true, sameShapeAfterGc: true, ticks: [[1, 'two'], 'second'], junk: 0 })
  })

  it('is the first module the server entry point imports', () => {
    const imports = readFileSync(new URL('../../src/server.ts', import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('import '))
    expect(imports[0]).toBe("import './tick-shape.js'")
  })
})
