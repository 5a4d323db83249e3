/**
 * `npm run kb:check [-- --fix]`: validate the seed against its schemas, lint cross-references and
 * check canonical form. With --fix, rewrites files into canonical form first. Exits 1 on any finding.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { canonicalText } from '../src/kb/canonical.js'
import { SEED_KINDS } from '../src/kb/files.js'
import { lintKnowledgeBase } from '../src/kb/lint.js'
import { loadSeed, SeedError } from '../src/kb/loader.js'
import { SEED_DIR } from '../src/kb/paths.js'

const fix = process.argv.includes('--fix')
try {
  let seed = loadSeed(SEED_DIR)
  let unformatted: string[] = []
  for (const [file, text] of seed.files) {
    const kind = SEED_KINDS.find((k) => (k.path.endsWith('/') ? file.startsWith(k.path) : file === k.path))!
    const canonical = canonicalText(JSON.parse(text) as unknown[], kind.schema)
    if (canonical !== text) {
      if (fix) writeFileSync(join(SEED_DIR, file), canonical)
      else unformatted.push(file)
    }
  }
  if (fix) {
    seed = loadSeed(SEED_DIR)
    unformatted = []
  }
  const findings = lintKnowledgeBase(seed.kb)
  for (const f of findings) console.log(`${f.code}\t${f.where}\t${f.message}`)
  for (const f of unformatted) console.log(`not-canonical\t${f}\trun: npm run kb:format`)
  const counts = Object.entries(seed.kb).map(([k, v]) => `${k}=${(v as unknown[]).length}`).join(' ')
  console.log(`kbVersion ${seed.version}: ${counts}`)
  if (findings.length + unformatted.length > 0) {
    console.error(`kb:check failed: ${findings.length} lint finding(s), ${unformatted.length} file(s) not in canonical form`)
    process.exit(1)
  }
  console.log('kb:check ok')
} catch (err) {
  if (err instanceof SeedError) {
    console.error(err.message)
    process.exit(1)
  }
  throw err
}

