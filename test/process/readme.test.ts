/**
 * The README's commands are the truth: every curl example runs against the real app and must
 * succeed, and every `npm run recommend` example must print an answer. (The Docker commands need
 * a Docker engine, which these machines lack; `.ci/run` runs the Quick start's `npm ci` and `npm test`.)
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/kb/paths.js'
import { testApp } from '../helpers/app.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!)
const commands = shellBlocks.flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n')).map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l && !l.startsWith('#'))

/** Split a shell command line into words, honouring single and double quotes. */
function words(line: string): string[] {
  const out: string[] = []
  for (const m of line.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) out.push(m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3]!)
  return out
}

interface Curl { method: string; path: string; headers: Record<string, string>; body?: string }
function parseCurl(line: string): Curl {
  const w = words(line).slice(1)
  const c: Curl = { method: 'GET', path: '', headers: {} }
  for (let i = 0; i < w.length; i++) {
    const a = w[i]!
    if (a === '-X') c.method = w[++i]!
    else if (a === '-H') {
      const [k, ...v] = w[++i]!.split(':')
      c.headers[k!.trim().toLowerCase()] = v.join(':').trim()
    } else if (a === '-d') c.body = w[++i]!
    else if (a === '-o' || a === '-w') i++
    else if (a.startsWith('http')) c.path = a.replace(/^https?:\/\/[^/]+/, '')
  }
  if (c.body && c.method === 'GET') c.method = 'POST'
  return c
}

describe('README commands', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  let secretKey: string
  beforeAll(async () => {
    ({ app, http } = await testApp())
    secretKey = (await app.apiKeys.create({ name: 'readme', type: 'secret' })).token
  })
  afterAll(async () => app.close())

  const curls = commands.filter((c) => c.startsWith('curl '))
  it('shows a curl example for every endpoint in the OpenAPI document', () => {
    const paths = curls.map((c) => parseCurl(c).path.split('?')[0]!)
    const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, unknown> }
    const missing = Object.keys(doc.paths).filter((p) => {
      const re = new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`)
      return !paths.some((x) => re.test(x))
    })
    expect(missing).toEqual([])
  })

  it.each(curls.map((c) => [c]))('%s', async (line) => {
    const c = parseCurl(line)
    const headers = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, v.replace('<kbVersion>', app.kb.version).replace('$NMT_KEY', secretKey)]))
    let req = c.method === 'POST' ? http.post(c.path) : http.get(c.path)
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v)
    const res = c.body ? await req.send(JSON.parse(c.body) as object) : await req
    expect(res.status, `${line} -> ${res.status} ${(res.text ?? '').slice(0, 300)}`).toBeLessThan(400)
  })

  it.each(commands.filter((c) => c.startsWith('npm run recommend')).map((c) => [c]))('%s', (line) => {
    const args = words(line).slice(4)
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/recommend.ts', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' })
    expect(out).toMatch(/TRIAGE|"triage"/)
  })
})
