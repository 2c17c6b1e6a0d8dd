/** Verification by SMS through the provider interface, against a local HTTP server standing in for the provider. */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { createTestApp, createTestConfig } from '../../packages/amana/src/testing/test-app.ts'

test('a requester verifies by SMS: the code goes through the provider, signed with its token, and confirms the request', async () => {
  const token = randomBytes(16).toString('hex')
  const received: { auth: string | undefined; body: { channel: string; to: string; text: string } }[] = []
  const provider = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(body) })
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"queued":true}')
    })
  })
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/send`
  const t = await createTestApp({
    config: createTestConfig({ AMANA_MESSAGES_URL: url, AMANA_MESSAGES_TOKEN: token }),
  })
  try {
    const phone = '+96550001234'
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'access', email: 'huda@example.com', phone, channel: 'sms', country: 'KW' },
    })
    assert.equal(submitted.statusCode, 202, submitted.body)
    const { reference, token: requestToken } = submitted.json()

    assert.equal(received.length, 1, 'one SMS sent')
    assert.equal(received[0]!.auth, `Bearer ${token}`)
    assert.equal(received[0]!.body.channel, 'sms')
    assert.equal(received[0]!.body.to, phone)
    const code = received[0]!.body.text.match(/\b(\d{6})\b/)?.[1]
    assert.ok(code, 'the SMS carries a 6-digit code')

    const wrong = await t.app.inject({
      method: 'POST',
      url: `/v1/requests/${reference}/verify`,
      payload: { token: requestToken, code: code === '000000' ? '111111' : '000000' },
    })
    assert.equal(wrong.json().verified, false, 'a wrong code does not verify')
    assert.equal(typeof wrong.json().attemptsLeft, 'number', 'and says how many tries are left')
    const right = await t.app.inject({
      method: 'POST',
      url: `/v1/requests/${reference}/verify`,
      payload: { token: requestToken, code },
    })
    assert.equal(right.json().verified, true, right.body)
    const status = await t.app.inject({ url: `/v1/requests/${reference}?token=${requestToken}` })
    assert.doesNotMatch(status.json().status, /received|verifying/, 'verified')
  } finally {
    await t.close()
    provider.close()
  }
})
