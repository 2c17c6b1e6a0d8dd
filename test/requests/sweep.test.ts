import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatDate } from '@amana/web'
import { sweepRequests } from '../../packages/amana/src/requests/index.ts'
import {
  createLogAuditSink,
  createStaffAccess,
  deriveStaffKeys,
} from '../../packages/amana/src/staff/index.ts'
import { mailHeader, mailSubject } from '../../packages/amana/src/testing/smtp-inbox.ts'
import { createTestLogger } from '../../packages/amana/src/testing/test-app.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { setupRequests, verifiedRequest } from './harness.ts'
import { shopManifest } from './shop-manifest.ts'

const day = 86_400_000
const later = (at: Date, days: number) => new Date(at.getTime() + days * day)

// What the requests sweep keeps honest, as staff and requesters see it: a reminder before the
// deadline (once), an overdue flag (once), an unverified request declined, a package deleted.
test('the requests sweep reminds staff once, flags overdue once, declines the unverified, deletes expired packages', async (t) => {
  const h = await setupRequests({ shop: { kind: 'postgres', url: process.env.TEST_DATABASE_URL } })
  t.after(() => h.close())
  const access = await verifiedRequest(h, { type: 'access', email: customerEmail(1) })
  await h.drain()
  const unverified = await h.service.submit(
    { type: 'erasure', email: customerEmail(2), channel: 'email', requester: 'self', locale: 'en' },
    { ip: '203.0.113.7' },
  )
  assert.ok(unverified.ok)
  const row = await h.service.store.byId(access.id)
  assert.equal(row?.status, 'completed')
  assert.ok(await h.service.issueDownload(access.reference, access.token), 'a package to download')
  const dueAt = (row?.extended_due_at ?? row?.due_at) as Date

  // A week on, the request whose code was never entered is declined, with the reason the requester sees.
  const weekOn = later(h.clock.now, h.service.options.abandonAfterDays + 1)
  const first = await sweepRequests(h.service, weekOn)
  assert.deepEqual([first.abandoned, first.reminded, first.expiredPackages], [1, 0, 0])
  const declined = await h.service.statusOf(unverified.reference, unverified.token)
  assert.equal(declined?.row.status, 'denied')
  assert.match(declined?.row.denial_reason ?? '', /not confirmed/)

  // A verified erasure waits for staff: five days before its deadline the privacy contact is reminded, once.
  const waiting = await verifiedRequest(h, { type: 'erasure', email: customerEmail(3) })
  await h.drain()
  const open = await h.service.store.byId(waiting.id)
  assert.equal(open?.status, 'verified', 'an erasure waits for staff to approve it')
  const remindAt = later(open?.due_at as Date, -h.service.options.reminderDays + 0.5)
  assert.equal((await sweepRequests(h.service, remindAt)).reminded, 1)
  const reminder = await h.mailTo('privacy@rumrom.example', (m) => m.subject.startsWith('Privacy request'))
  // The contact is no staff member: the shop's first language (English), the date as the console writes it.
  assert.equal(
    reminder.subject,
    `Privacy request ${waiting.reference} is due on ${formatDate('en', open?.due_at as Date)}`,
  )
  assert.match(reminder.text, new RegExp(`/admin/requests/${waiting.id}\\?lang=en`))
  assert.equal((await sweepRequests(h.service, later(remindAt, 0.1))).reminded, 0, 'reminded once')

  // Past its deadline it is flagged overdue, once; and the access package's download period has ended:
  // the file is deleted and the status page offers no download.
  const pastDue = later(open?.due_at as Date, 1)
  assert.ok(pastDue > later(dueAt, 0), 'the access package was due first')
  const late = await sweepRequests(h.service, pastDue)
  assert.equal(late.overdue, 1)
  assert.equal(late.expiredPackages, 1)
  assert.equal((await sweepRequests(h.service, later(pastDue, 0.1))).overdue, 0, 'flagged once')
  assert.equal(await h.service.issueDownload(access.reference, access.token), undefined)
  assert.ok((await h.service.store.events(access.id)).some((e) => e.kind === 'package-deleted'))
  assert.ok((await h.service.store.events(waiting.id)).some((e) => e.kind === 'overdue'))
})

