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
 * The port the server listens on, as soon as it says so; throws if it exits first. Waits on its output
 * and its exit, not on a clock: the deadline only catches a hang (below the projects' test timeout,
 * so that a hang fails with the server's output).
 */
export function listeningPort(s: Spawned, deadlineMs = 4 * 60_000): Promise<number> {
  const LISTENING = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/
  return new Promise((resolve, reject) => {
    const port = (): number | null => {
      const m = LISTENING.exec(s.out())
      return m ? Number(m[1]) : null
    }
    const settle = (closed = false): void => {
      const p = port()
      // Gone once its output is all in: 'close' comes after the last chunk.
      const gone = closed || s.child.stdout!.readableEnded
      if (p === null && !gone) return
      clearTimeout(guard)
      s.child.stdout!.off('data', onData)
      s.child.off('close', onClose)
      if (p !== null) resolve(p)
      else reject(new Error(`server exited: ${s.err()}`))
    }
    const onData = (): void => settle()
    const onClose = (): void => settle(true)
    const guard = setTimeout(() => {
      s.child.stdout!.off('data', onData)
      s.child.off('close', onClose)
      reject(new Error(`server did not start: ${s.out()} ${s.err()}`))
    }, deadlineMs)
    // Registered after spawnServer's own listener, so s.out() already holds each chunk.
    s.child.stdout!.on('data', onData)
    s.child.on('close', onClose)
    settle()
  })
}

/**
 * Run `npm run --silent <script> -- ...args` and return its exit status and output. It blocks this
 * worker (so the test timeout cannot fire): its own timeout is the hang guard.
 */
export function npmRun(script: string, args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: PROJECT_ROOT, env: { ...baseEnv(), ...env }, encoding: 'utf8', timeout: 4 * 60_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Run `node --import tsx <script> ...args` without blocking, for running many at once. */
export function tsxRun(script: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: PROJECT_ROOT, env: { ...baseEnv(), ...env }, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }))
  })
}
