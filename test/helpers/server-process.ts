/**
 * Starts the real server (`node --import tsx src/server.ts`) as a child process on a free port with a
 * temp database, for tests that need a real listening server (browsers). Stop it with `stop()`.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listeningPort, spawnServer } from './process.js'

export interface ServerProcess {
  base: string
  child: ChildProcess
  logs: () => string
  stop: () => Promise<void>
}

/** Start the server and resolve once it logs "Server listening at". */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'nmt-srv-'))
  // Load shedding off unless a test asks for it: on a loaded test machine a stalled event loop would
  // answer a browser's requests 503, and these tests are about what the browser does.
  const s = spawnServer({ DATABASE_PATH: join(dir, 'nmt.db'), MAX_EVENT_LOOP_DELAY_MS: '0', ...env })
  const stop = async (): Promise<void> => {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM')
    await s.exited
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const port = await listeningPort(s)
    return { base: `http://127.0.0.1:${port}`, child: s.child, logs: () => s.out() + s.err(), stop }
  } catch (err) {
    await stop()
    throw err
  }
}
