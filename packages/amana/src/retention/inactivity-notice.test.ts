import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import pg from 'pg'
import type { LoadedManifest } from '../app/app-manifest.ts'
import { type DemoShop, demoShopSourceOf, startDemoShop } from '../demo/index.ts'
import type { Retention } from '../manifest/index.ts'
import { demoManifestPath } from '../platform/config/index.ts'
import { capabilitiesOf } from '../staff/index.ts'
import { addMember, staffAccessFor } from '../staff/testing.ts'
import { mailHeader, mailSubject, mailText, type SmtpInbox, startSmtpInbox } from '../testing/smtp-inbox.ts'
import { createTestApp, createTestConfig, loadDemoManifest, type TestApp } from '../testing/test-app.ts'
import { retentionStore } from './index.ts'

/**
 * RUMROM, had it promised "we erase the name and contact details of accounts nobody has signed in
 * to for two years, and tell you 30 days before": the customers' rows follow that rule (anonymised,
 * so the orders the shop must keep for seven years stay whole). Sign-ins come through
 * POST /v1/events; the notices go through the outbox to a real SMTP server, in each person's
 * language; a sign-in cancels the deletion. Fixed clock.
 */
let shop: DemoShop
let dir: string
let smtp: SmtpInbox
let t: TestApp
let client: pg.Client
let clock = new Date('2026-06-02T00:00:00Z')

const inactiveAccounts: Retention = {
  keep: 'P2Y',
  after: 'last-activity',
  action: 'anonymise',
  notice: { before: 'P30D' },
}

before(async () => {
  const loaded = await loadDemoManifest()
  const manifest = structuredClone(loaded.manifest)
  // Only this rule runs here: the shop's other periods are retention-rumrom.test.ts's.
  for (const [id, category] of Object.entries(manifest.categories))
    if (['identity', 'contact'].includes(id)) category.retention = inactiveAccounts
    else delete category.retention
  const withRule: LoadedManifest = { ...loaded, manifest }
  dir = await mkdtemp(join(tmpdir(), 'amana-inactivity-'))
  shop = await startDemoShop({ dir, source: demoShopSourceOf(demoManifestPath) as string, manifest })
  smtp = await startSmtpInbox()
  t = await createTestApp({
    env: shop.env,
    now: () => clock,
    manifest: withRule,
    config: createTestConfig({ AMANA_SMTP_URL: smtp.url, AMANA_MAIL_FROM: 'privacy@rumrom.example' }),
    worker: true,
  })
  client = new pg.Client({ connectionString: shop.databaseUrl })
  await client.connect()
})

after(async () => {
  await client?.end()
  await t?.close()
  await smtp?.close()
  await shop?.close()
  await rm(dir, { recursive: true, force: true })
})

const signedIn = async (customer: number, at: string, locale?: 'en' | 'ar') => {
  const outcome = await t.services.retention.recordEvent({
    type: 'signed-in',
    occurredAt: at,
    subject: { kind: 'customer', id: String(customer) },
    ...(locale ? { locale } : {}),
  })
  assert.ok(outcome.ok, JSON.stringify(outcome))
}

/** Customers whose name and address are still theirs (the rule makes the others about no one). */
const customers = async () =>
  (
    await client.query<{ id: string }>(
      "select id from customers where email ilike '%@example.com' and first_name is not null order by id",
    )
  ).rows.map((r) => Number(r.id))

/**
 * A sweep now. The worker's scheduled sweep (queued when the clock jumps) may hold the lease: wait
 * for it. Counts are read from the SMTP server and the shop, which both sweeps change alike.
 */
const sweep = async () => {
  for (let i = 0; ; i++) {
    const report = await t.services.retention.sweep({ trigger: 'test' })
    if (report.status !== 'busy' || i > 200) return report
    await new Promise((r) => setTimeout(r, 100))
  }
}

const notices = () => smtp.received.filter((m) => /deleted|سيُحذف/.test(mailSubject(m)))

