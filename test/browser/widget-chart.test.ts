/**
 * The widget's body chart and its failure handling in headless Chromium, against the real server
 * process: tapping two regions and getting a result with its map, the chart by keyboard alone, a
 * friendly message (and the reason in the console only) for a wrong key, a server error and a
 * network failure, and a question whenever no muscle stands out. Screenshots go to test-artifacts/.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/kb/paths.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ask, CHROMIUM, lastBot, launcher, launchChromium, openDemo, poll } from '../helpers/widget-page.js'

// Browser globals, used only inside page.evaluate callbacks (they run in Chromium, not in Node).
interface Focusable { shadowRoot: { activeElement: { getAttribute(n: string): string | null; textContent: string } | null } | null }
declare const document: { activeElement: Focusable | null }

const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts')
const UNAVAILABLE = 'Sorry, the pain helper is not available right now. Please try again later, or contact the clinic directly.'
const TYPED = 'my heel hurts when I walk'

let server: ServerProcess
let context: BrowserContext
let userDataDir: string

/** The element focused inside the widget: its region and side for a chart shape, else its text. */
const focused = (page: Page) => page.evaluate(() => {
  const inner = document.activeElement?.shadowRoot?.activeElement
  if (!inner) return null
  const region = inner.getAttribute('data-region')
  return region ? `${region}/${inner.getAttribute('data-side') ?? 'midline'}` : inner.textContent
})

describe.skipIf(!existsSync(CHROMIUM))('the widget body chart and its failures in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    let browser: Awaited<ReturnType<typeof launchChromium>>
    ;[server, browser] = await Promise.all([startServerProcess(), launchChromium()])
    ;({ context, userDataDir } = browser)
  })
  afterAll(async () => {
    await context?.close()
    await server?.stop()
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true })
  })

  it('takes two taps on the chart, sends them as structured complaints, and shows the overview map with the result', async () => {
    const { page, bodies, foreign } = await openDemo(context, server.base)
    await launcher(page).click()
    await page.getByRole('button', { name: 'Body chart' }).click()
    const temple = page.locator('[data-region="temple"][data-side="right"]')
    await temple.click()
    expect(await temple.getAttribute('aria-checked')).toBe('true')
    await page.getByRole('button', { name: 'Soles', exact: true }).click()
    const heel = page.locator('[data-region="heel"][data-side="left"]')
    await heel.click()
    await poll(() => page.locator('.picked .unpick').allTextContents()).toEqual(['Temple (right)✕', 'Heel (left)✕'])
    await page.screenshot({ path: join(ARTIFACTS, 'widget-chart.png') })
    // a tap toggles: the heel off and on again
    await heel.click()
    expect(await heel.getAttribute('aria-checked')).toBe('false')
    await heel.click()

    await page.getByRole('button', { name: 'Send' }).click()
    await poll(() => bodies.length).toBe(1)
    expect(bodies[0]).toEqual({ answers: {}, limit: 5, complaints: [{ region: 'temple', side: 'right' }, { region: 'heel', side: 'left' }] })
    const result = lastBot(page)
    await poll(() => result.locator('.muscles li').count()).toBeGreaterThan(0)
    const map = result.locator('.map img')
    await poll(() => map.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0)).toBe(true)
    expect(await map.getAttribute('src')).toMatch(/^blob:/)
    expect(await map.getAttribute('alt')).toMatch(/^Where it hurts, shaded: Temple \(right\); Heel \(left\)\. Trigger points of the muscles to work/)
    await map.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(ARTIFACTS, 'widget-chart-result.png') })
    expect(foreign).toEqual([])
    await page.close()
  })

  it('works by keyboard alone: one tab stop in the chart, arrows between shapes, Space to mark, Escape back to the chat', async () => {
    const { page, bodies } = await openDemo(context, server.base)
    await launcher(page).click()
    await page.getByRole('button', { name: 'Body chart' }).focus()
    await page.keyboard.press('Enter')
    expect(await focused(page)).toBe('Front')
    // The chart's shapes arrive with the drawing (fetched): tab only once they are there, or Tab
    // passes over an empty chart (a load on the machine made it so once).
    await poll(() => page.locator('.svgwrap [data-region][tabindex="0"]').count()).toBe(1)
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('vertex/midline')
    await page.keyboard.press('ArrowRight')
    const shape = await focused(page)
    expect(shape).toMatch(/^forehead\/(left|right)$/)
    await page.keyboard.press('Space')
    await poll(() => page.locator('.picked .unpick').count()).toBe(1)
    await page.keyboard.press('Escape')
    expect(await page.locator('.chart').isHidden()).toBe(true)
    await page.keyboard.type('worse at my desk')
    await page.keyboard.press('Enter')
    await poll(() => bodies.length).toBe(1)
    expect(bodies[0]).toMatchObject({ text: 'worse at my desk', complaints: [{ region: 'forehead', side: shape!.split('/')[1] }] })
    await page.close()
  })

  it.each([
    ['a wrong key', (html: string) => html.replace('<script src="/widget.js"', `<script src="/widget.js" data-api-key="pk_${'x'.repeat(32)}"`), null, /HTTP 401 from .*\/v1\/recommendations \(NMT_ERR_UNAUTHORIZED/],
    ['a server error', null, { status: 500, contentType: 'application/problem+json', body: '{"code":"NMT_ERR_INTERNAL","detail":"Internal server error"}' }, /HTTP 500 from .*\/v1\/recommendations \(NMT_ERR_INTERNAL/],
    ['a network failure', null, 'abort', /network error .* calling .*\/v1\/recommendations/],
  ] as const)('shows a friendly message for %s and logs the reason, never the words typed, to the console', async (_what, demoHtml, answer, reason) => {
    const { page, consoleText } = await openDemo(context, server.base, demoHtml ? { demoHtml } : {})
    if (answer === 'abort') await page.route('**/v1/recommendations', (route) => route.abort('connectionrefused'))
    else if (answer) await page.route('**/v1/recommendations', (route) => route.fulfill(answer))
    await launcher(page).click()
    await ask(page, TYPED)
    await poll(() => lastBot(page).locator('p').first().textContent()).toBe(UNAVAILABLE)
    expect(await lastBot(page).getByRole('button', { name: 'Try again' }).isVisible()).toBe(true)
    expect(await lastBot(page).textContent()).not.toMatch(/NMT_ERR|HTTP|40\d|50\d|API key/)
    await poll(() => consoleText.join('\n')).toMatch(reason)
    expect(consoleText.join('\n')).not.toContain('heel')
    await page.close()
  })

  it('never leaves "no muscle stands out yet" without a question, and the question leads to the chart', async () => {
    const { page } = await openDemo(context, server.base)
    await launcher(page).click()
    for (const text of ['tingling', 'pain']) {
      await ask(page, text)
      const result = lastBot(page)
      await poll(() => result.locator('.q').count()).toBeGreaterThan(0)
      if (await result.locator('.muscles').count() === 0) expect(await result.locator('.q button').count()).toBeGreaterThan(0)
    }
    const where = lastBot(page).getByRole('button', { name: 'Show me on the body chart' })
    if (await where.count()) {
      await where.click()
      expect(await page.locator('.chart').isVisible()).toBe(true)
    }
    await page.screenshot({ path: join(ARTIFACTS, 'widget-no-muscle.png') })
    await page.close()
  })
})
