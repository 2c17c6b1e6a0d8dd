import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { asStaff } from '../staff/testing.ts'
import { decodeMail as decode, type MailFlow, startMailFlow } from '../testing/mail-flow.ts'

describe('privacy complaints', () => {
  const clock = { now: new Date('2026-06-01T10:00:00Z') }
  let flow: MailFlow
  /** The clock jumps by weeks here, past a session's lifetime: sign in again at the new time. */
  const moveClock = async (to: string) => {
    clock.now = new Date(to)
    await flow.signInAgain()
  }
  before(async () => {
    flow = await startMailFlow({ role: 'privacy-officer', now: () => new Date(clock.now) })
  })
  after(async () => {
    await flow?.close()
  })
  const staffGet = (url: string) => flow.t.app.inject({ method: 'GET', url, headers: asStaff(flow.staff) })

  test('a complaint filed in Arabic is acknowledged in Arabic, with the routes beyond the shop, and is overdue on day 31', async () => {
    const filed = await flow.t.app.inject({
      method: 'POST',
      url: '/privacy/complaints?lang=ar',
      payload:
        'locale=ar&email=maryam%40example.com&summary=%D9%84%D9%85+%D8%AA%D8%AD%D8%B0%D9%81%D9%88%D8%A7+%D8%A8%D9%8A%D8%A7%D9%86%D8%A7%D8%AA%D9%8A',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(filed.statusCode, 201, filed.body)
    assert.match(filed.body, /dir="rtl"/)
    assert.match(filed.body, /استلمنا شكواك \u2068CMP-/)
    const reference = /CMP-[0-9A-F]{8}/.exec(filed.body)?.[0]
    assert.ok(reference)

    const mail = decode(await flow.smtp.waitFor((m) => decode(m).to.includes('maryam@example.com')))
    assert.match(mail.subject, /استلمنا شكواك بشأن الخصوصية/)
    assert.match(mail.text, new RegExp(reference))
    assert.match(mail.text, /سنرد عليك في موعد أقصاه/)
    // RUMROM's manifest: CITRA, mediation, arbitration and the consumer protection department — in Arabic.
    assert.match(mail.text, /هيئة الاتصالات وتقنية المعلومات/)
    assert.match(mail.text, /الوساطة/)
    assert.match(mail.text, /التحكيم/)
    assert.match(mail.text, /إدارة حماية المستهلك في وزارة التجارة والصناعة/)
    assert.doesNotMatch(mail.text, /complaint|mediation/i)

    const listed = (await staffGet('/v1/complaints')).json().complaints
    const mine = listed.find((c: { reference: string }) => c.reference === reference)
    assert.equal(mine.locale, 'ar')
    assert.equal(mine.dueAt, '2026-07-01T10:00:00.000Z')
    assert.equal(mine.overdue, false)
    assert.ok(mine.acknowledgedAt)

    await moveClock('2026-07-01T09:59:00Z') // day 30, a minute before the due time
    let row = (await staffGet('/v1/complaints'))
      .json()
      .complaints.find((c: { reference: string }) => c.reference === reference)
    assert.equal(row.day, 30)
    assert.equal(row.overdue, false)
    assert.equal((await staffGet('/v1/complaints?overdue=1')).json().complaints.length, 0)
    await moveClock('2026-07-01T11:00:00Z') // day 31
    row = (await staffGet('/v1/complaints'))
      .json()
      .complaints.find((c: { reference: string }) => c.reference === reference)
    assert.equal(row.day, 31)
    assert.equal(row.overdue, true)
    assert.deepEqual(
      (await staffGet('/v1/complaints?overdue=1'))
        .json()
        .complaints.map((c: { reference: string }) => c.reference),
      [reference],
    )

    // Assigned and resolved: no longer overdue. Reading its text is audited.
    const resolved = await flow.t.app.inject({
      method: 'PATCH',
      url: `/v1/complaints/${row.id}`,
      headers: asStaff(flow.staff),
      payload: {
        assignee: 'privacy@rumrom.example',
        note: 'Called the customer',
        resolution: 'Data deleted on 2 July',
      },
    })
    assert.equal(resolved.statusCode, 200, resolved.body)
    assert.equal(resolved.json().overdue, false)
    const read = (await staffGet(`/v1/complaints/${row.id}`)).json()
    assert.equal(read.summary, 'لم تحذفوا بياناتي')
    assert.deepEqual(
      read.timeline.map((e: { kind: string }) => e.kind),
      ['received', 'acknowledged', 'assigned', 'note', 'resolved'],
    )
    await flow.t.services.audit.flush()
    const audited = await flow.t.database.db
      .selectFrom('audit_entry')
      .select('action')
      .where('body', 'like', `%${row.id}%`)
      .orderBy('seq')
      .execute()
    assert.ok(audited.some((a) => a.action === 'complaint.read'))
  })

  test('staff log a complaint that came by phone; bad input names the field; a flood from one address is refused', async () => {
    await moveClock('2026-06-01T10:00:00Z')
    const logged = await flow.t.app.inject({
      method: 'POST',
      url: '/v1/complaints/logged',
      headers: asStaff(flow.staff),
      payload: {
        channel: 'phone',
        locale: 'en',
        email: 'caller@example.com',
        summary: 'Keeps getting SMS after opting out',
      },
    })
    assert.equal(logged.statusCode, 201, logged.body)
    assert.equal(logged.json().channel, 'phone')
    const mail = decode(await flow.smtp.waitFor((m) => decode(m).to.includes('caller@example.com')))
    assert.match(mail.subject, /we received your privacy complaint/)
    assert.match(mail.text, /Communication and Information Technology Regulatory Authority/)

    const bad = await flow.t.app.inject({
      method: 'POST',
      url: '/v1/complaints',
      payload: { email: 'not-an-address', summary: 'x' },
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.json().error.message, /email/)
    const codes: number[] = []
    for (let i = 0; i < 6; i++)
      codes.push(
        (
          await flow.t.app.inject({
            method: 'POST',
            url: '/v1/complaints',
            remoteAddress: '203.0.113.9',
            payload: { email: `flood${i}@example.com`, summary: 'spam' },
          })
        ).statusCode,
      )
    assert.deepEqual(codes, [201, 201, 201, 201, 201, 429])
  })
})
