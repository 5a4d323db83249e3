/**
 * GET /widget.js (the embeddable chat widget) and GET /demo (a page that embeds it), served from
 * public/, read once at registration. HTTP only: ETag and 304 for the script, a strict CSP for the page.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { PROJECT_ROOT } from '../../kb/paths.js'
import { ifNoneMatch } from '../support/cacheable.js'
import { problemResponses, Type } from '../../contract/common.js'

export const PUBLIC_DIR = join(PROJECT_ROOT, 'public')
export const WIDGET_CACHE_CONTROL = 'public, max-age=300'
/**
 * The demo page may load and call only its own origin: no inline script or style, no frames. Images may
 * also be blob: URLs: the widget shows the maps it fetched with its key that way (an <img> sends no key).
 */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

function textResponse(mediaType: string, description: string): unknown {
  return { description, content: { [mediaType]: { schema: Type.String() } } }
}

export default async function widgetRoutes(app: FastifyInstance): Promise<void> {
  const script = readFileSync(join(PUBLIC_DIR, 'widget.js'), 'utf8')
  const demo = readFileSync(join(PUBLIC_DIR, 'demo.html'), 'utf8')
  const etag = `"w-${createHash('sha256').update(script).digest('base64url').slice(0, 27)}"`

  app.get('/widget.js', {
    schema: {
      tags: ['widget'], operationId: 'getWidgetScript',
      summary: 'The embeddable chat widget: one script tag with data- attributes (see /demo)',
      response: {
        200: textResponse('application/javascript', 'The widget script'),
        304: { type: 'null', description: 'Not modified: the If-None-Match ETag is current' },
        ...problemResponses(),
      },
    },
  }, async (request, reply) => {
    reply.header('etag', etag).header('cache-control', WIDGET_CACHE_CONTROL)
    if (ifNoneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send()
    return reply.type('application/javascript; charset=utf-8').send(script)
  })

  app.get('/demo', {
    schema: {
      tags: ['widget'], operationId: 'getWidgetDemo', summary: 'A demo page that embeds the chat widget',
      response: { 200: textResponse('text/html', 'The demo page'), ...problemResponses() },
    },
  }, async (_request, reply) => {
    return reply
      .header('content-security-policy', DEMO_CSP)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(demo)
  })
}
