import supertest from 'supertest'
import { describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../../src/http/app.js'
import pino from 'pino'
import type { FastifyBaseLogger } from 'fastify'
import { ACCESS_FLUSH_MS, ACCESS_MAX_PENDING, accessLog, lazyChildLogger, loggerOptions } from '../../../src/http/support/logger.js'
import { TEST_CONFIG } from '../../helpers/app.js'

describe('the access log', () => {
  it(`hands lines to the destination together, ${ACCESS_FLUSH_MS} ms after the first at most, at once when ${ACCESS_MAX_PENDING} wait, and on demand`, () => {
    vi.useFakeTimers()
    try {
      const writes: string[] = []
      const log = accessLog('info', { write: (s: string) => writes.push(s) })
      expect(log.enabled).toBe(true)
      log.write('a\n')
      vi.advanceTimersByTime(ACCESS_FLUSH_MS - 1)
      log.write('b\n')
      expect(writes).toEqual([])
      vi.advanceTimersByTime(1)
      expect(writes).toEqual(['a\nb\n'])
      log.write('c\n')
      log.flush()
      expect(writes).toEqual(['a\nb\n', 'c\n'])
      vi.advanceTimersByTime(ACCESS_FLUSH_MS)
      expect(writes).toHaveLength(2)
      for (let i = 0; i < ACCESS_MAX_PENDING; i++) log.write(`${i}\n`)
      expect(writes).toHaveLength(3)
      expect(writes[2]!.split('\n')).toHaveLength(ACCESS_MAX_PENDING + 1)
      vi.advanceTimersByTime(ACCESS_FLUSH_MS)
      expect(writes).toHaveLength(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it.each([['warn', false], ['silent', false], ['error', false], ['info', true], ['debug', true], ['trace', true]])('at LOG_LEVEL=%s writes access lines: %s', (level, enabled) => {
    expect(accessLog(level, { write: () => undefined }).enabled).toBe(enabled)
  })
})

describe('the per-request logger', () => {
  function parent(level: string): { log: FastifyBaseLogger; lines: Record<string, unknown>[]; children: () => number } {
    const lines: Record<string, unknown>[] = []
    const log = pino(loggerOptions(level), { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) })
    let made = 0
    const child = log.child
    log.child = function (this: typeof log, ...args: Parameters<typeof child>) {
      made++
      return child.apply(this, args)
    } as typeof log.child
    return { log, lines, children: () => made }
  }

  it('makes no pino child until the request logs, then logs with its request id and the parent\'s level', () => {
    const p = parent('info')
    const log = lazyChildLogger(p.log, { reqId: 'r-1' }, {})
    expect(log.level).toBe('info')
    expect(p.children()).toBe(0)
    log.debug('below the level')
    log.warn({ authorization: 'Bearer sk_secret' }, 'careful')
    log.error(new Error('boom'))
    expect(p.children()).toBe(1)
    expect(p.lines.map((l) => [l.level, l.reqId, l.msg])).toEqual([[40, 'r-1', 'careful'], [50, 'r-1', 'boom']])
    // Redaction is the parent's: a credential never reaches the log.
    expect(JSON.stringify(p.lines)).not.toContain('sk_secret')
    const grandchild = log.child({ step: 'x' })
    grandchild.info('from a child')
    expect(p.lines.at(-1)).toMatchObject({ reqId: 'r-1', step: 'x', msg: 'from a child' })
  })

  it('makes pino\'s child at once when the route sets its own level', () => {
    const p = parent('info')
    const log = lazyChildLogger(p.log, { reqId: 'r-2' }, { level: 'debug' })
    expect(p.children()).toBe(1)
    log.debug('now logged')
    expect(p.lines).toEqual([expect.objectContaining({ level: 20, reqId: 'r-2', msg: 'now logged' })])
  })
})

describe('request logging in the app', () => {
  it('makes a request\'s logger only when that request logs (here: an unhandled error), bound to its request id', async () => {
    const app = await buildApp(TEST_CONFIG)
    app.get('/boom', () => {
      throw new Error('a bug')
    })
    await app.ready()
    try {
      const child = vi.spyOn(app.log, 'child')
      const http = supertest(app.server)
      await http.get('/health').expect(200)
      await http.get('/v1/muscles/upper-trapezius').expect(200)
      expect(child).not.toHaveBeenCalled()
      const res = await http.get('/boom').set('x-request-id', 'boom-1').expect(500)
      expect(res.body.requestId).toBe('boom-1')
      expect(child).toHaveBeenCalledTimes(1)
      expect(child.mock.calls[0]![0]).toEqual({ reqId: 'boom-1' })
    } finally {
      await app.close()
    }
  })
})
