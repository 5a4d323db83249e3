import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/kb/paths.js'

describe('tick-shape: process.nextTick stays on its fast path', () => {
  it('holds a real tick object, so tick objects made after full collections keep its shape', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--allow-natives-syntax', '--expose-gc', 'test/fixtures/tick-shape-check.ts'], {
      cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { kept: boolean; keys: string[]; sameShapeAfterGc: boolean }
    expect(out.kept).toBe(true)
    // Node 20's tick object: callback and args, and its two async-id symbols (Reflect.ownKeys lists symbols last)
    expect(out.keys).toEqual(['callback', 'args', 'Symbol(async_id_symbol)', 'Symbol(trigger_async_id_symbol)'])
    expect(out.sameShapeAfterGc).toBe(true)
  })

  it('is the first module the server entry point imports', () => {
    const imports = readFileSync(new URL('../../src/server.ts', import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('import '))
    expect(imports[0]).toBe("import './tick-shape.js'")
  })
})
