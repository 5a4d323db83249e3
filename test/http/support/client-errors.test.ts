/**
 * Requests that Node's HTTP parser refuses before Fastify sees them, and clients too slow to send
 * theirs: each gets a problem+json on the socket (not Node's `{"error","statusCode"}`), then the
 * connection is closed. Raw TCP on 127.0.0.1, since no HTTP client sends such requests.
 */
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, HEADERS_TIMEOUT_MS, httpServerOptions, REQUEST_TIMEOUT_MS } from '../../../src/http/app.js'
import { TEST_CONFIG } from '../../helpers/app.js'

/** Write `data` and collect everything the server sends until it closes the connection. */
function exchange(port: number, data: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.on('data', (d) => { received += d.toString('latin1') })
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve(received) : reject(err)))
    socket.on('close', () => resolve(received))
    socket.write(data)
  })
}

function parse(raw: string): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
  const [head, body] = [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)]
  const [statusLine, ...lines] = head.split('\r\n')
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
  return { status: Number(statusLine!.split(' ')[1]), headers, body: JSON.parse(body) as Record<string, unknown> }
}

async function listening(requestTimeoutMs?: number): Promise<{ app: FastifyInstance; port: number }> {
  const app = await buildApp(TEST_CONFIG, requestTimeoutMs === undefined ? {} : { requestTimeoutMs })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, port: (app.server.address() as AddressInfo).port }
}

describe('requests the HTTP parser refuses', () => {
  let app: FastifyInstance
  let port: number
  beforeAll(async () => ({ app, port } = await listening()))
  afterAll(async () => app.close())

  it.each([
    ['a header block over 16 KB', `GET /v1/regions HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17_000)}\r\n\r\n`, 431, 'NMT_ERR_HEADERS_TOO_LARGE'],
    ['a garbage request line', 'GARBAGE ME\r\n\r\n', 400, 'NMT_ERR_BAD_REQUEST'],
    ['a NUL in the path', 'GET /v1/regions\0x HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'NMT_ERR_BAD_REQUEST'],
    ['Content-Length with Transfer-Encoding', 'POST /v1/recommendations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'NMT_ERR_BAD_REQUEST'],
    ['a header name with a space', 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n', 400, 'NMT_ERR_BAD_REQUEST'],
  ])('answers %s with a %i problem+json and closes', async (_label, request, status, code) => {
    const res = parse(await exchange(port, request))
    expect(res.status).toBe(status)
    expect(res.headers['content-type']).toBe('application/problem+json')
    expect(res.headers.connection).toBe('close')
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(res.body)))
    expect(res.body).toMatchObject({ status, code, type: expect.stringMatching(/^\/problems\//), title: expect.any(String), detail: expect.any(String) })
    expect(res.body.requestId).toBe(res.headers['x-request-id'])
  })

  it('still answers on a new connection afterwards', async () => {
    const res = await exchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    expect(res).toMatch(/^HTTP\/1\.1 200 /)
  })
})

describe('request timeouts', () => {
  it(`default to ${REQUEST_TIMEOUT_MS / 1000} s for a whole request and ${HEADERS_TIMEOUT_MS / 1000} s for its headers, checked every second`, async () => {
    const { app } = await listening()
    try {
      expect(app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS)
      expect(app.server.headersTimeout).toBe(HEADERS_TIMEOUT_MS)
    } finally {
      await app.close()
    }
    // Node checks its connections this often: a request is cut within that of its timeout.
    expect(httpServerOptions(REQUEST_TIMEOUT_MS).connectionsCheckingInterval).toBeLessThanOrEqual(1000)
  })

  it('cut a body that never finishes at the request timeout, with a 408 problem+json', async () => {
    // A short timeout, so that the test waits for the server's answer, not for 30 s.
    const { app, port } = await listening(200)
    try {
      const start = 'POST /v1/recommendations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"text":"'
      const res = parse(await exchange(port, start))
      expect(res.status).toBe(408)
      expect(res.headers['content-type']).toBe('application/problem+json')
      expect(res.body).toMatchObject({ status: 408, code: 'NMT_ERR_REQUEST_TIMEOUT' })
    } finally {
      await app.close()
    }
  })

  it('cut headers that never finish, with a 408 problem+json', async () => {
    const { app, port } = await listening(200)
    try {
      const res = parse(await exchange(port, 'GET /v1/regions HTTP/1.1\r\nHost: x\r\nX-Slow: '))
      expect(res.status).toBe(408)
      expect(res.body).toMatchObject({ status: 408, code: 'NMT_ERR_REQUEST_TIMEOUT' })
    } finally {
      await app.close()
    }
  })
})
