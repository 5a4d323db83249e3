/**
 * No log level writes a key, a query string or a body: the app at LOG_LEVEL=trace, its log lines
 * captured, is sent keyed requests with private words in the query and the body, well-formed and not
 * (bad JSON, failed validation, Node parser refusals whose error carries the raw bytes, a timeout).
 */
import { connect, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/http/app.js'
import { TEST_CONFIG } from '../../helpers/app.js'

const KEY = 'sk_LeakCanaryKey0123456789abcdefghijkl'
const QUERY = 'QueryCanary7731'
const BODY = 'BodyCanary4242'

/** Send raw bytes; resolve with what came back once the server closes the connection. */
function raw(port: number, data: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.on('data', (d) => { received += d.toString('latin1') })
    socket.on('error', () => resolve(received))
    socket.on('close', () => resolve(received))
    socket.write(data)
  })
}

describe('logs at LOG_LEVEL=trace', () => {
  it('never hold a key, a query string or a body, whatever the request', async () => {
    const lines: string[] = []
    const app = await buildApp({ ...TEST_CONFIG, logLevel: 'trace' }, { logStream: { write: (s: string) => lines.push(s) }, requestTimeoutMs: 300 })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const port = (app.server.address() as AddressInfo).port
    const base = `http://127.0.0.1:${port}`
    const auth = { authorization: `Bearer ${KEY}` }
    const json = { 'content-type': 'application/json', ...auth }
    try {
      await fetch(`${base}/v1/search?q=${QUERY}`, { headers: auth })
      await fetch(`${base}/v1/recommendations?x=${QUERY}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `heel pain ${BODY}` }) })
      await fetch(`${base}/v1/recommendations?x=${QUERY}`, { method: 'POST', headers: json, body: JSON.stringify({ text: `heel pain ${BODY}` }) })
      await fetch(`${base}/v1/recommendations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"text": "${BODY}` })
      await fetch(`${base}/v1/recommendations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: BODY, age: BODY, [BODY]: 1 }) })
      await fetch(`${base}/v1/parse`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: BODY })
      await fetch(`${base}/v1/nothing/${QUERY}?q=${QUERY}`, { headers: auth })
      // Node's parser refuses these; the error it raises carries every byte received.
      const head = `POST /v1/recommendations?q=${QUERY} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\n`
      expect(await raw(port, `${head}Content-Length: 30\r\nTransfer-Encoding: chunked\r\n\r\n{"text":"${BODY}"}`)).toMatch(/^HTTP\/1\.1 400 /)
      expect(await raw(port, `${head}X-Big: ${'a'.repeat(17_000)}\r\n\r\n{"text":"${BODY}"}`)).toMatch(/^HTTP\/1\.1 431 /)
      // (the bad key is refused at once, with a 401; the body that never ends is then cut)
      expect(await raw(port, `${head}Content-Length: 100\r\n\r\n{"text":"${BODY}`)).toMatch(/^HTTP\/1\.1 401 [^]*HTTP\/1\.1 408 /)
      expect(await raw(port, `GET /v1/search?q=${QUERY}\0 HTTP/1.1\r\nAuthorization: Bearer ${KEY}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /)
    } finally {
      await app.close()
    }
    const log = lines.join('')
    // The capture works: client errors (debug) and access lines are there.
    expect(log).toMatch(/"level":20,.*"clientError":"HPE_HEADER_OVERFLOW","status":431,"msg":"client error"/)
    expect(log).toMatch(/"msg":"request completed"/)
    for (const secret of [KEY, KEY.slice(3, 20), QUERY, BODY]) expect(log, secret).not.toContain(secret)
    // Nor as the byte arrays Node's errors carry (rawPacket).
    expect(log).not.toMatch(/rawPacket/)
  })
})
