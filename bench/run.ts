/**
 * `npm run bench`: engine, free text, HTTP (against a hello-world measured in the same run), open-loop
 * latency, start-up, memory and overload. Prints a table with targets and writes bench/results.json.
 * Exit 0 whenever the benchmark ran (a MISS is not a failure); non-zero only when a step failed to run.
 * `--quick` shortens every step (for trying the harness, not for figures).
 */
import { spawnSync } from 'node:child_process'
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { benchEngine, benchHostileText, benchScoring, benchText, realKb } from './engine.js'
import { interleaved, type Target } from './http.js'
import { foreignCpu, idleCheck } from './machine.js'
import { engineInputs, httpBodies, textMessages } from './inputs.js'
import { hostileTexts, ordinaryText } from './hostile-text.js'
import { openLoopInChild } from './open-loop.js'
import { overload } from './overload.js'
import { createKey, freePort, killAll, memoryMb, request, ROOT, serverCommand, startNode, stop, type Started } from './processes.js'
import { rows, table, writeResults, type Results } from './report.js'
import { benchShared } from './shared.js'
import { benchRulesEngine } from './rules-engine-baseline.js'
import { median, quantile, round } from './stats.js'

const quick = process.argv.includes('--quick')
const tmp = mkdtempSync(join(os.tmpdir(), 'nmt-bench-'))
let step = 'starting'
const log = (s: string): void => console.log(s)
const phase = (s: string): void => { step = s; log(`\n== ${s}`) }

process.on('exit', () => { killAll(); rmSync(tmp, { recursive: true, force: true }) })
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { console.error(`bench: interrupted during ${step}`); process.exit(130) })
setTimeout(() => { console.error(`bench: still running after 8 minutes (during ${step}); stopping`); process.exit(2) }, 8 * 60_000).unref()

async function countLines(path: string): Promise<number> {
  let n = 0
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) for (const b of chunk) if (b === 10) n++
  return n
}

/** p50/p99 of the server's own request times (the `ms` of each log line) in a byte range of its log. */
function serverTimes(logFile: string, from: number, to: number): { serverP50Ms: number; serverP99Ms: number } {
  const ms = readFileSync(logFile).subarray(from, to).toString('utf8').split('\n')
    .map((l) => /"ms":([\d.]+)/.exec(l)?.[1]).filter((x): x is string => x !== undefined).map(Number)
  return { serverP50Ms: round(quantile(ms, 0.5), 3), serverP99Ms: round(quantile(ms, 0.99), 3) }
}

