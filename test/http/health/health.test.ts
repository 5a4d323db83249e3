import type { FastifyInstance } from 'fastify'
import type supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../helpers/app.js'

describe('health, readiness and errors', () => {
  let app: FastifyInstance
  let http: ReturnType<typeof supertest>
  beforeAll(async () => ({ app, http } = await testApp()))
  afterAll(async () => app.close())

  it('GET /health answers ok with JSON', async () => {
    const res = await http.get('/health').expect(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.body).toEqual({ status: 'ok' })
  })

  it('GET /ready reports the loaded knowledge-base version', async () => {
    const res = await http.get('/ready').expect(200)
    expect(res.body.status).toBe('ready')
    expect(res.body.kbVersion).toMatch(/^[0-9a-f]{16}$/)
  })

  it('an unknown path is a problem+json 404 with a stable code', async () => {
    const res = await http.get('/nope/never').expect(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body).toMatchObject({ status: 404, code: 'NMT_ERR_ROUTE_NOT_FOUND', title: 'No such endpoint', type: '/problems/route-not-found' })
    expect(res.body.requestId).toBe(res.headers['x-request-id'])
  })

  it('echoes a safe X-Request-Id and replaces an unsafe one', async () => {
    const ok = await http.get('/health').set('X-Request-Id', 'abc-123.DEF').expect(200)
    expect(ok.headers['x-request-id']).toBe('abc-123.DEF')
    const bad = await http.get('/health').set('X-Request-Id', 'a b<script>').expect(200)
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('documents every problem type it sends', async () => {
    const res = await http.get('/problems/route-not-found').expect(200)
    expect(res.body).toEqual({ type: '/problems/route-not-found', code: 'NMT_ERR_ROUTE_NOT_FOUND', title: 'No such endpoint', status: 404 })
    await http.get('/problems/nothing-like-this').expect(404)
  })

  it('/ready is 503 problem+json once the database is closed', async () => {
    const { app: other, http: h } = await testApp()
    other.database.close()
    const res = await h.get('/ready').expect(503)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body.code).toBe('NMT_ERR_NOT_READY')
    await other.close()
  })
})
