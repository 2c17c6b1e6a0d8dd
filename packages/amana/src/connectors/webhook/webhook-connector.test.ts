import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { isAmanaError } from '../../platform/errors/index.ts'
import { verifyWebhook } from './standard-webhooks.ts'
import { createWebhookConnector } from './webhook-connector.ts'

const secret = `whsec_${Buffer.from('a shared secret of 32 bytes long').toString('base64')}`
type Handler = (body: unknown, req: IncomingMessage, res: ServerResponse) => void
let handler: Handler = () => {}
const seen: { id: string; verified: boolean }[] = []
let url = ''
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (c) => {
    body += c
  })
  req.on('end', () => {
    const verified = verifyWebhook(secret, req.headers, body, new Date())
    seen.push({ id: String(req.headers['webhook-id']), verified })
    if (!verified) {
      res.writeHead(401).end()
      return
    }
    handler(JSON.parse(body), req, res)
  })
})
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/amana`
})
after(() => server.close())

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
const connector = (s = secret) =>
  createWebhookConnector({
    system: 'loyalty-app',
    url,
    secret: s,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  })

test('an erasure is posted signed; the endpoint verifies it, and two 503s are retried under one webhook-id', async () => {
  seen.length = 0
  let calls = 0
  handler = (body, _req, res) => {
    calls++
    if (calls < 3) {
      json(res, 503, { error: 'busy' })
      return
    }
    assert.deepEqual(body, {
      type: 'dsr.erase',
      subject: { identifiers: [{ kind: 'email', value: 'sara@example.com' }] },
      tables: [],
      dryRun: false,
    })
    json(res, 200, { alreadyErased: false, steps: [{ table: 'members', action: 'delete', rows: 1 }] })
  }
  const outcome = await connector().erase(
    { identifiers: [{ kind: 'email', value: 'sara@example.com' }] },
    { now: new Date() },
  )
  assert.deepEqual(outcome, {
    status: 'completed',
    system: 'loyalty-app',
    dryRun: false,
    alreadyErased: false,
    steps: [{ table: 'members', action: 'delete', rows: 1, columns: [] }],
  })
  assert.equal(seen.length, 3)
  assert.ok(seen.every((s) => s.verified))
  assert.equal(new Set(seen.map((s) => s.id)).size, 1)
})

test('an endpoint that stays down gives CONNECTOR_UNAVAILABLE after the bounded retries', async () => {
  seen.length = 0
  handler = (_b, _r, res) => json(res, 503, {})
  await assert.rejects(
    connector().collect({ identifiers: [{ kind: 'email', value: 'x@example.com' }] }),
    (e: unknown) => {
      assert.ok(isAmanaError(e) && e.code === 'CONNECTOR_UNAVAILABLE')
      assert.deepEqual(e.details, {
        system: 'loyalty-app',
        reason: `HTTP 503 at 127.0.0.1:${new URL(url).port}/amana after 3 attempts`,
        retryable: true,
      })
      return true
    },
  )
  assert.equal(seen.length, 3)
})

test('a wrong secret is refused by the endpoint and not retried', async () => {
  seen.length = 0
  const wrong = `whsec_${Buffer.from('another secret entirely, 32 byte').toString('base64')}`
  await assert.rejects(
    connector(wrong).collect({ identifiers: [] }),
    (e: unknown) => isAmanaError(e) && e.code === 'CONNECTOR_FAILED' && /HTTP 401/.test(e.message),
  )
  assert.deepEqual(
    seen.map((s) => s.verified),
    [false],
  )
})

test('a malformed answer is a CONNECTOR_FAILED naming what was wrong', async () => {
  handler = (_b, _r, res) => json(res, 200, { tables: 'nope' })
  await assert.rejects(
    connector().collect({ identifiers: [] }),
    (e: unknown) => isAmanaError(e) && e.code === 'CONNECTOR_FAILED' && /tables/.test(e.message),
  )
})

test('a network error is retried, then reported as unavailable', async () => {
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const port = (closed.address() as AddressInfo).port
  await new Promise((resolve) => closed.close(resolve))
  const c = createWebhookConnector({
    system: 'gone',
    url: `http://127.0.0.1:${port}/x`,
    secret,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
  })
  await assert.rejects(
    c.collect({ identifiers: [] }),
    (e: unknown) => isAmanaError(e) && e.code === 'CONNECTOR_UNAVAILABLE' && /ECONNREFUSED/.test(e.message),
  )
})
