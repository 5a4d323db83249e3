/**
 * A/B of two checkouts' whole apps in one process: the same requests through `app.inject` (routing,
 * hooks, auth, usage and audit rows, the service, the engine, the serializer; no sockets), in
 * alternating bursts whose order flips every round, timed as the process's CPU per request. On a shared
 * host whose wall clock swings by tens of per cent this still reads the difference between two builds.
 *
 * usage: npx tsx bench/app-ab.ts <oldRoot> <newRoot>   (env: KINDS=distinct,text,structured,muscle ROUNDS=20 BURST=300)
 *   oldRoot: e.g. `git worktree add /tmp/base <commit>` with node_modules linked
 */
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import { httpBodies } from '../bench/inputs.js'
import { median } from '../bench/stats.js'
const roots = process.argv.slice(2)
const bodies = httpBodies()
async function load(root: string) {
  const appPath = existsSync(join(root, 'src/http/app.ts')) ? 'src/http/app.ts' : 'src/app.ts'
  const { buildApp } = await import(pathToFileURL(join(root, appPath)).href)
  const { loadConfig } = await import(pathToFileURL(join(root, 'src/config.ts')).href)
  const app = await buildApp(loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '1000000' }), { logStream: { write: () => true } })
  await app.ready()
  const { token } = await app.apiKeys.create({ name: 'ab', type: 'secret' })
  return { root, app, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }
}
const apps: Awaited<ReturnType<typeof load>>[] = []
for (const r of roots) apps.push(await load(r))
const kinds = (process.env.KINDS ?? 'distinct,text,structured,muscle').split(',')
const BURST = Number(process.env.BURST ?? 300)
let next = 0
async function burst(a: (typeof apps)[number], k: string) {
  const t0 = process.cpuUsage()
  for (let i = 0; i < BURST; i++) {
    if (k === 'muscle') await a.app.inject({ method: 'GET', url: '/v1/muscles/upper-trapezius', headers: a.headers })
    else await a.app.inject({ method: 'POST', url: '/v1/recommendations', headers: a.headers, payload: k === 'distinct' ? bodies.distinct[next++ % bodies.distinct.length] : k === 'text' ? bodies.text : bodies.structured })
  }
  const d = process.cpuUsage(t0)
  return (d.user + d.system) / BURST
}
const rounds = Number(process.env.ROUNDS ?? 20)
const res: Record<string, number[]> = {}
for (const k of kinds) { for (const a of apps) await burst(a, k) }
for (let r = 0; r < rounds; r++) for (const k of kinds) for (const a of (r % 2 ? [...apps].reverse() : apps)) (res[`${k} ${a.root}`] ??= []).push(await burst(a, k))
for (const k of kinds) { const base = median(res[`${k} ${apps[0]!.root}`]!); for (const a of apps) { const m = median(res[`${k} ${a.root}`]!); console.log(k.padEnd(11), a.root.padEnd(20), `${m.toFixed(1)} µs CPU/req`, `ratio ${(m / base).toFixed(3)}`) } }
for (const a of apps) await a.app.close()
process.exit(0)
