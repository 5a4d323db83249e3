import { describe, expect, it } from 'vitest'
import { accessLog } from '../src/logger.js'

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('the access log', () => {
  it('hands the lines of one event-loop turn to the destination in one write, and flushes on demand', async () => {
    const writes: string[] = []
    const log = accessLog('info', { write: (s: string) => writes.push(s) })
    expect(log.enabled).toBe(true)
    log.write('a\n')
    log.write('b\n')
    expect(writes).toEqual([])
    await nextTurn()
    expect(writes).toEqual(['a\nb\n'])
    log.write('c\n')
    log.flush()
    expect(writes).toEqual(['a\nb\n', 'c\n'])
    await nextTurn()
    expect(writes).toHaveLength(2)
  })

  it.each([['warn', false], ['silent', false], ['error', false], ['info', true], ['debug', true], ['trace', true]])('at LOG_LEVEL=%s writes access lines: %s', (level, enabled) => {
    expect(accessLog(level, { write: () => undefined }).enabled).toBe(enabled)
  })
})
