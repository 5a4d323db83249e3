/**
 * Child processes of the benchmark: the production server, the hello-world baseline and the keys
 * CLI. Every child is registered and killed when the benchmark exits, fails or is interrupted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../', import.meta.url))
const children = new Set<ChildProcess>()

/** Kill every child still running (SIGKILL): for exit paths that cannot wait. */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  children.clear()
}

/**
 * Run `node args...` to completion and parse the JSON it prints on stdout (a measuring child with a
 * fresh heap, so the orchestrator's garbage collection cannot stall it).
 */
export function runNodeJson<T>(args: string[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv({}), stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let out = ''
    let err = ''
    child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
    child.stderr!.on('data', (d: Buffer) => { if (err.length < 4000) err += d.toString() })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      children.delete(child)
      if (code !== 0) return reject(new Error(`node ${args.join(' ').slice(0, 200)} ${signal ? `was killed (${signal})` : `exited ${code}`}: ${err}`))
      try {
        resolve(JSON.parse(out) as T)
      } catch {
        reject(new Error(`node ${args[args.length - 2] ?? ''} printed no JSON: ${out.slice(0, 200)} ${err}`))
      }
    })
  })
}

/** Stop one child: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void children.delete(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
  children.delete(child)
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

/** Env for children: ours without NODE_OPTIONS, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  delete env.NODE_OPTIONS
  return env
}

export interface Started {
  child: ChildProcess
  port: number
  /** ms from spawn to the first 200 from `readyPath`. */
  readyMs: number
}

/**
 * Spawn `node args...` with stdout to `logFile` (or ignored), and wait for a 200 from `readyPath`.
 * @throws when the child exits or is not ready within `timeoutMs`
 */
export async function startNode(args: string[], env: Record<string, string>, opts: { port: number; readyPath: string; logFile?: string; timeoutMs?: number }): Promise<Started> {
  const out = opts.logFile ? openSync(opts.logFile, 'a') : 'ignore'
  let stderr = ''
  const t0 = performance.now()
  const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv({ ...env, PORT: String(opts.port), HOST: '127.0.0.1' }), stdio: ['ignore', out, 'pipe'] })
  if (typeof out === 'number') closeSync(out)
  children.add(child)
  child.stderr!.on('data', (d: Buffer) => { if (stderr.length < 4000) stderr += d.toString() })
  const deadline = t0 + (opts.timeoutMs ?? 15_000)
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode} before it was ready:\n${stderr}`)
    const status = await getStatus(opts.port, opts.readyPath)
    if (status === 200) return { child, port: opts.port, readyMs: performance.now() - t0 }
    await new Promise((r) => setTimeout(r, 5))
  }
  child.kill('SIGKILL')
  throw new Error(`${args.join(' ')} was not ready on ${opts.readyPath} within ${opts.timeoutMs ?? 15_000} ms:\n${stderr}`)
}

/** Status of one GET on 127.0.0.1 (0 when the connection fails). */
export function getStatus(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false, timeout: 2000 }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.on('timeout', () => req.destroy())
  })
}

/** One request on 127.0.0.1, returning status, headers and body (for pre-flight checks). */
export function request(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false, timeout: 5000 }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (d: string) => { text += d })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)))
    req.end(body)
  })
}

/**
 * The Node flags production runs with, read from `npm start` (`node <flags> dist/server.js`) so the
 * benchmark cannot drift from it (the Dockerfile's CMD repeats them).
 */
export function productionNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: { start: string } }).scripts.start
  const m = /^node((?: --[\w-]+(?:=\S+)?)*) dist\/server\.js$/.exec(start.trim())
  if (!m) throw new Error(`package.json's start script is not "node [--flag ...] dist/server.js": ${start}`)
  return m[1]!.trim().split(/ +/).filter(Boolean)
}

/** How to run the server: the built one as production does when dist/ exists, else from source through tsx. */
export function serverCommand(): { args: string[]; built: boolean } {
  const flags = productionNodeFlags()
  return existsSync(`${ROOT}dist/server.js`)
    ? { args: [...flags, 'dist/server.js'], built: true }
    : { args: [...flags, '--import', 'tsx', 'src/server.ts'], built: false }
}

/**
 * Create an API key with the keys CLI (`npm run keys -- create ...`) and return the token it prints once.
 * @param where a SQLite file path, or the CLI's environment (e.g. `{ DATABASE_URL }`)
 */
export function createKey(where: string | Record<string, string>, name: string, extra: string[] = []): string {
  const cli = existsSync(`${ROOT}dist/cli/keys.js`) ? ['dist/cli/keys.js'] : ['--import', 'tsx', 'src/cli/keys.ts']
  const store = typeof where === 'string' ? { DATABASE_PATH: where } : where
  const r = spawnSync(process.execPath, [...cli, 'create', '--name', name, '--type', 'secret', ...extra], {
    cwd: ROOT, env: childEnv({ ...store, LOG_LEVEL: 'silent' }), encoding: 'utf8', timeout: 30_000,
  })
  const token = r.stdout?.trim().split('\n').pop()?.trim() ?? ''
  if (r.status !== 0 || !/^sk_/.test(token)) throw new Error(`keys CLI failed (exit ${r.status}): ${r.stderr || r.stdout}`)
  return token
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc/<pid>/status. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) }
}
