import { defineConfig } from 'vitest/config'

/**
 * Four projects, by what a test needs (`npm run test:<name>` runs one; `npm test` runs all):
 * - unit: the engine, the reader, the knowledge base, the maps and other pure code; no server, no process
 * - http: the app built in process (buildApp + supertest) on in-memory SQLite, and PostgreSQL/Redis
 *   where the shared-mode tests need them
 * - process: the real entry points as child processes (server, CLIs, drizzle-kit)
 * - browser: headless Chromium against a spawned server
 *
 * The timeouts only catch a hang: no test may pass or fail on how fast a loaded machine is. A test
 * waits for what it needs (an exit, a log line, an answer), never for a set time.
 */
const HANG_GUARD_MS = 5 * 60_000

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
    projects: [
      // Pure code holds no state between files, so one module cache per worker serves them all (a third less CPU).
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'http', include: ['test/http/**/*.test.ts'] } },
      { extends: true, test: { name: 'process', include: ['test/process/**/*.test.ts'] } },
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'] } },
    ],
  },
})
