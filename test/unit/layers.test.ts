/**
 * The layer boundaries (eslint/layers.js) hold over all of src/, and the rule really bites.
 */
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import layers from '../../eslint/layers.js'
import { PROJECT_ROOT } from '../../src/kb/paths.js'

const eslint = new ESLint({
  cwd: PROJECT_ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['src/**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { layers }, rules: { 'layers/boundaries': 'error' } }],
})

const messagesOf = async (code: string, file: string): Promise<string[]> =>
  (await eslint.lintText(code, { filePath: `${PROJECT_ROOT}${file}` })).flatMap((r) => r.messages.map((m) => m.message))

describe('layer boundaries', () => {
  it('no file in src/ imports across a boundary', async () => {
    const results = await eslint.lintFiles(['src'])
    expect(results.length).toBeGreaterThan(100)
    const crossings = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(PROJECT_ROOT.length)}:${m.line} ${m.message}`))
    expect(crossings).toEqual([])
  })

  it('refuses the engine reading the database, a route reaching into the engine, and kb depending on the contract', async () => {
    expect(await messagesOf("import { openDatabase } from '../db/client.js'\nexport const x = openDatabase\n", 'src/engine/x.ts'))
      .toEqual([expect.stringContaining('Layer "engine" may not import from "db"')])
    expect(await messagesOf("import { search } from '../../engine/search.js'\nexport const x = search\n", 'src/http/search/x.ts'))
      .toEqual([expect.stringContaining('Layer "http" may not import from "engine"')])
    expect(await messagesOf("import type { Problem } from '../contract/common.js'\nexport type X = Problem\n", 'src/kb/x.ts'))
      .toEqual([expect.stringContaining('Layer "kb" may not import from "contract"')])
  })

  it('lets the app\'s own plugins open the database, and services use the engine', async () => {
    expect(await messagesOf("import { openStore } from '../../../db/store.js'\nexport const x = openStore\n", 'src/http/plugins/app/x.ts')).toEqual([])
    expect(await messagesOf("import { search } from '../engine/search.js'\nexport const x = search\n", 'src/services/x.ts')).toEqual([])
  })
})
