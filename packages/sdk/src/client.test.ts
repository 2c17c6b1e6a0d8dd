// @amana/sdk against a running Amana: the in-process app listening on a loopback port, over real HTTP.
import assert from 'node:assert/strict'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { after, before, describe, test } from 'node:test'
import { addMember, asStaff, signIn } from '../../amana/src/staff/testing.ts'
import { freePort } from '../../amana/src/testing/free-port.ts'
import { createTestApp, type TestApp } from '../../amana/src/testing/test-app.ts'
import { type AmanaApiError, type AmanaClient, createAmanaClient } from './index.ts'

const scopes = [
  'decisions:read',
  'consent:read',
  'consent:write',
  'vault:tokenise',
  'vault:detokenise',
  'events:write',
  'requests:submit',
]

/** Counts what the client sends, then lets the real fetch send it. */
const countingFetch = () => {
  const calls: string[] = []
  const f: typeof fetch = (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`)
    return fetch(input, init)
  }
  return { calls, fetch: f }
}

describe('@amana/sdk against a running Amana', () => {
  let t: TestApp
  let base: string
  let key: string
  let amana: AmanaClient
  before(async () => {
    t = await createTestApp()
    base = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const owner = await addMember(t, 'owner')
    const session = await signIn(t, owner.email, owner.password)
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: asStaff(session),
      payload: { name: 'shop backend', scopes },
    })
    assert.equal(created.statusCode, 201, created.body)
    key = created.json().key
    // The vault's key store opens on first use: on a busy test machine that can take longer than the 10 s default.
    amana = createAmanaClient({ baseUrl: base, apiKey: key, timeoutMs: 60_000 })
  })
  after(() => t.close())

  test('a choice recorded from the account page decides later sends; a retried record is stored once', async () => {
    const subject = 'account:c-7'
    assert.deepEqual(await amana.decide(subject, 'marketing', { channel: 'email' }), {
      purpose: 'marketing',
      allow: false,
      reason: 'consent-absent',
    })
    const record = {
      subject,
      method: 'account-settings' as const,
      choices: [{ purpose: 'marketing', channel: 'email' as const, granted: true }],
      source: 'https://rumrom.com/account/privacy',
      recordId: crypto.randomUUID(),
    }
    const first = await amana.recordConsent(record)
    assert.equal(first.status, 'recorded')
    assert.equal((await amana.recordConsent(record)).status, 'duplicate')
    assert.deepEqual(await amana.decideMany(subject, ['marketing', 'advertising'], { channel: 'email' }), [
      { purpose: 'marketing', allow: true, reason: 'consent-given' },
      { purpose: 'advertising', allow: false, reason: 'consent-absent' },
    ])
    const view = await amana.consentOf(subject)
    assert.equal(view.records.length, 1)
    const receipt = await fetch(`${base}${first.receipt}`)
    assert.equal(receipt.status, 200)
  })

  test('a preference link opens the preference centre for that customer', async () => {
    const url = await amana.preferenceLink('account:c-8', 7)
    assert.match(url, /\/privacy\/preferences\?token=/)
    const page = await fetch(url.replace(/^https?:\/\/[^/]+/, base))
    assert.equal(page.status, 200)
    assert.match(await page.text(), /<form/)
  })

  test('tokenise and detokenise', async () => {
    const token = await amana.tokenise('c-9', 'phone', '+96599095385')
    assert.doesNotMatch(token, /965/)
    assert.deepEqual(await amana.detokenise(token, 'orders'), {
      subjectId: 'c-9',
      kind: 'phone',
      value: '+96599095385',
    })
    const reads = await t.database.db
      .selectFrom('audit_entry')
      .select(['subject_id', 'body'])
      .where('action', '=', 'personal-data.read')
      .execute()
    assert.deepEqual(
      reads.map((r) => [r.subject_id, r.body.includes('"orders"')]),
      [['c-9', true]],
      'the read is in the audit ledger, with its purpose',
    )
    await t.services.vault.shredSubject('c-9')
    await assert.rejects(
      amana.detokenise(token, 'orders'),
      (e: AmanaApiError) => e.code === 'SUBJECT_SHREDDED',
    )
  })

  test('an event starts retention clocks', async () => {
    const event = await amana.event({ type: 'account.closed', subject: { kind: 'customer', id: 'c-9' } })
    assert.equal(typeof event.clocks, 'number')
  })

  test("a customer's request from the shop: submitted, then its status and a wrong code", async () => {
    const submitted = await amana.submitRequest({ type: 'access', email: 'layla@example.com', locale: 'ar' })
    assert.match(submitted.reference, /^DSR-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const status = await amana.requestStatus(submitted.reference, submitted.token)
    assert.equal(status.type, 'access')
    assert.equal(status.status, 'verifying')
    assert.ok(Date.parse(status.dueAt) > Date.now())
    const wrong = await amana.verifyRequest(submitted.reference, submitted.token, '000000')
    assert.equal(wrong.verified, false)
    await assert.rejects(
      amana.requestStatus(submitted.reference, 'not-the-token'),
      (e: AmanaApiError) => e.status === 404 && e.code === 'NOT_FOUND',
    )
  })

  test('a request for a customer the shop signed in: no code to wait for, the key is on the audit record', async () => {
    const submitted = await amana.submitRequestForCustomer({
      type: 'access',
      locale: 'ar',
      country: 'kw',
      customer: { email: 'Noura.K@Example.com', customerId: 'c-11' },
    })
    assert.match(submitted.reference, /^DSR-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    assert.notEqual(submitted.status, 'verifying', 'the key vouched for the customer: no code to wait for')
    assert.match(submitted.statusUrl, new RegExp(`/privacy/requests/${submitted.reference}\\?token=`))
    const status = await amana.requestStatus(submitted.reference, submitted.token)
    assert.equal(status.type, 'access')
    assert.notEqual(status.status, 'verifying')
    const audit = await t.database.db
      .selectFrom('audit_entry')
      .select(['actor_type', 'actor_id', 'body'])
      .where('action', '=', 'request.submitted-for-customer')
      .execute()
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.actor_type, 'api-key')
    assert.doesNotMatch(audit[0]?.body ?? '', /Noura|example\.com/i, 'no personal data in the audit entry')

    await assert.rejects(
      amana.submitRequestForCustomer({ type: 'access', customer: { customerId: 'c-11' } }),
      (e: AmanaApiError) => e.status === 400 && /customer/.test(e.message),
    )
    const publicOnly = createAmanaClient({ baseUrl: base, apiKey: 'amana_live_not-a-key' })
    await assert.rejects(
      publicOnly.submitRequestForCustomer({ type: 'access', customer: { email: 'x@example.com' } }),
      (e: AmanaApiError) => e.status === 401,
    )
  })

  test('errors carry the code, the message and the request id', async () => {
    await assert.rejects(amana.decide('account:c-7', 'no_such_purpose'), (e: AmanaApiError) => {
      assert.equal(e.code, 'VALIDATION_FAILED')
      assert.match(e.message, /querystring\.purpose/)
      assert.ok(e.requestId)
      return true
    })
    const stranger = createAmanaClient({ baseUrl: base, apiKey: 'amana_live_not-a-key' })
    await assert.rejects(stranger.decide('account:c-7', 'marketing'), (e: AmanaApiError) => e.status === 401)
  })

  test('a 503 in front of Amana (a restart behind the load balancer) is retried with its Retry-After', async () => {
    let refused = 0
    const port = await freePort()
    const target = new URL(base)
    const proxy: Server = createServer((req, res) => {
      if (refused < 2) {
        refused++
        res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' })
        res.end('{"error":{"code":"DATABASE_UNAVAILABLE","message":"restarting","requestId":"lb"}}')
        return
      }
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      req.pipe(upstream)
    })
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve))
    try {
      const counted = countingFetch()
      const behind = createAmanaClient({
        baseUrl: `http://127.0.0.1:${port}`,
        apiKey: key,
        fetch: counted.fetch,
      })
      assert.equal((await behind.decide('account:c-7', 'marketing', { channel: 'email' })).allow, true)
      assert.equal(counted.calls.length, 3)
      refused = 0
      const impatient = createAmanaClient({
        baseUrl: `http://127.0.0.1:${port}`,
        apiKey: key,
        retry: { retries: 0 },
      })
      await assert.rejects(
        impatient.decide('account:c-7', 'marketing'),
        (e: AmanaApiError) => e.status === 503,
      )
    } finally {
      proxy.close()
    }
  })

  test("Amana's own 429 is retried with backoff, then reported", async () => {
    const once = createAmanaClient({ baseUrl: base, retry: { retries: 0 } })
    // Requests from one address are limited per hour: submit until Amana says so.
    for (let i = 0; i < 30; i++) {
      const outcome = await once.submitRequest({ type: 'access', email: `r${i}@example.com` }).then(
        () => 'ok',
        (e: AmanaApiError) => e.code,
      )
      if (outcome === 'RATE_LIMITED') break
      assert.equal(outcome, 'ok')
    }
    const counted = countingFetch()
    const patient = createAmanaClient({
      baseUrl: base,
      fetch: counted.fetch,
      retry: { retries: 2, baseDelayMs: 20 },
    })
    await assert.rejects(
      patient.submitRequest({ type: 'access', email: 'late@example.com' }),
      (e: AmanaApiError) => e.status === 429 && e.code === 'RATE_LIMITED',
    )
    assert.deepEqual(counted.calls, ['POST /v1/requests', 'POST /v1/requests', 'POST /v1/requests'])
  })
})
