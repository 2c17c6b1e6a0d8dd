import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ownRecordsDeps } from '../app/own-records-deps.ts'
import { sweepOwnRecords } from '../own-records/index.ts'
import { addSentMail } from '../own-records/testing.ts'
import { capabilitiesOf } from '../staff/index.ts'
import { addMember, asStaff, signIn, staffAccessFor } from '../staff/testing.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'

/** A key for the shop's backend, made by a developer as `amana api-key create` would. */
const eventsKey = async (t: TestApp, scopes: ('events:write' | 'decisions:read')[] = ['events:write']) => {
  const developer = await addMember(t, 'developer')
  const actor = { id: developer.id, role: 'developer' as const, permissions: capabilitiesOf('developer') }
  const created = await staffAccessFor(t).createApiKey(actor, { name: `shop-${scopes.join('+')}`, scopes })
  assert.ok(created.ok)
  return { authorization: `Bearer ${created.key}` }
}

const post = (t: TestApp, headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/v1/events', headers, payload: payload as object })

test('an event with an unknown type, subject kind or table is refused naming the field and the fix', async () => {
  const t = await createTestApp()
  try {
    const headers = await eventsKey(t)
    const cases: [unknown, string, RegExp][] = [
      [{ type: 'order.shipped', records: [{ table: 'orders', key: '1' }] }, 'type', /order\.fulfilled/],
      [{ type: 'account.closed', subject: { kind: 'robot', id: '1' } }, 'subject.kind', /customer, visitor/],
      [
        { type: 'order.fulfilled', records: [{ table: 'ordres', key: '1' }] },
        'records[0].table',
        /not a table/,
      ],
      [{ type: 'order.fulfilled' }, 'subject', /name the subject/],
    ]
    for (const [payload, field, fix] of cases) {
      const response = await post(t, headers, payload)
      assert.equal(response.statusCode, 400, response.body)
      const error = response.json().error
      assert.equal(error.code, 'VALIDATION_FAILED')
      assert.equal(error.details[0].field, field)
      assert.match(error.details[0].message, fix)
      assert.match(error.message, new RegExp(field.replace(/[[\].]/g, '\\$&')))
    }
    const refused = await post(t, await eventsKey(t, ['decisions:read']), {
      type: 'order.fulfilled',
      records: [{ table: 'orders', key: '1' }],
    })
    assert.equal(refused.statusCode, 403)
  } finally {
    await t.close()
  }
})

test('an event starts a clock the dry run counts; the pause switch is audited and stops sweeps', async () => {
  const t = await createTestApp({ now: () => new Date('2034-01-01T00:00:00Z') })
  try {
    const accepted = await post(t, await eventsKey(t), {
      type: 'order.fulfilled',
      occurredAt: '2026-03-11T17:00:00Z',
      records: [{ table: 'orders', key: '1' }],
    })
    assert.equal(accepted.statusCode, 202, accepted.body)
    assert.deepEqual(accepted.json(), { event: 'order-fulfilled', clocks: 1, immediate: [] })

    const officer = await addMember(t, 'privacy-officer')
    const session = await signIn(t, officer.email, officer.password)
    const plan = await t.app.inject({
      method: 'GET',
      url: '/v1/retention/plan',
      headers: asStaff(session, false),
    })
    assert.equal(plan.statusCode, 200, plan.body)
    const orders = (plan.json().lines as { table: string; after: string; due: { today: number } }[]).find(
      (l) => l.table === 'orders' && l.after === 'order-fulfilled',
    )
    assert.equal(orders?.due.today, 1)

    const paused = await t.app.inject({
      method: 'PUT',
      url: '/v1/retention/pause',
      headers: asStaff(session),
      payload: { paused: true, reason: 'auditor asked to keep everything for now' },
    })
    assert.equal(paused.statusCode, 200, paused.body)
    const sweep = await t.services.retention.sweep({ trigger: 'test' })
    assert.equal(sweep.status, 'paused')
    const entries = await t.database.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_type', 'actor_id'])
      .where('action', 'like', 'retention.%')
      .execute()
    assert.deepEqual(entries, [{ action: 'retention.paused', actor_type: 'staff', actor_id: officer.id }])
  } finally {
    await t.close()
  }
})

test('the console retention page: upcoming deletions per category and system, the last sweeps, and an audited pause switch, in English and Arabic', async () => {
  const t = await createTestApp({ now: () => new Date('2034-01-01T00:00:00Z') })
  try {
    const accepted = await post(t, await eventsKey(t), {
      type: 'order.fulfilled',
      occurredAt: '2026-03-11T17:00:00Z',
      records: [{ table: 'orders', key: '1' }],
    })
    assert.equal(accepted.statusCode, 202, accepted.body)
    const officer = await addMember(t, 'privacy-officer')
    const session = await signIn(t, officer.email, officer.password)
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/retention?lang=en',
      headers: asStaff(session, false),
    })
    assert.equal(page.statusCode, 200, page.body)
    assert.match(page.body, /<a href="\/admin\/retention\?lang=en" aria-current="page">Retention<\/a>/)
    assert.match(page.body, /Running: sweeps carry out the rules on schedule\./)
    // The order fulfilled eight years ago is due today: one row of the orders table.
    assert.match(
      page.body,
      /<tr><td>Payment information, Order history<\/td><td><code>shop_db<\/code><\/td><td><code>orders<\/code><\/td><td>rows<\/td><td>1<\/td><td>1<\/td><td>1<\/td><\/tr>/,
    )
    assert.match(page.body, /No sweep has run yet\./)
    assert.match(page.body, /href="\/v1\/retention\/report\?format=html&amp;lang=en"/)

    const pause = await t.app.inject({
      method: 'POST',
      url: '/admin/retention/pause?lang=ar',
      headers: { ...asStaff(session, false), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        csrf: session.csrf,
        paused: 'true',
        reason: 'auditor visit',
      }).toString(),
    })
    assert.equal(pause.statusCode, 303, pause.body)
    assert.equal(pause.headers.location, '/admin/retention?lang=ar')
    assert.equal(await t.services.retention.paused(), true)
    const entry = await t.database.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_type', 'actor_id'])
      .where('action', '=', 'retention.paused')
      .executeTakeFirst()
    assert.deepEqual(entry, { action: 'retention.paused', actor_type: 'staff', actor_id: officer.id })

    const arabic = await t.app.inject({
      method: 'GET',
      url: '/admin/retention?lang=ar',
      headers: asStaff(session, false),
    })
    assert.match(arabic.body, /<html lang="ar" dir="rtl"/)
    assert.match(arabic.body, /متوقف: لا تحذف أي عملية حذف دوري شيئًا/)
    assert.match(arabic.body, /استئناف الاحتفاظ/)

    // Without the CSRF token the switch does not move; a member without retention:read gets no page.
    const forged = await t.app.inject({
      method: 'POST',
      url: '/admin/retention/pause',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'paused=false',
    })
    assert.equal(forged.statusCode, 403)
    assert.equal(await t.services.retention.paused(), true)
  } finally {
    await t.close()
  }
})

