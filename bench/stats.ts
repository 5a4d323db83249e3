/**
 * Small statistics helpers shared by the benchmarks: percentiles over sorted samples and a
 * fixed-capacity sample buffer, so no loop grows memory without bound.
 */

/** The q-quantile (0..1) of numbers, nearest-rank on a sorted copy; NaN for no samples. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length
  if (n === 0) return Number.NaN
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!
}

export const median = (values: ArrayLike<number>): number => quantile(values, 0.5)

/** Collects up to `capacity` samples; later ones are counted but not kept. */
export class Samples {
  private readonly buf: Float64Array
  private n = 0
  count = 0

  constructor(capacity: number) {
    this.buf = new Float64Array(capacity)
  }

  add(v: number): void {
    this.count++
    if (this.n < this.buf.length) this.buf[this.n++] = v
  }

  values(): Float64Array {
    return this.buf.subarray(0, this.n)
  }

  q(p: number): number {
    return quantile(this.values(), p)
  }
}

/** Round to `d` decimals (for the table and results.json). */
export function round(v: number, d = 2): number {
  const f = 10 ** d
  return Math.round(v * f) / f
}
