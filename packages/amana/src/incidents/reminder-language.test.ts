import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createStaffLanguageReader } from '../staff/index.ts'
import { addMember, asStaff } from '../staff/testing.ts'
import { decodeMail, type MailFlow, startMailFlow } from '../testing/mail-flow.ts'
import { mailHeader } from '../testing/smtp-inbox.ts'
import { mailLanguagesOf } from './mail-languages.ts'

// The response team hears about a clock in their own language: a staff member in the one they chose,
// any other address in the organisation's first declared language.
describe('incident team reminders go in each member’s language', () => {
  const clock = { now: new Date('2026-05-10T20:00:00Z') }
  let flow: MailFlow
  before(async () => {
    flow = await startMailFlow({ role: 'owner', now: () => new Date(clock.now) })
    await addMember(flow.t, 'support-agent', 'amal@staff.example', 'ar')
  })
  after(async () => {
    await flow?.close()
  })

  test('a staff member who reads Arabic gets it in Arabic; an address outside the staff, in the shop’s first language', async () => {
    const opened = await flow.t.app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: asStaff(flow.staff),
      payload: {
        discoveredAt: '2026-05-10T08:00:00Z',
        summary: 'Reminder language check',
        systems: ['shop_db'],
        team: ['Amal@staff.example', 'security@rumrom.example'],
      },
    })
    assert.equal(opened.statusCode, 201, opened.body)
    const reference = opened.json().reference as string
    // 20:00 is 12 h after discovery: half of the 24 h Kuwaiti clock has passed, the reminder is due now.
    const to = (address: string) => (raw: string) => decodeMail(raw).to.toLowerCase().includes(address)
    const arabicRaw = await flow.smtp.waitFor(to('amal@staff.example'), 20_000)
    const englishRaw = await flow.smtp.waitFor(to('security@rumrom.example'), 20_000)
    const arabic = decodeMail(arabicRaw)
    const english = decodeMail(englishRaw)
    assert.equal(mailHeader(arabicRaw, 'Content-Language'), 'ar')
    assert.equal(mailHeader(englishRaw, 'Content-Language'), 'en')
    assert.ok(arabic.subject.startsWith(`\u2068${reference}\u2069: بقي ١٢ ساعة لإخطار `), arabic.subject)
    assert.match(arabic.text, /اكتُشفت في \u2068١٠ مايو ٢٠٢٦/)
    assert.ok(english.subject.startsWith(`${reference}: 12 h left to notify `), english.subject)
    assert.match(english.text, /discovered 10 May 2026 at 08:00 UTC/)
    assert.match(english.text, /by 11 May 2026 at 08:00 UTC \(24 h from discovery\)/)
  })

  test('with Arabic declared first, an address outside the staff reads Arabic; a member who chose English, English', async () => {
    await addMember(flow.t, 'viewer', 'omar@staff.example', 'en')
    const manifest = structuredClone(flow.t.ctx.manifest.manifest)
    manifest.organisation.languages = ['ar', 'en']
    const languages = await mailLanguagesOf(
      { manifest, staffLanguages: createStaffLanguageReader(flow.t.database.db) },
      ['Omar@Staff.example', 'team@outside.example', 'amal@staff.example'],
    )
    assert.deepEqual(Object.fromEntries(languages), {
      'Omar@Staff.example': 'en',
      'team@outside.example': 'ar',
      'amal@staff.example': 'ar',
    })
  })
})
