/**
 * Temporary folders for one test file: each call makes a new one, and every folder is removed after
 * the test that made it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/** Call at the top of a test file; the function it returns makes a folder that lives for one test. */
export function tempDirPerTest(prefix = 'nmt-test-'): () => string {
  const made: string[] = []
  afterEach(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix))
    made.push(dir)
    return dir
  }
}
