/**
 * The WAL checkpoint worker's program (a worker thread started by checkpointer.ts). It opens its own
 * connection to the server's database file and runs a PASSIVE checkpoint every `intervalMs`,
 * reporting each result, or its error, to the main thread; on 'stop' it closes its connection.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

/** What checkpointer.ts hands the worker. */
export interface CheckpointWorkerData {
  path: string
  intervalMs: number
}

/** What the worker tells the main thread after each checkpoint. */
export type CheckpointWorkerMessage =
  | { type: 'checkpoint'; busy: number; log: number; checkpointed: number }
  | { type: 'error'; message: string }

/** A row of `PRAGMA wal_checkpoint`. */
interface CheckpointRow {
  busy: number
  log: number
  checkpointed: number
}

const port = parentPort
if (port === null) throw new Error('checkpoint-worker.ts runs only as a worker thread (see checkpointer.ts)')
const { path, intervalMs } = workerData as CheckpointWorkerData
const db = new Database(path, { fileMustExist: true })
db.pragma('busy_timeout = 5000')

const send = (m: CheckpointWorkerMessage): void => port.postMessage(m)

function checkpoint(): void {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[]
    send({ type: 'checkpoint', busy: r!.busy, log: r!.log, checkpointed: r!.checkpointed })
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) })
  }
}

const timer = setInterval(checkpoint, intervalMs)
port.on('message', (m: unknown) => {
  if (m !== 'stop') return
  clearInterval(timer)
  db.close()
  port.close()
})
