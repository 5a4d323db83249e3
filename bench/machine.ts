/**
 * How busy the machine was with work that is not the benchmark's: CPU time of the whole machine
 * (/proc/stat) minus that of this process and its waited-for children (/proc/self/stat), so a run
 * disturbed by other processes says so next to its figures. Linux only; null elsewhere.
 */
import { readFileSync } from 'node:fs'
import os from 'node:os'

interface Snapshot {
  at: number
  busy: number
  own: number
}

function snapshot(): Snapshot | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu
    const self = readFileSync('/proc/self/stat', 'utf8')
    const f = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number)
    // Fields 14-17 of /proc/self/stat (utime, stime, cutime, cstime) are at 11-14 after the name.
    const own = f[11]! + f[12]! + f[13]! + f[14]!
    return { at: performance.now(), busy: user + nice + system + irq + softirq + steal, own }
  } catch {
    return null
  }
}

/** Start measuring; call the returned function (after every child has exited) for the share. */
export function foreignCpu(): () => { foreignShare: number; loadavg1: number } | null {
  const start = snapshot()
  return () => {
    const end = snapshot()
    if (!start || !end) return null
    const ticksPerSecond = 100
    const capacity = ((end.at - start.at) / 1000) * ticksPerSecond * os.cpus().length
    const foreign = Math.max(0, (end.busy - start.busy) - (end.own - start.own))
    return { foreignShare: Math.round((foreign / capacity) * 1000) / 1000, loadavg1: Math.round(os.loadavg()[0]! * 100) / 100 }
  }
}

/** Share of the machine's CPU used over `ms` before the benchmark starts anything (should be ~0). */
export async function idleCheck(ms = 1000): Promise<number | null> {
  const done = foreignCpu()
  await new Promise((r) => setTimeout(r, ms))
  return done()?.foreignShare ?? null
}
