/**
 * The README's commands are the truth: every curl example runs against the real app and must
 * succeed, the conditional GET runs in a shell as written (curl against a listening server) and
 * prints 304, and every `npm run recommend` example must print an answer. (The Docker commands need
 * a Docker engine, which these machines lack; `.ci/run` runs the Quick start's `npm ci` and `npm test`.)
 */
import { execFile, execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/kb/paths.js'
import { testApp } from '../helpers/app.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!)
const shellLines = shellBlocks.flatMap((b) => b.split('\n'))
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
    // $etag is what the README's conditional GET read from a first answer (the snippet itself runs below).
    const headers = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, v.replace('$etag', `"kb-${app.kb.version}"`).replace('$NMT_KEY', secretKey)]))
    let req = c.method === 'POST' ? http.post(c.path) : http.get(c.path)
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v)
    const res = c.body ? await req.send(JSON.parse(c.body) as object) : await req
    expect(res.status, `${line} -> ${res.status} ${(res.text ?? '').slice(0, 300)}`).toBeLessThan(400)
  })

  const hasCurl = (() => {
    try {
      execFileSync('curl', ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  it.skipIf(!hasCurl)('the conditional GET, run in a shell as written, gets a 304 with the ETag of a first answer', async () => {
    const start = shellLines.findIndex((l) => l.startsWith('etag=$(curl '))
    expect(start, 'the README shows how to read the ETag').toBeGreaterThan(-1)
    const snippet = shellLines.slice(start, start + 2).map((l) => l.replace(/\s+#.*$/, ''))
    expect(snippet[1]).toMatch(/^curl .*If-None-Match: \$etag/)
    // Its own server: the snippet's curl needs one listening on a real port (supertest listens per request).
    const served = (await testApp()).app
    try {
      await served.listen({ host: '127.0.0.1', port: 0 })
      const { port } = served.server.address() as { port: number }
      const script = snippet.join('\n').replaceAll('http://127.0.0.1:3000', `http://127.0.0.1:${port}`)
      // Asynchronous: the server answering the snippet runs in this process.
      const { stdout } = await promisify(execFile)('bash', ['-c', script])
      expect(stdout.trim()).toBe('304')
    } finally {
      await served.close()
    }
  })

  it.each(commands.filter((c) => c.startsWith('npm run recommend')).map((c) => [c]))('%s', (line) => {
    const args = words(line).slice(4)
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/recommend.ts', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' })
    expect(out).toMatch(/TRIAGE|"triage"/)
  })
})
