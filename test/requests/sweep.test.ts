import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sweepRequests } from '../../packages/amana/src/requests/index.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { setupRequests, verifiedRequest } from './harness.ts'

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
  assert.match(
    reminder.subject,
    new RegExp(`Privacy request ${waiting.reference} is due on \\d{4}-\\d{2}-\\d{2}`),
  )
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
