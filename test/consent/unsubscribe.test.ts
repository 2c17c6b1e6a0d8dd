import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { listRecords } from '../../packages/amana/src/consent/store.ts'
import {
  type ConsentTestApp,
  createConsentTestApp,
  staff,
} from '../../packages/amana/src/testing/consent-test-app.ts'
import { mailHeader, startSmtpInbox } from '../../packages/amana/src/testing/smtp-inbox.ts'
import { createTestConfig } from '../../packages/amana/src/testing/test-app.ts'

const startSmtp = startSmtpInbox
const headerOf = mailHeader

describe('marketing mail and one-click unsubscribe', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  let t: ConsentTestApp
  before(async () => {
    smtp = await startSmtp()
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    })
    const config = createTestConfig({
      AMANA_SMTP_URL: smtp.url,
      AMANA_MAIL_FROM: 'news@rumrom.example',
      AMANA_PUBLIC_URL: 'https://privacy.rumrom.example',
      AMANA_DKIM_DOMAIN: 'rumrom.example',
      AMANA_DKIM_SELECTOR: 'amana',
      AMANA_DKIM_PRIVATE_KEY: privateKey,
    })
    t = await createConsentTestApp({ config })
    const granted = await t.app.inject({
      method: 'POST',
      url: '/v1/consent/records',
      headers: staff('consent:write'),
      payload: {
        subject: 'account:501',
        method: 'account-settings',
        choices: [{ purpose: 'marketing', granted: true }],
      },
    })
    assert.equal(granted.statusCode, 201)
  })
  after(async () => {
    await t.close()
    await smtp.close()
  })

  const send = () =>
    t.consent.sendMarketingMail(
      {
        subject: { kind: 'account', id: '501' },
        to: 'layla@example.com',
        purpose: 'marketing',
        subjectLine: 'New cakes this week',
        text: 'Hello from RUMROM',
      },
      new Date(),
    )

  test('a received marketing email carries both RFC 8058 headers, signed by DKIM', async () => {
    const sent = await send()
    assert.ok(sent.ok)
    assert.equal(await t.consent.mailer.deliver(sent.outboxId, new Date()), 'sent')
    const message = smtp.received.at(-1)!
    const listUnsubscribe = headerOf(message, 'List-Unsubscribe')
    assert.match(
      listUnsubscribe ?? '',
      /^<https:\/\/privacy\.rumrom\.example\/v1\/unsubscribe\/[A-Za-z0-9_-]+>, <mailto:news@rumrom\.example\?subject=unsubscribe%20[A-Za-z0-9_-]+>$/,
    )
    assert.equal(headerOf(message, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click')
    const dkim = headerOf(message, 'DKIM-Signature') ?? ''
    const signed = (/\bh=([^;]+)/.exec(dkim)?.[1] ?? '').replace(/\s/g, '').toLowerCase().split(':')
    assert.ok(signed.includes('list-unsubscribe'), dkim)
    assert.ok(signed.includes('list-unsubscribe-post'), dkim)
    assert.match(dkim, /d=rumrom\.example/)
    assert.match(dkim, /s=amana/)
  })

  test('one-click unsubscribe suppresses the next send at once, is idempotent and appears in the ledger', async () => {
    const queued = await send()
    assert.ok(queued.ok)
    const message = smtp.received.at(-1)!
    const url = /<(https:[^>]+)>/.exec(headerOf(message, 'List-Unsubscribe') ?? '')![1]!
    const path = new URL(url).pathname
    // What a mailbox provider does: a POST with the RFC 8058 body, no cookie, no confirmation.
    const click = () =>
      t.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      })
    const first = await click()
    assert.equal(first.statusCode, 200, first.body)
    assert.equal((await click()).statusCode, 200)

    // The message queued before the click is stopped at delivery.
    const before = smtp.received.length
    assert.equal(await t.consent.mailer.deliver(queued.outboxId, new Date()), 'suppressed')
    assert.equal(smtp.received.length, before)
    // And nothing new can be queued.
    assert.deepEqual(await send(), { ok: false, reason: 'consent-refused' })

    const subjectHash = t.consent.keys.hashSubject({ kind: 'account', id: '501' })
    const records = await listRecords(t.database.db, { subjectHash, limit: 10 })
    const unsubscribes = records.filter((r) => r.method === 'email-unsubscribe')
    assert.equal(unsubscribes.length, 1)
    assert.deepEqual(unsubscribes[0]?.items, [
      { target: 'purpose', id: 'marketing', channel: 'email', granted: false },
    ])
  })

  test('a GET on the link only asks (link scanners must not unsubscribe); a forged token is refused', async () => {
    const page = await t.app.inject({
      url: '/v1/unsubscribe/abcdefghijklmnopqrstuvwx',
      headers: { accept: 'text/html' },
    })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<form method="post"/)
    const forged = await t.app.inject({
      method: 'POST',
      url: '/v1/unsubscribe/abcdefghijklmnopqrstuvwx',
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(forged.statusCode, 404)
  })

  test('mail to a subject without consent is never queued', async () => {
    const result = await t.consent.sendMarketingMail(
      {
        subject: { kind: 'account', id: 'nobody' },
        to: 'x@example.com',
        purpose: 'marketing',
        subjectLine: 's',
        text: 't',
      },
      new Date(),
    )
    assert.deepEqual(result, { ok: false, reason: 'consent-absent' })
  })
})
