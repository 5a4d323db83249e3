/**
 * Starts the real server (`node --import tsx src/server.ts`) as a child process on a free port with a
 * temp database, for tests that need a real listening server (browsers). Stop it with `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../src/kb/paths.js'

export interface ServerProcess {
  base: string
  child: ChildProcess
  logs: () => string
  stop: () => Promise<void>
}

/** Start the server and resolve once it logs "Server listening at". */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'nmt-srv-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', DATABASE_PATH: join(dir, 'nmt.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { err += d.toString() })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
  for (let i = 0; i < 600; i++) {
    const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
    if (m) return { base: m[1]!, child, logs: () => out + err, stop }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 50))
  }
  await stop()
  throw new Error(`server did not start: ${out} ${err}`)
}
