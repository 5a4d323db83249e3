/**
 * CORS and the CSP as a real browser enforces them: headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) on a page from another origin calls the production server with
 * publishable and secret keys; /docs renders under helmet's CSP. Skipped only without /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listeningPort, spawnServer, tsxRun, type Spawned } from '../helpers/process.js'

const CHROMIUM = '/usr/bin/chromium'
const dir = mkdtempSync(join(tmpdir(), 'nmt-cors-'))

interface Outcome { status?: number; rateLimit?: string | null; requestId?: string | null; code?: string; error?: string }

/** Run fetch inside the page (its origin), reporting what the page may read. */
function call(page: Page, url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Outcome> {
  return page.evaluate(async ({ url, init }) => {
    try {
      const r = await fetch(url, init)
      const body = await r.json() as { code?: string }
      return { status: r.status, rateLimit: r.headers.get('ratelimit'), requestId: r.headers.get('x-request-id'), code: body.code }
    } catch (err) {
      return { error: String(err) }
    }
  }, { url, init })
}

describe.skipIf(!existsSync(CHROMIUM))('CORS and CSP in Chromium', () => {
  let pages: Server
  let api: Spawned
  let base: string
  let browser: Browser
  let allowed: string
  let keys: { pk: string; sk: string }

  beforeAll(async () => {
    pages = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>partner</title>'))
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve))
    const port = (pages.address() as AddressInfo).port
    allowed = `http://127.0.0.1:${port}`
    const env = { DATABASE_PATH: join(dir, 'nmt.db') }
    const [pk, sk] = await Promise.all([
      tsxRun('src/cli/keys.ts', ['create', '--name', 'partner page', '--type', 'publishable', '--origins', allowed], env),
      tsxRun('src/cli/keys.ts', ['create', '--name', 'partner server', '--type', 'secret'], env),
    ])
    keys = { pk: /^pk_\S+$/m.exec(pk.stdout)![0], sk: /^sk_\S+$/m.exec(sk.stdout)![0] }
    // Load shedding off: on a loaded test machine a stalled event loop would answer the page's fetches 503.
    api = spawnServer({ ...env, NMT_ENV: 'production', MAX_EVENT_LOOP_DELAY_MS: '0' })
    ;[base, browser] = await Promise.all([
      listeningPort(api).then((p) => `http://127.0.0.1:${p}`),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] }),
    ])
  })

  afterAll(async () => {
    await browser?.close()
    api?.child.kill('SIGTERM')
    await api?.exited
    pages?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function pageAt(origin: string): Promise<Page> {
    const page = await browser.newPage()
    await page.goto(`${origin}/`)
    return page
  }

  it('lets a page on an allowed origin call the widget endpoints with its publishable key, through a preflight', async () => {
    const page = await pageAt(allowed)
    const post = await call(page, `${base}/v1/recommendations`, {
      method: 'POST', headers: { authorization: `Bearer ${keys.pk}`, 'content-type': 'application/json', 'x-request-id': 'from-the-page' },
      body: JSON.stringify({ text: 'stabbing heel pain with my first steps' }),
    })
    expect(post).toMatchObject({ status: 200, requestId: 'from-the-page' })
    expect(post.rateLimit).toMatch(/^"default";r=\d+;t=\d+$/)
    const refused = await call(page, `${base}/v1/muscles`, { headers: { authorization: `Bearer ${keys.pk}` } })
    expect(refused).toMatchObject({ status: 403, code: 'NMT_ERR_FORBIDDEN' })
    await page.close()
  })

  it('refuses a secret key from the browser, readably on an allowed page', async () => {
    const page = await pageAt(allowed)
    expect(await call(page, `${base}/v1/regions`, { headers: { authorization: `Bearer ${keys.sk}` } })).toMatchObject({ status: 403, code: 'NMT_ERR_FORBIDDEN' })
    await page.close()
  })

  it('gives a page on any other origin nothing it can read, even with the publishable key', async () => {
    const page = await pageAt(allowed.replace('127.0.0.1', 'localhost'))
    const res = await call(page, `${base}/v1/recommendations`, {
      method: 'POST', headers: { authorization: `Bearer ${keys.pk}`, 'content-type': 'application/json' }, body: '{"text":"heel"}',
    })
    expect(res.error).toMatch(/Failed to fetch/)
    await page.close()
  })

  it('renders /docs under the security headers without a CSP violation', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()) })
    await page.goto(`${base}/docs`)
    await expect.poll(() => page.locator('.swagger-ui .info .title').count(), { timeout: 120_000, interval: 50 }).toBe(1)
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 120_000, interval: 50 }).toBeGreaterThan(10)
    expect(violations).toEqual([])
    await page.close()
  })
})
