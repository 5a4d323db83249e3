import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PUBLIC_DIR } from '../../../src/http/widget/routes.js'
import { TEXT_MAX_CHARS } from '../../../src/limits.js'
import { testApp } from '../../helpers/app.js'

describe('GET /widget.js and GET /demo', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  beforeAll(async () => ({ app, http } = await testApp()))
  afterAll(async () => app.close())

  it('serves the widget script with an ETag, a short public cache and a 304 for a matching If-None-Match', async () => {
    const res = await http.get('/widget.js').expect(200)
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8')
    expect(res.headers['cache-control']).toBe('public, max-age=300')
    expect(res.headers.etag).toMatch(/^"w-[A-Za-z0-9_-]+"$/)
    expect(res.text).toBe(readFileSync(join(PUBLIC_DIR, 'widget.js'), 'utf8'))
    const again = await http.get('/widget.js').set('If-None-Match', `"other", ${res.headers.etag}`).expect(304)
    expect(again.text).toBe('')
    expect(again.headers.etag).toBe(res.headers.etag)
    await http.get('/widget.js').set('If-None-Match', '"w-stale"').expect(200)
  })

  it('cuts what the client types at the API\'s own text limit (src/limits.ts), so a long message is never refused', () => {
    const script = readFileSync(join(PUBLIC_DIR, 'widget.js'), 'utf8')
    expect(script.match(/var MAX_TEXT = (\d+)/)?.[1]).toBe(String(TEXT_MAX_CHARS))
  })

  it('the widget makes no third-party requests, never stores what the client types, and logs only in logReason', () => {
    const js = readFileSync(join(PUBLIC_DIR, 'widget.js'), 'utf8')
    expect(js).not.toMatch(/https?:\/\/(?!www\.w3\.org)/)
    expect(js).not.toMatch(/localStorage|sessionStorage|indexedDB|document\.cookie/)
    // One console call, in logReason; the browser tests check what it writes never holds the client's words.
    expect(js).not.toMatch(/(?<!window\.)\bconsole\./)
    expect(js.match(/window\.console/g)).toHaveLength(3)
    expect(js).toMatch(/function logReason\(reason\) \{\n[^\n]*\n\s*if \(window\.console && window\.console\.warn\) window\.console\.warn\('NMT widget: ' \+ reason\)\n\s*\}/)
    expect(js).not.toMatch(/@import|@font-face|url\(/)
  })

  it('serves the demo page under a CSP that allows only its own origin, with no inline script or style', async () => {
    const res = await http.get('/demo').expect(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toMatch(/default-src 'self'/)
    expect(csp).toMatch(/script-src 'self';/)
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/)
    expect(res.text).toContain('<script src="/widget.js" data-booking-url=')
    expect(res.text).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i)
  })
})
