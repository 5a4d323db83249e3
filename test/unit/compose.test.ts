/**
 * compose.yaml (no Docker engine here): what it would run is checked against what the tests run.
 * Each API service's environment, with the image's own (Dockerfile ENV), is a valid configuration in
 * shared mode (the multi-instance test runs that mode with three processes); every service has a
 * health check; the proxy balances over exactly the API services and checks their /ready; the image
 * is built and run on one supported LTS Node release and ships the PostgreSQL migrations.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadConfig } from '../../src/config.js'

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
interface Service { image?: string; build?: string; environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }> }
const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> }
const dockerfile = read('Dockerfile')
const caddyfile = read('deploy/Caddyfile')

/** The runtime stage's ENV, as the container starts with it. */
function imageEnv(): Record<string, string> {
  const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'))
  const block = /^ENV ((?:.*\\\n)*.*)$/m.exec(runtime)![1]!.replace(/\\\n/g, ' ')
  return Object.fromEntries([...block.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]))
}

/** Compose's ${VAR:-default}, with the defaults. */
const interpolate = (v: string): string => v.replace(/\$\{\w+:-([^}]*)\}/g, '$1')

describe('compose.yaml', () => {
  const apis = Object.entries(compose.services).filter(([, s]) => s.build === '.')

  it('runs three API instances of this image in shared mode, each a valid configuration', () => {
    expect(apis.map(([name]) => name)).toEqual(['api1', 'api2', 'api3'])
    for (const [name, s] of apis) {
      const env = { ...imageEnv(), ...Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))])) }
      const config = loadConfig(env)
      expect(config, name).toMatchObject({ nmtEnv: 'production', host: '0.0.0.0', port: 3000, trustProxy: 1 })
      expect(config.databaseUrl, name).toMatch(/^postgres:\/\/nmt:[^@]+@postgres:5432\/nmt$/)
      expect(config.redisUrl, name).toBe('redis://redis:6379')
      expect(s.healthcheck?.test.join(' '), name).toContain('/ready')
      expect(s.depends_on, name).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } })
    }
  })

  it('runs PostgreSQL, Redis and the proxy from official images, every service with a health check', () => {
    expect(compose.services.postgres!.image).toMatch(/^postgres:\d+$/)
    expect(compose.services.redis!.image).toMatch(/^redis:\d+$/)
    expect(compose.services.proxy!.image).toMatch(/^caddy:\d+$/)
    for (const [name, s] of Object.entries(compose.services)) expect(s.healthcheck?.test.length, name).toBeGreaterThan(0)
  })

  it('balances over exactly the API services, taking out any whose /ready fails', () => {
    const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddyfile)![1]!.trim().split(/\s+/)
    expect(upstreams).toEqual(apis.map(([name]) => `${name}:3000`))
    expect(caddyfile).toMatch(/health_uri \/ready/)
  })

  it('builds and runs the image on one Node release, a supported LTS one', () => {
    // Both stages FROM the one ARG: better-sqlite3's native module must run on the Node it was built for.
    expect(dockerfile.match(/^FROM .*$/gm)).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE} AS runtime'])
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m)
  })

  it('ships the PostgreSQL migrations in the image', () => {
    expect(dockerfile).toMatch(/^COPY .*migrations-pg \.\/migrations-pg$/m)
  })
})
