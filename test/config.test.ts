import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({ port: 3000, host: '127.0.0.1', databasePath: './data/nmt.db', logLevel: 'info' })
  })

  it('reads every variable', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/var/lib/nmt/nmt.db', LOG_LEVEL: 'warn' }))
      .toEqual({ port: 8080, host: '0.0.0.0', databasePath: '/var/lib/nmt/nmt.db', logLevel: 'warn' })
  })

  it.each([
    ['PORT', 'abc'], ['PORT', '70000'], ['PORT', '-1'], ['PORT', '80.5'], ['LOG_LEVEL', 'loud'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(`${name}="${value}" is invalid`))
  })

  it('names every bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'chatty' })
      expect.unreachable('loadConfig should throw')
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      expect((err as ConfigError).problems).toHaveLength(2)
      expect((err as ConfigError).message).toMatch(/PORT.*\n.*LOG_LEVEL/)
    }
  })
})
