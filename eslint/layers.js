// @ts-check
/**
 * The import boundaries between the layers of src/ (docs/architecture.md draws them). A layer may import
 * itself and the layers listed for it, nothing else; type-only imports count too. `npm run lint` and
 * test/layers.test.ts run this rule over every file in src/.
 */
import path from 'node:path'

/** What each layer may import besides itself. Root files are layers of their own. */
export const ALLOWED = {
  limits: [],
  errors: [],
  config: [],
  'tick-shape': [],
  kb: ['limits'],
  contract: ['kb', 'limits'],
  engine: ['kb', 'contract', 'limits'],
  maps: ['kb', 'contract', 'engine', 'limits'],
  db: ['kb', 'config', 'errors', 'limits'],
  services: ['kb', 'contract', 'engine', 'maps', 'db', 'config', 'errors', 'limits'],
  http: ['services', 'contract', 'kb', 'config', 'errors', 'limits'],
  // The app's own Fastify decorators open the database and hand its stores to the services.
  'http/plugins/app': ['http', 'services', 'contract', 'kb', 'db', 'config', 'errors', 'limits'],
  cli: ['*'],
  server: ['*'],
}

/** The layer of a file under src/, or null outside src/. */
export function layerOf(file, srcDir) {
  const rel = path.relative(srcDir, file)
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null
  const parts = rel.split(path.sep)
  if (parts.length === 1) return parts[0].replace(/\.[jt]s$/, '')
  if (parts[0] === 'http' && parts[1] === 'plugins' && parts[2] === 'app') return 'http/plugins/app'
  return parts[0]
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports within the layer boundaries of src/' },
    schema: [],
    messages: { crossing: 'Layer "{{from}}" may not import from "{{to}}" (allowed: {{allowed}}). See docs/architecture.md.' },
  },
  create(context) {
    const srcDir = path.join(context.cwd, 'src')
    const from = layerOf(context.filename, srcDir)
    if (from === null) return {}
    const allowed = ALLOWED[from] ?? []
    const check = (node) => {
      const spec = node.source && node.source.type === 'Literal' ? node.source.value : null
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      const to = layerOf(path.resolve(path.dirname(context.filename), spec), srcDir)
      if (to === null || to === from || allowed.includes('*') || allowed.includes(to)) return
      // The app's plugins are part of http: http may import them (app.ts registers them).
      if (from === 'http' && to === 'http/plugins/app') return
      context.report({ node: node.source, messageId: 'crossing', data: { from, to, allowed: allowed.join(', ') || 'nothing' } })
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  },
}

export default { rules: { boundaries: rule } }
