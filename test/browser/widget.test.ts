/**
 * End-to-end tests of the chat widget in headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core; no browser is ever downloaded) against the real server process, in its default
 * open mode. Screenshots go to test-artifacts/. Skipped only when /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/kb/paths.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ask, CHROMIUM, lastBot, launcher, launchChromium, openDemo as openPage, poll } from '../helpers/widget-page.js'

const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) console.warn(`widget browser tests skipped: ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run installs it)`)

// Browser globals, used only inside page.evaluate callbacks (they run in Chromium, not in Node).
interface El { tagName: string; className: string; scrollWidth: number; clientWidth: number; shadowRoot: Root | null }
interface Root { activeElement: El | null; querySelector(selector: string): El | null }
declare const document: Root & { documentElement: El; cookie: string }
declare const localStorage: { length: number }
declare const sessionStorage: { length: number }

const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts')
const HEEL = 'stabbing pain in my right heel with my first steps in the morning'
const RED_FLAG = 'the worst headache of my life came on suddenly'

let server: ServerProcess
let context: BrowserContext
let userDataDir: string

const openDemo = (viewport?: { width: number; height: number }): ReturnType<typeof openPage> => openPage(context, server.base, viewport ? { viewport } : {})

describe.skipIf(!hasChromium)('the chat widget in Chromium', () => {
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

  it('understands a complaint, says in plain words why each muscle is listed, and updates the result in place when a question is answered', async () => {
    const { page, foreign, consoleText, bodies } = await openDemo()
    await launcher(page).click()
    await ask(page, HEEL)
    const chips = lastBot(page).locator('.chips li')
    await poll(() => chips.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Heel/)]))
    expect((await chips.allTextContents()).length).toBeGreaterThanOrEqual(3)
    const understood = await chips.allTextContents()
    await poll(() => lastBot(page).locator('.muscles li').count()).toBeGreaterThan(0)

    expect(await lastBot(page).locator('.muscles li .why').first().textContent()).toMatch(/^Commonly sends pain to your heel/)
    // Every muscle listed says why in plain words (one lying in the heel: "Lies in your heel...").
    expect(await lastBot(page).locator('.muscles li .why').count()).toBe(await lastBot(page).locator('.muscles li').count())
    const botMessages = await page.locator('.msg.bot').count()

    const question = lastBot(page).locator('.q').first()
    const asked = await question.locator('p').textContent()
    await question.getByRole('button', { name: 'No', exact: true }).click()
    await poll(() => bodies.length).toBe(2)
    const second = bodies[1] as { text: string; answers: Record<string, string>; limit: number }
    expect(second.text).toBe(HEEL)
    expect(Object.values(second.answers)).toEqual(['no'])
    expect(second.limit).toBe(5)

    // the same result, updated where it was: no second copy below it
    await poll(() => page.locator('.answered li').allTextContents()).toEqual([`${asked} No`])
    expect(await page.locator('.msg.bot').count()).toBe(botMessages)
    const result = lastBot(page)
    await poll(() => result.locator('.muscles li').count()).toBeGreaterThan(0)
    expect(await result.locator('.muscles li .why').first().textContent()).toMatch(/sends pain to|often/i)
    expect(await result.textContent()).toMatch(/not a diagnosis/)
    expect(await result.textContent()).not.toMatch(/referral zone|Decision support for trained therapists/)
    expect(await result.getByRole('link', { name: 'Book an appointment' }).getAttribute('href')).toBe('https://clinic.example/book')
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className)).toMatch(/msg bot/)
    await page.screenshot({ path: join(ARTIFACTS, 'widget-complaint.png') })

    expect(foreign).toEqual([])
    expect(consoleText.join('\n')).not.toContain('heel')
    // Checked last, so the widget's own behaviour above is tested whatever the reader makes of "my right heel".
    expect(understood).toContain('Heel (right)')
    expect(consoleText.join('\n')).not.toMatch(/Content Security Policy/i)
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length)).toBe(0)
    await page.close()
  })

  it('shows red-flag advice as an alert, with no muscles and no booking link', async () => {
    const { page, foreign } = await openDemo()
    await launcher(page).click()
    await ask(page, RED_FLAG)
    const alert = page.getByRole('alert')
    await poll(() => alert.count()).toBe(1)
    expect(await alert.textContent()).toMatch(/emergency services/i)
    expect(await alert.textContent()).toMatch(/see a doctor/i)
    expect(await page.locator('.muscles').count()).toBe(0)
    expect(await page.locator('.q').count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Book an appointment' }).count()).toBe(0)
    await page.screenshot({ path: join(ARTIFACTS, 'widget-red-flag.png') })
    expect(foreign).toEqual([])
    await page.close()
  })

  it('works with the keyboard alone, and Escape closes it and returns focus to the launcher', async () => {
    const { page } = await openDemo()
    const focused = () => page.evaluate(() => {
      const a = document.activeElement
      const inner = a?.shadowRoot?.activeElement
      return inner ? `${inner.tagName.toLowerCase()}.${inner.className}` : a?.tagName.toLowerCase()
    })
    for (let i = 0; i < 10 && (await focused()) !== 'button.launcher'; i++) await page.keyboard.press('Tab')
    expect(await focused()).toBe('button.launcher')
    await page.keyboard.press('Enter')
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true')
    expect(await focused()).toBe('input.')
    await page.keyboard.type('aching in my lower back when I bend forward')
    await page.keyboard.press('Enter')
    await poll(() => lastBot(page).locator('.chips li').count()).toBeGreaterThan(0)
    expect(await focused()).toBe('input.')
    await page.keyboard.press('Escape')
    expect(await page.locator('.panel').isHidden()).toBe(true)
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false')
    expect(await focused()).toBe('button.launcher')
    await page.close()
  })

  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    const { page } = await openDemo({ width: 320, height: 640 })
    await launcher(page).click()
    await ask(page, HEEL)
    await poll(() => lastBot(page).locator('.muscles li').count()).toBeGreaterThan(0)
    const box = await page.locator('.panel').boundingBox()
    expect(box).not.toBeNull()
    expect(box!.x).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width).toBeLessThanOrEqual(320)
    const overflow = await page.evaluate(() => {
      const root = document.querySelector('[data-nmt-widget]')!.shadowRoot!
      const log = root.querySelector('.log')!
      const panel = root.querySelector('.panel')!
      return { page: document.documentElement.scrollWidth, log: log.scrollWidth - log.clientWidth, panel: panel.scrollWidth - panel.clientWidth }
    })
    expect(overflow).toEqual({ page: 320, log: 0, panel: 0 })
    await page.screenshot({ path: join(ARTIFACTS, 'widget-320px.png') })
    await page.close()
  })
})