const sentMail = (t: TestApp, now: Date, daysAgo: number) =>
  addSentMail(t.database.db, new Date(now.getTime() - daysAgo * 86_400_000))

test("the console retention page shows each pass over Amana's own records: when, what it removed per kind and the period applied, in English and Arabic, paused with retention", async () => {
  const now = new Date('2034-01-01T00:00:00Z')
  const t = await createTestApp({ now: () => now })
  try {
    const officer = await addMember(t, 'privacy-officer')
    const session = await signIn(t, officer.email, officer.password)
    const pageIn = async (lang: 'en' | 'ar') => {
      const page = await t.app.inject({
        method: 'GET',
        url: `/admin/retention?lang=${lang}`,
        headers: asStaff(session, false),
      })
      assert.equal(page.statusCode, 200, page.body)
      return page.body
    }
    assert.match(await pageIn('en'), /<h2>Amana&#39;s own records<\/h2>[\s\S]*No pass has run yet\./)

    // Two mails sent 100 days ago are past their 90 days: a real pass deletes them.
    await sentMail(t, now, 100)
    await sentMail(t, now, 100)
    await sentMail(t, now, 10)
    const report = await sweepOwnRecords(ownRecordsDeps(t.services), 'schedule')
    assert.equal(report.status === 'done' && report.counts.sentMail, 2)

    const english = await pageIn('en')
    assert.match(
      english,
      /<th scope="col">Sent mail deleted<\/th><th scope="col">Verification codes deleted<\/th><th scope="col">Requests reduced to a stub<\/th><th scope="col">Replaced consent records deleted<\/th>/,
    )
    assert.match(
      english,
      /<td dir="ltr">schedule<\/td><td>2 <small>\(kept 90 days\)<\/small><\/td><td>0 <small>\(kept 1 day\)<\/small><\/td><td>0 <small>\(kept 3 years\)<\/small><\/td><td>0 <small>\(kept 3 years\)<\/small><\/td><\/tr>/,
    )
    assert.doesNotMatch(english, /No pass has run yet/)
    const arabic = await pageIn('ar')
    assert.match(arabic, /<h2>سجلات أمانة الخاصة<\/h2>/)
    assert.match(arabic, /<th scope="col">البريد المُرسَل المحذوف<\/th>/)
    assert.match(arabic, /<td dir="ltr">schedule<\/td><td>٢ <small>\(مدة الاحتفاظ 90 يومًا\)<\/small><\/td>/)

    // The pass stops with retention's pause switch, and the page says so.
    await t.services.retention.setPaused(true, { type: 'staff', id: officer.id })
    await sentMail(t, now, 100)
    assert.deepEqual(await sweepOwnRecords(ownRecordsDeps(t.services), 'schedule'), { status: 'paused' })
    assert.match(
      await pageIn('en'),
      /Paused with retention: no pass removes anything until retention is resumed\./,
    )
    assert.match(await pageIn('ar'), /متوقفة مع الاحتفاظ/)
  } finally {
    await t.close()
  }
})

test('each download of the retention report is audited: who took it, in which format and language; the page links its PDF', async () => {
  const t = await createTestApp({ now: () => new Date('2034-01-01T00:00:00Z') })
  try {
    const officer = await addMember(t, 'privacy-officer')
    const session = await signIn(t, officer.email, officer.password)
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/retention?lang=ar',
      headers: asStaff(session, false),
    })
    assert.match(page.body, /href="\/v1\/retention\/report\?format=pdf&amp;lang=ar"/)
    for (const url of ['/v1/retention/report?format=html&lang=ar', '/v1/retention/report']) {
      const report = await t.app.inject({ method: 'GET', url, headers: asStaff(session, false) })
      assert.equal(report.statusCode, 200, report.body)
    }
    await t.services.audit.flush()
    const entries = await t.database.db
      .selectFrom('audit_entry')
      .select(['actor_type', 'actor_id', 'body'])
      .where('action', '=', 'retention.report-exported')
      .orderBy('seq')
      .execute()
    // The body's last field holds the details (audit/domain/entry.ts).
    const details = (body: string) => (JSON.parse(body) as unknown[])[12] as { format: string; lang: string }
    assert.deepEqual(
      entries.map((e) => [e.actor_type, e.actor_id, details(e.body).format, details(e.body).lang]),
      [
        ['staff', officer.id, 'html', 'ar'],
        ['staff', officer.id, 'csv', 'en'],
      ],
    )
  } finally {
    await t.close()
  }
})
