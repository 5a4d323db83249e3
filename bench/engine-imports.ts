/**
 * Checks src/engine stays as issue 15 asks: no import cycle among its files (type-only imports
 * included), and no module-level mutable state (a top-level `let`, or a top-level `const` holding
 * a WeakMap, a typed array or a plain array/Map/Set that the code then changes is flagged for review).
 *
 * usage: npx tsx bench/engine-imports.ts   (exit code 1 when something is found)
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../src/engine')
const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(root, f))
const imports = new Map(files.map((f) => {
  const specs = [...readFileSync(f, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]!)
  return [f, specs.map((s) => resolve(dirname(f), s.replace(/\.js$/, '.ts'))).filter((t) => t.startsWith(root))]
}))
const problems: string[] = []
// Depth-first walk; a file met again while still on the path closes a cycle.
const state = new Map<string, 'open' | 'done'>()
const walk = (f: string, path: string[]): void => {
  if (state.get(f) === 'done') return
  if (state.get(f) === 'open') {
    problems.push(`cycle: ${[...path.slice(path.indexOf(f)), f].map((p) => p.slice(root.length + 1)).join(' -> ')}`)
    return
  }
  state.set(f, 'open')
  for (const t of imports.get(f) ?? []) walk(t, [...path, f])
  state.set(f, 'done')
}
for (const f of files) walk(f, [])
for (const f of files) {
  readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
    if (/^(export )?let /.test(line) || /^(export )?const \w+\s*(:[^=]*)?=\s*new (WeakMap|\w+Array)\b/.test(line)) problems.push(`module state? ${f.slice(root.length + 1)}:${i + 1}: ${line.trim()}`)
  })
}
console.log(problems.length === 0 ? `${files.length} files: no import cycle, no module-level mutable state` : problems.join('\n'))
process.exitCode = problems.length === 0 ? 0 : 1