test('inactive customers are told in their language 30 days before deletion, once; signing in cancels it', async () => {
  await signedIn(1, '2026-01-10T09:00:00Z', 'en') // Layla, in English
  await signedIn(2, '2026-01-10T09:00:00Z', 'ar') // Yousef, in Arabic
  await signedIn(3, '2026-06-01T09:00:00Z') // Noura, months later

  // 11 December 2027: Layla's and Yousef's two years end in 30 days, on 10 January 2028.
  clock = new Date('2027-12-11T09:00:00Z')
  const first = await sweep()
  assert.equal(first.status, 'completed', first.error)
  assert.deepEqual(await customers(), [1, 2, 3], 'a notice deletes nothing')

  const english = await smtp.waitFor((m) => /layla\.ahmad@example\.com/i.test(mailHeader(m, 'To') ?? ''))
  assert.equal(mailSubject(english), 'Your RUMROM Bakery account will be deleted on 10 January 2028')
  assert.match(mailText(english), /not signed in to RUMROM Bakery since 10 January 2026/)
  assert.match(mailText(english), /not used for 2 years/)
  assert.match(mailText(english), /signing in cancels the deletion/)
  const arabic = await smtp.waitFor((m) => /yousef\.almutairi@example\.com/i.test(mailHeader(m, 'To') ?? ''))
  assert.match(mailSubject(arabic), /^سيُحذف حسابك لدى .+ في 10 يناير 2028$/)
  assert.match(mailText(arabic), /تسجيل الدخول يلغي الحذف/)

  // The next day's sweep sends nothing again.
  clock = new Date('2027-12-12T09:00:00Z')
  const again = await sweep()
  assert.equal(again.status, 'completed', again.error)

  // Layla signs in: her deletion is off, and her two years start over.
  clock = new Date('2027-12-20T08:00:00Z')
  const response = await t.app.inject({
    method: 'POST',
    url: '/v1/events',
    headers: await eventsKey(),
    payload: {
      type: 'signed-in',
      occurredAt: '2027-12-20T08:00:00Z',
      subject: { kind: 'customer', id: '1' },
    },
  })
  assert.equal(response.statusCode, 202, response.body)

  // 11 January 2028: Yousef's date has come; Layla signed in; Noura's period has not ended.
  clock = new Date('2028-01-11T00:00:00Z')
  const deleting = await sweep()
  assert.equal(deleting.status, 'completed', deleting.error)
  assert.deepEqual(await customers(), [1, 3])

  // 1 July 2028: Noura's two years ended on 1 June, but she was never told: she is told now, and
  // her data goes 30 days later, not today.
  clock = new Date('2028-07-01T00:00:00Z')
  // A sweep died right after claiming her notice, before queueing it: the next sweep sends it.
  // (The worker's own scheduled sweep may get there first; either way she is told once.)
  await retentionStore(t.database.db).claimNotice({
    subjectRef: 'subject:customer/3',
    target: 'shop_db:P2Y:last-activity:anonymise',
    clockAt: new Date('2026-06-01T09:00:00Z'),
    locale: 'en',
    deleteOn: new Date('2028-07-31T00:00:00Z'),
    at: clock,
  })
  const late = await sweep()
  assert.equal(late.status, 'completed', late.error)
  assert.deepEqual(await customers(), [1, 3])
  const noura = await smtp.waitFor((m) => /noura\.k@example\.com/i.test(mailHeader(m, 'To') ?? ''))
  assert.equal(mailSubject(noura), 'Your RUMROM Bakery account will be deleted on 31 July 2028')
  clock = new Date('2028-07-31T00:00:01Z')
  await sweep()
  assert.deepEqual(await customers(), [1])

  await new Promise((r) => setTimeout(r, 500))
  assert.equal(notices().length, 3, 'one notice per person and period, never two')
  const audit = JSON.stringify(await t.database.db.selectFrom('audit_entry').selectAll().execute())
  assert.doesNotMatch(audit, /layla|yousef|noura/i, 'the ledger names no one')
})

const eventsKey = async () => {
  const developer = await addMember(t, 'developer')
  const actor = { id: developer.id, role: 'developer' as const, permissions: capabilitiesOf('developer') }
  const created = await staffAccessFor(t).createApiKey(actor, { name: 'shop', scopes: ['events:write'] })
  assert.ok(created.ok)
  return { authorization: `Bearer ${created.key}` }
}
