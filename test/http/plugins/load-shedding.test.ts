/**
 * Load shedding means what MAX_EVENT_LOOP_DELAY_MS says (issue 14, item 1): a stall below the
 * threshold sheds nothing, one above it sheds, and the loop measured after a stall longer than a
 * sample period (when the delay histogram holds no probe) is the stall, not "infinite".
 * The loop is blocked for real, in this process; the sampler's timer is driven by the test (fake
 * setInterval only), so no outcome depends on when a timer happens to fire.
 */
import { performance } from 'node:perf_hooks'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { loopDelayMs, SAMPLE_MS } from '../../../src/http/plugins/setup/hardening.js'
import { testApp } from '../../helpers/app.js'

/** Hold the event loop for at least `ms`. */
function block(ms: number): void {
  const end = performance.now() + ms
  let spins = 0
  while (performance.now() < end) spins++
  expect(spins).toBeGreaterThan(0)
}

/** Let the loop turn a few times for real (the delay histogram probes every 10 ms). */
const turns = (): Promise<void> => new Promise((r) => setTimeout(r, 50))

describe('the event-loop delay of a sample', () => {
  it.each([
    ['probes only', 25e6, 40, 0, 15],
    ['no probe at all (the loop was held all period): the sampler\'s lateness, not infinity', NaN, 0, 1100, 1100],
    ['a late sampler outweighs diluted probes', 12e6, 40, 600, 600],
    ['an early sampler counts nothing', 10e6, 40, -3, 0],
  ])('%s', (_label, meanNs, probes, lateMs, expected) => {
    expect(loopDelayMs(meanNs, probes, lateMs)).toBe(expected)
  })
})

describe('load shedding on event-loop delay', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }) })
  afterEach(() => { vi.useRealTimers() })

  async function armed(maxEventLoopDelayMs: number): ReturnType<typeof testApp> {
    const t = await testApp({ maxEventLoopDelayMs })
    // Shedding arms after two samples.
    for (let i = 0; i < 3; i++) {
      await turns()
      vi.advanceTimersByTime(SAMPLE_MS)
    }
    expect(t.app.loadShedding.shedding).toBeNull()
    return t
  }

  it('does not shed for a 1.1 s stall when MAX_EVENT_LOOP_DELAY_MS=60000, and measures the stall', async () => {
    const { app, http } = await armed(60_000)
    try {
      block(1100)
      vi.advanceTimersByTime(SAMPLE_MS)
      // The sample came due during the stall and ran at least 1100 - SAMPLE_MS late.
      expect(app.loadShedding.delayMs).toBeGreaterThanOrEqual(1100 - SAMPLE_MS)
      expect(app.loadShedding.shedding).toBeNull()
      await http.get('/v1/regions').expect(200)
      await turns()
      vi.advanceTimersByTime(SAMPLE_MS)
      expect(app.loadShedding.shedding).toBeNull()
      await http.get('/v1/regions').expect(200)
    } finally {
      await app.close()
    }
  })

  it('sheds for a stall above the threshold (503 with Retry-After, /health and /metrics kept), and stops once the loop is back', async () => {
    const { app, http } = await armed(300)
    try {
      block(1500)
      vi.advanceTimersByTime(SAMPLE_MS)
      expect(app.loadShedding.shedding).toBe('event loop delay')
      const res = await http.get('/v1/regions').expect(503)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.headers['retry-after']).toBe('10')
      expect(res.body).toMatchObject({ code: 'NMT_ERR_OVERLOADED', status: 503 })
      await http.get('/health').expect(200)
      expect((await http.get('/metrics').expect(200)).text).toMatch(/^nmt_load_shedding 1$/m)
      // Two periods of an idle loop: the first may still hold the stall's own probe, the second cannot.
      for (let i = 0; i < 2; i++) {
        await turns()
        vi.advanceTimersByTime(SAMPLE_MS)
      }
      expect(app.loadShedding.shedding).toBeNull()
      await http.get('/v1/regions').expect(200)
    } finally {
      await app.close()
    }
  })
})
