/**
 * WAL checkpoints off the event loop. SQLite copies the write-ahead log back into the database file
 * (a checkpoint) after a commit once the log passes 1,000 pages, inside that commit, on the thread
 * that committed: here the event loop, 4-5 ms at a time, about five times a second under a steady
 * 15,000 recommendations a second (each writes an audit row). Every request waiting then waited too:
 * at that rate the open-loop p99 was 8.8-9.2 ms with those checkpoints and 5.1-5.5 ms without.
 *
 * So the server's connection never checkpoints (`wal_autocheckpoint = 0`), and a worker thread with
 * its own connection to the same file runs a PASSIVE checkpoint every `intervalMs` (passive: it copies
 * what no reader still needs and never blocks the writer). Commits stay as durable as before (WAL,
 * synchronous = NORMAL); only who copies the log back changes. If the worker fails or exits, the
 * connection checkpoints for itself again (SQLite's default), and the failure is reported.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import type { CheckpointWorkerData, CheckpointWorkerMessage } from './checkpoint-worker.js'

/** SQLite's default `wal_autocheckpoint`, restored when the worker is gone. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1000

/**
 * Start checkpoint-worker: the compiled .js beside this file when the server runs from dist/, else
 * (tests and `npm run dev`, under tsx or vitest) its .ts source through tsx's API. Node 20 does not
 * apply `--import tsx` from a worker's execArgv (nodejs/node#47747), so a one-line bootstrap
 * loads the .ts file instead.
 */
function startWorker(options: WorkerOptions): Worker {
  const compiled = new URL('./checkpoint-worker.js', import.meta.url)
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, options)
  const source = new URL('./checkpoint-worker.ts', import.meta.url).href
  // tsx's ESM API (its CommonJS build fails to register its hooks from an eval'd worker).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`
  return new Worker(bootstrap, { ...options, eval: true })
}

export interface CheckpointStats {
  /** Checkpoints the worker ran. */
  runs: number
  /** Checkpoints or worker start-ups that failed. */
  failures: number
  /** The last checkpoint: WAL frames in the log, and how many of them are now in the database file. */
  last: { log: number; checkpointed: number } | null
  /** Whether the worker is running (false after stop() or a failure: the connection checkpoints itself). */
  running: boolean
}

export interface Checkpointer {
  stats(): CheckpointStats
  /** Stop the worker (and wait for it to close its connection). */
  stop(): Promise<void>
  /** The worker thread (tests stop it abruptly to check the fallback). */
  readonly worker: Worker
}

/**
 * Move a file database's checkpoints to a worker thread.
 * @param sqlite the server's connection (its automatic checkpoints are switched off)
 * @param path the database file
 * @param onError told of each failure (a failed checkpoint, or the worker gone and the fallback taken)
 */
export function startCheckpointer(sqlite: Database.Database, path: string, opts: { intervalMs: number; onError: (err: Error) => void }): Checkpointer {
  const stats: CheckpointStats = { runs: 0, failures: 0, last: null, running: true }
  const workerData: CheckpointWorkerData = { path, intervalMs: opts.intervalMs }
  const worker = startWorker({
    workerData,
    // It only runs a pragma: a small heap keeps the process's memory down.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    stdout: false,
    stderr: false,
  })
  // Never what keeps the process alive.
  worker.unref()
  // Only once the worker exists (a worker that fails later puts the default back: see fallBack).
  sqlite.pragma('wal_autocheckpoint = 0')
  let stopping = false
  const fallBack = (err: Error): void => {
    if (!stats.running) return
    stats.running = false
    if (stopping) return
    stats.failures++
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`)
    opts.onError(err)
  }
  worker.on('message', (m: CheckpointWorkerMessage) => {
    if (m.type === 'checkpoint') {
      stats.runs++
      stats.last = { log: m.log, checkpointed: m.checkpointed }
    } else {
      stats.failures++
      opts.onError(new Error(`WAL checkpoint failed: ${m.message}`))
    }
  })
  worker.on('error', (err) => fallBack(err))
  worker.on('exit', (code) => fallBack(new Error(`the WAL checkpoint worker exited (code ${code}); the server's connection checkpoints again`)))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    stats: () => ({ ...stats, last: stats.last && { ...stats.last } }),
    worker,
    async stop() {
      stopping = true
      if (stats.running) worker.postMessage('stop')
      await exited
    },
  }
}
