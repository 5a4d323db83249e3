/**
 * Child processes for tests that need the real entry points: the server (`node --import tsx
 * src/server.ts`) and the npm scripts, with a minimal environment plus what the test passes.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { afterAll } from 'vitest'
import { PROJECT_ROOT } from '../../src/kb/paths.js'

// Servers still running when a test file ends (a test failed before stopping its server) are killed,
// so a failed run leaves no server behind.
const running = new Set<ChildProcess>()
afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  running.clear()
})

const baseEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' })

export interface Spawned {
  child: ChildProcess
  out: () => string
  err: () => string
  exited: Promise<number | null>
}

/** Start the server; read its port with `listeningPort`. */
export function spawnServer(env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PROJECT_ROOT, env: { ...baseEnv(), PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.on('exit', () => running.delete(child))
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { err += d.toString() })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, out: () => out, err: () => err, exited }
}

/**
 * The port the server listens on, once it says so; throws if it exits first.
 * @param deadlineMs how long to wait at most (a hang guard: default 30 s)
 */
export async function listeningPort(s: Spawned, deadlineMs = 30_000): Promise<number> {
  for (let i = 0; i < deadlineMs / 50; i++) {
    const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(s.out())
    if (m) return Number(m[1])
    if (s.child.exitCode !== null) throw new Error(`server exited: ${s.err()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`server did not start: ${s.out()} ${s.err()}`)
}

/** Run `npm run --silent <script> -- ...args` and return its exit status and output. */
export function npmRun(script: string, args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: PROJECT_ROOT, env: { ...baseEnv(), ...env }, encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Run `node --import tsx <script> ...args` without blocking, for running many at once. */
export function tsxRun(script: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: PROJECT_ROOT, env: { ...baseEnv(), ...env }, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }))
  })
}