// The privacy contact is a staff member who reads Arabic: the reminder comes in Arabic, its reference
// and date isolated for bidi; once they switch to English on "My account", the next one is English.
test('a deadline reminder reaches a staff member in the language they chose', async (t) => {
  const h = await setupRequests({ shop: { kind: 'postgres', url: process.env.TEST_DATABASE_URL } })
  t.after(() => h.close())
  const access = createStaffAccess({
    db: h.database.db,
    keys: deriveStaffKeys({
      sessionSecret: 'sweep-test-session-secret-0123456789',
      rootKey: Buffer.alloc(32, 7),
    }),
    audit: createLogAuditSink(createTestLogger()),
    now: () => h.clock.now,
    publicUrl: 'http://amana.test',
    issuer: 'Amana test',
  })
  const member = await access.createMember({
    email: 'Privacy@rumrom.example',
    role: 'privacy-officer',
    language: 'ar',
  })
  assert.ok(member.ok)
  assert.equal(member.staff.language, 'ar')

  const first = await verifiedRequest(h, { type: 'erasure', email: customerEmail(4) })
  await h.drain()
  const row = await h.service.store.byId(first.id)
  const dueAt = row?.due_at as Date
  const remindAt = later(dueAt, -h.service.options.reminderDays + 0.5)
  assert.equal((await sweepRequests(h.service, remindAt)).reminded, 1)
  const arabic = await h.mailTo('privacy@rumrom.example', (m) => m.subject.includes(first.reference))
  assert.equal(
    arabic.subject,
    `يحين موعد الرد على طلب الخصوصية \u2068${first.reference}\u2069 في \u2068${formatDate('ar', dueAt)}\u2069`,
  )
  assert.match(arabic.text, /حذف بياناتي/, 'the request type as the console names it in Arabic')
  assert.match(arabic.text, new RegExp(`/admin/requests/${first.id}\\?lang=ar`))
  const raw = h.inbox.received.find((m) => mailSubject(m).startsWith('يحين')) ?? ''
  assert.equal(mailHeader(raw, 'Content-Language'), 'ar')

  const changed = await access.changeLanguage(
    { id: member.staff.id, role: 'privacy-officer', permissions: new Set() },
    'en',
  )
  assert.ok(changed.ok)
  const second = await verifiedRequest(h, { type: 'erasure', email: customerEmail(5) })
  await h.drain()
  const secondDue = (await h.service.store.byId(second.id))?.due_at as Date
  assert.equal(
    (await sweepRequests(h.service, later(secondDue, -h.service.options.reminderDays + 0.5))).reminded,
    1,
  )
  const english = await h.mailTo('privacy@rumrom.example', (m) => m.subject.includes(second.reference))
  assert.equal(
    english.subject,
    `Privacy request ${second.reference} is due on ${formatDate('en', secondDue)}`,
  )
  assert.match(english.text, /Delete my data/)
})

// A shared inbox that is no staff account reads the reminder in the shop's first declared language.
test("a deadline reminder to an address that is no staff account is in the organisation's first language", async (t) => {
  const manifest = structuredClone(shopManifest('postgres'))
  manifest.organisation.languages = ['ar', 'en']
  const h = await setupRequests({ shop: { kind: 'postgres', url: process.env.TEST_DATABASE_URL }, manifest })
  t.after(() => h.close())
  const waiting = await verifiedRequest(h, { type: 'erasure', email: customerEmail(6) })
  await h.drain()
  const dueAt = (await h.service.store.byId(waiting.id))?.due_at as Date
  assert.equal(
    (await sweepRequests(h.service, later(dueAt, -h.service.options.reminderDays + 0.5))).reminded,
    1,
  )
  const mail = await h.mailTo('privacy@rumrom.example', (m) => m.subject.includes(waiting.reference))
  assert.match(mail.subject, /^يحين موعد الرد/)
})
