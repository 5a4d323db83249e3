import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { listeningPort, spawnServer } from '../helpers/process.js'

const dir = mkdtempSync(join(tmpdir(), 'nmt-server-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the server process', () => {
  it('refuses to start on PORT=abc with a readable message', async () => {
    const s = spawnServer({ PORT: 'abc', LOG_LEVEL: 'abc' })
    expect(await s.exited).toBe(1)
    expect(s.err()).toContain('PORT="abc" is invalid: expected an integer from 0 to 65535')
    expect(s.err()).toContain('LOG_LEVEL="abc" is invalid')
  })

  it('starts on a fresh database file in development with a loud warning that /v1 is open, serves /ready, never logs what clients send, and stops cleanly on SIGTERM', async () => {
    const s = spawnServer({ PORT: '0', DATABASE_PATH: join(dir, 'fresh', 'nmt.db') })
    const port = await listeningPort(s)
    const base = `http://127.0.0.1:${port}`
    const ready = await fetch(`${base}/ready`)
    expect(ready.status).toBe(200)
    // Once it listens it says where the docs are (on stderr: stdout holds only JSON log lines).
    expect(s.err()).toContain(`nmt-api: listening; API docs at http://127.0.0.1:${port}/docs`)
    const docs = await fetch(`${base}/docs`, { redirect: 'manual' })
    expect(docs.status).toBeLessThan(400)
    const secret = 'my-private-symptom-text'
    const res = await fetch(`${base}/v1/nothing?q=${secret}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer sk_${secret}` },
      body: JSON.stringify({ text: secret }),
    })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
    const logs = s.out()
    const lines = logs.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
    const access = lines.filter((l) => l.msg === 'request completed')
    // Every answered request left one line, in pino's shape, with the route pattern and never the URL.
    expect(access.map((l) => (l.req as { route: string }).route)).toEqual(expect.arrayContaining(['/ready', 'unmatched']))
    for (const l of access) {
      expect(l).toMatchObject({ level: 30, pid: expect.any(Number), hostname: expect.any(String), reqId: expect.any(String), ms: expect.any(Number) })
      expect(l.time).toEqual(expect.any(Number))
      expect(l.res).toEqual({ statusCode: expect.any(Number) })
      expect(Object.keys(l.req as object).sort()).toEqual(['method', 'route'])
    }
    expect(logs).not.toContain(secret)
    expect(logs).toMatch(/shutting down/)
    expect(logs).toMatch(/"level":40,.*SECURITY WARNING: development mode/)
  })
})
