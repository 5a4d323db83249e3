/**
 * Headless Chromium for the widget's browser tests: Debian's /usr/bin/chromium driven by
 * playwright-core (no browser is ever downloaded), and the demo page opened with a record of what the
 * browser asked for, what it logged and what it posted.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { expect } from 'vitest'

export const CHROMIUM = '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** A persistent context in a fresh profile folder (returned, for removal). */
export async function launchChromium(): Promise<{ context: BrowserContext; userDataDir: string }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'nmt-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  return { context, userDataDir }
}

export interface DemoPage { page: Page; foreign: string[]; consoleText: string[]; bodies: unknown[] }

/**
 * A fresh page on the demo that records what the browser asks for and what the page logs. Requests
 * to any origin but `base` are aborted and recorded. `demoHtml` replaces the demo page (same CSP).
 */
export async function openDemo(context: BrowserContext, base: string, options: { viewport?: { width: number; height: number }; demoHtml?: (html: string) => string } = {}): Promise<DemoPage> {
  const page = await context.newPage()
  await page.setViewportSize(options.viewport ?? { width: 1024, height: 768 })
  const foreign: string[] = []
  const consoleText: string[] = []
  const bodies: unknown[] = []
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.origin !== base) {
      foreign.push(url.href)
      return route.abort()
    }
    if (url.pathname === '/demo' && options.demoHtml) {
      const res = await route.fetch()
      return route.fulfill({ response: res, body: options.demoHtml(await res.text()) })
    }
    return route.fallback()
  })
  page.on('console', (m) => consoleText.push(m.text()))
  page.on('request', (r) => { if (r.method() === 'POST') bodies.push(r.postDataJSON()) })
  await page.goto(`${base}/demo`)
  return { page, foreign, consoleText, bodies }
}

/**
 * Wait for the UI, not the clock: retry until it matches (the first answer builds the server's
 * indexes). The timeout only catches a hang, on however loaded a machine.
 */
const POLL_HANG_GUARD_MS = 120_000
export const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: POLL_HANG_GUARD_MS, interval: 50 })
export const launcher = (page: Page) => page.getByRole('button', { name: 'Where does it hurt?' })
export const lastBot = (page: Page) => page.locator('.msg.bot').last()

export async function ask(page: Page, text: string): Promise<void> {
  await page.getByLabel('Describe your pain').fill(text)
  await page.getByLabel('Describe your pain').press('Enter')
}
