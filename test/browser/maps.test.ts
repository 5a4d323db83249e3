/**
 * The pain maps in headless Chromium (Debian's /usr/bin/chromium via playwright-core; no browser is
 * downloaded) against the real server process: every chart view and several muscle maps rendered and
 * saved as screenshots to test-artifacts/maps/, and every region shape visible and tappable (the
 * element at its centre is the shape itself, not one drawn over it). Skipped only without Chromium.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/kb/paths.js'
import { VIEW_IDS } from '../../src/maps/types.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts', 'maps')
const MUSCLES = [['upper-trapezius', 'right'], ['temporalis', 'left'], ['infraspinatus', 'right'], ['soleus', 'both'], ['gluteus-medius', 'left'], ['adductor-pollicis', 'right']] as const

// Browser globals, used only inside page.evaluate callbacks (they run in Chromium, not in Node).
interface Shape { getAttribute(name: string): string | null; getBoundingClientRect(): { x: number; y: number; width: number; height: number } }
declare const document: { querySelectorAll(s: string): ArrayLike<Shape>; elementFromPoint(x: number, y: number): Shape | null; querySelector(s: string): { textContent: string } | null }
declare const getComputedStyle: (e: Shape) => { visibility: string; display: string; opacity: string }

/** For every region shape: is it rendered, and is it what a tap at its centre hits? */
function shapesAtTheirCentres(page: Page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('[data-region]')).map((el) => {
    const r = el.getBoundingClientRect()
    const style = getComputedStyle(el)
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
    return {
      name: `${el.getAttribute('data-region')}/${el.getAttribute('data-side') ?? 'midline'}`,
      visible: r.width > 0 && r.height > 0 && style.visibility === 'visible' && style.display !== 'none' && style.opacity !== '0',
      hitsItself: hit === el,
      hit: hit ? `${hit.getAttribute('data-region')}/${hit.getAttribute('data-side')}` : null,
    }
  }))
}

describe.skipIf(!existsSync(CHROMIUM))('pain maps in Chromium', () => {
  let server: ServerProcess
  let browser: Browser
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    ;[server, browser] = await Promise.all([
      startServerProcess(),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] }),
    ])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it.each(VIEW_IDS.map((v) => [v]))('renders the %s chart with every region shape visible and tappable at its centre', async (view) => {
    const page = await browser.newPage({ viewport: { width: 400, height: 640 }, deviceScaleFactor: 2 })
    const res = await page.goto(`${server.base}/v1/regions/map.svg?view=${view}`)
    expect(res?.headers()['content-type']).toBe('image/svg+xml; charset=utf-8')
    const shapes = await shapesAtTheirCentres(page)
    expect(shapes.length).toBeGreaterThan(4)
    expect(shapes.filter((s) => !s.visible)).toEqual([])
    expect(shapes.filter((s) => !s.hitsItself)).toEqual([])
    // A full-page screenshot of a bare SVG document never settles in headless Chromium: the viewport is big enough.
    await page.screenshot({ path: join(ARTIFACTS, `chart-${view}.png`) })
    await page.close()
  })

  it.each(MUSCLES.map(([id, side]) => [id, side]))('renders the map of %s (%s) with its zones shaded and trigger points marked', async (id, side) => {
    const page = await browser.newPage({ viewport: { width: 480, height: 1400 } })
    await page.goto(`${server.base}/v1/muscles/${id}/map.svg?side=${side}`)
    expect(await page.locator('[data-zone="essential"]').count()).toBeGreaterThan(0)
    expect(await page.locator('[data-trigger-point]').count()).toBeGreaterThan(0)
    for (const marker of await page.locator('[data-trigger-point] circle').all()) expect(await marker.isVisible()).toBe(true)
    expect(await page.evaluate(() => document.querySelector('desc')?.textContent ?? '')).toMatch(/Essential zones, shaded solid/)
    await page.screenshot({ path: join(ARTIFACTS, `muscle-${id}-${side}.png`) })
    await page.close()
  })

  it('renders an overview legibly at 320 px wide', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } })
    await page.setContent(`<img alt="" style="width:320px;height:auto" src="${server.base}/v1/recommendations/map.svg?regions=temple:right,heel:left&muscles=upper-trapezius:right,soleus:left">`)
    const img = page.locator('img')
    await expect.poll(() => img.evaluate((i: { complete: boolean; naturalWidth: number }) => i.complete && i.naturalWidth > 0), { timeout: 120_000, interval: 50 }).toBe(true)
    const box = await img.boundingBox()
    expect(box!.width).toBe(320)
    await page.screenshot({ path: join(ARTIFACTS, 'overview-320px.png'), fullPage: true })
    await page.close()
  })
})