async function main(): Promise<void> {
  phase('machine check (other processes must leave the CPU alone for figures to mean anything)')
  const idleBefore = await idleCheck(1000)
  const during = foreignCpu()
  log(`  other processes used ${idleBefore === null ? 'unknown' : `${Math.round(idleBefore * 100)} %`} of the CPU in the last second`)

  phase('build (npm run build)')
  const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
  const server = serverCommand()
  const buildNote = build.status === 0 ? 'ok' : `tsc exited ${build.status}: ${(build.stdout + build.stderr).split('\n').filter((l) => l.includes('error')).length} type errors; ${server.built ? 'serving the JavaScript it emitted anyway' : 'serving from source'}`
  log(`  ${buildNote}; server: node ${server.args.join(' ')}`)

  phase('engine (in process, real seed)')
  const kb = realKb()
  const inputs = engineInputs()
  const engine = benchEngine(kb, inputs)
  log(`  engine: median ${engine.medianUs} µs, p99 ${engine.p99Us} µs over ${engine.calls} calls`)
  const scoring = benchScoring(kb, inputs)
  log(`  same logic as the baseline (prepare, score, rank): median ${scoring.medianUs} µs, p99 ${scoring.p99Us} µs`)
  const rulesEngine = await benchRulesEngine(kb, quick ? inputs.slice(0, 20) : inputs)
  log(`  json-rules-engine: median ${rulesEngine.medianUs} µs, p99 ${rulesEngine.p99Us} µs over ${rulesEngine.calls} calls`)
  const text = benchText(kb, textMessages())
  log(`  free text: median ${text.medianUs} µs, p99 ${text.p99Us} µs`)
  const hostileText = benchHostileText(kb, ordinaryText(), hostileTexts())
  log(`  hostile text: worst ${hostileText.worst.ratio}x ordinary (${hostileText.worst.name})`)

  phase('start-up and memory (NMT_ENV=production, LOG_LEVEL=info to a file)')
  const databasePath = join(tmp, 'bench.db')
  const logFile = join(tmp, 'server.log')
  const keys = Object.fromEntries(['structured', 'text', 'muscle', 'notModified', 'overload'].map((n) => [n, createKey(databasePath, `bench-${n}`)]))
  const quotaLimit = 600
  const quotaKey = createKey(databasePath, 'bench-quota', ['--rate-limit', String(quotaLimit)])
  const env = { NMT_ENV: 'production', DATABASE_PATH: databasePath, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '1000000' }
  const port = await freePort()
  const startServer = (): Promise<Started> => startNode(server.args, env, { port, readyPath: '/ready', logFile })
  const first = await startServer()
  await stop(first.child)
  const starts: Started[] = []
  for (let i = 0; i < 3; i++) {
    const s = await startServer()
    starts.push(s)
    if (i < 2) await stop(s.child)
  }
  const srv = starts[2]!
  log(`  first start (seeds the database) ${Math.round(first.readyMs)} ms; then ${starts.map((s) => Math.round(s.readyMs)).join(', ')} ms`)
  await new Promise((r) => setTimeout(r, 1000))
  const idle = memoryMb(srv.child.pid!)
  log(`  idle RSS ${idle.rss} MB`)

  phase('HTTP: pre-flight')
  const hello = await startNode(['--import', 'tsx', 'bench/hello.ts'], {}, { port: await freePort(), readyPath: '/' })
  const bodies = httpBodies()
  const json = { 'content-type': 'application/json' }
  const auth = (k: string): Record<string, string> => ({ authorization: `Bearer ${keys[k]!}` })
  const musclePath = '/v1/muscles/upper-trapezius'
  const first200 = await request(port, 'GET', musclePath, auth('muscle'))
  const etag = String(first200.headers.etag ?? '')
  const baseline: Target = { name: 'hello', port: hello.port, method: 'GET', path: '/', headers: {}, expect: 200 }
  const targets: Target[] = [
    { name: 'structured', port, method: 'POST', path: '/v1/recommendations', headers: { ...json, ...auth('structured') }, body: bodies.structured, expect: 200 },
    { name: 'distinct', port, method: 'POST', path: '/v1/recommendations', headers: { ...json, ...auth('structured') }, bodies: bodies.distinct, expect: 200 },
    { name: 'text', port, method: 'POST', path: '/v1/recommendations', headers: { ...json, ...auth('text') }, body: bodies.text, expect: 200 },
    { name: 'muscle', port, method: 'GET', path: musclePath, headers: auth('muscle'), expect: 200 },
    { name: 'notModified', port, method: 'GET', path: musclePath, headers: { ...auth('notModified'), 'if-none-match': etag }, expect: 304 },
  ]
  for (const t of [baseline, ...targets]) {
    const r = await request(t.port, t.method, t.path, t.headers, t.body ?? t.bodies?.[0])
    if (r.status !== t.expect) throw new Error(`pre-flight ${t.method} ${t.path} (${t.name}) answered ${r.status}, expected ${t.expect}: ${r.body.slice(0, 300)}`)
  }
  log(`  every target answers as expected (ETag ${etag})`)

  const httpOpts = { rounds: quick ? 1 : 3, durationS: quick ? 1 : 5, warmupS: 1, connections: 50 }
  phase(`HTTP: autocannon, ${httpOpts.connections} connections, ${httpOpts.rounds} interleaved rounds of ${httpOpts.durationS} s`)
  const http = await interleaved(baseline, targets, httpOpts, log)
  const afterLoad = memoryMb(srv.child.pid!)
  await stop(hello.child)

  phase('shared mode: the same server on PostgreSQL + Redis against this one on SQLite, interleaved')
  const shared = await benchShared(targets.filter((t) => t.name === 'distinct' || t.name === 'muscle'), server.args, { ...httpOpts, logFile: join(tmp, 'shared.log') }, log)
  if ('skipped' in shared) log(`  skipped: ${shared.skipped}`)

  const capacityRps = http.targets.structured!.rps
  const rate = Math.max(1, Math.round(capacityRps / 2))
  const olDuration = quick ? 3 : 30
  const olWarmup = quick ? 1 : 3
  phase(`open loop: structured POST at ${rate} req/s (50 % of ${capacityRps}) for ${olDuration} s, after ${olWarmup} s at that rate not counted`)
  // The server writes its access lines asynchronously: let those of the HTTP phase land first.
  await new Promise((r) => setTimeout(r, 1000))
  const logFrom = statSync(logFile).size
  const ol = await openLoopInChild(targets[0]!, { rate, durationS: olDuration, warmupS: olWarmup, connections: 50, drainMs: 5000 })
  await new Promise((r) => setTimeout(r, 1000))
  const logTo = statSync(logFile).size
  const olServer = serverTimes(logFile, logFrom, logTo)
  log(`  p50 ${ol.p50Ms} ms, p99 ${ol.p99Ms} ms, max ${ol.maxMs} ms; ${ol.completed}/${ol.sent} answered; the server's own p50 ${olServer.serverP50Ms} ms, p99 ${olServer.serverP99Ms} ms`)

  phase('overload: 400 connections')
  const capacity = await overload({ ...targets[0]!, name: 'overload', headers: { ...json, ...auth('overload') } }, 400, quick ? 2 : 5)
  log(`  ${JSON.stringify(capacity.statuses)} p99 ${capacity.p99Ms} ms`)
  const quota = await overload({ ...targets[0]!, name: 'quota', headers: { ...json, authorization: `Bearer ${quotaKey}` } }, 400, quick ? 2 : 3)
  log(`  over quota: ${JSON.stringify(quota.statuses)} p99 ${quota.p99Ms} ms`)
  const peak = memoryMb(srv.child.pid!)
  await stop(srv.child)
  const logLines = await countLines(logFile)
  const foreign = during()

  const cpus = os.cpus()
  const results: Results = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`,
      otherCpuBefore: idleBefore, otherCpuDuring: foreign?.foreignShare ?? null, loadavg1: foreign?.loadavg1 ?? null,
    },
    server: { command: `node ${server.args.join(' ')}`, build: buildNote },
    engine, scoring, rulesEngine, text, hostileText,
    http: { connections: httpOpts.connections, rounds: httpOpts.rounds, durationS: httpOpts.durationS, ...http },
    shared,
    openLoop: { ...ol, capacityRps, ...olServer },
    startup: { firstStartMs: first.readyMs, startsMs: starts.map((s) => s.readyMs), medianMs: median(starts.map((s) => s.readyMs)) },
    memory: { idleMb: idle.rss, afterLoadMb: afterLoad.rss, peakMb: peak.peak },
    overload: { capacity, quota: { ...quota, keyLimitPerMinute: quotaLimit } },
    logLines,
  }
  const list = rows(results)
  log(`\n== results (${results.date}, ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}${quick ? ', QUICK: not for figures' : ''})\n`)
  log(table(list))
  log(`\n${logLines} request log lines written by the server; server: ${results.server.command} (build: ${buildNote})`)
  const disturbed = Math.max(idleBefore ?? 0, foreign?.foreignShare ?? 0)
  if (disturbed > 0.05) log(`WARNING: other processes used up to ${Math.round(disturbed * 100)} % of the CPU during this run; the figures are lower than this machine can do. Run again on a quiet machine.`)
  log(`MISS marks a target not reached; it does not fail the run. Raw figures: bench/results.json`)
  writeResults(join(ROOT, 'bench', 'results.json'), results, list)
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(`bench: failed during ${step}: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
