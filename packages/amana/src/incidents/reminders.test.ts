import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { addMember, asStaff, type SignedIn, signIn } from '../staff/testing.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { incidentReminderJob, remindTeam } from './index.ts'

describe('incident reminders are pg-boss jobs scheduled per clock, sent once', () => {
  const clock = { now: new Date('2026-05-10T20:00:00Z') }
  let t: TestApp
  let owner: SignedIn
  before(async () => {
    t = await createTestApp({ now: () => new Date(clock.now), worker: true })
    const member = await addMember(t, 'owner')
    owner = await signIn(t, member.email, member.password)
  })
  after(async () => {
    await t?.close()
  })

  test('opening schedules each reminder for its moment; the one already due is mailed once', async () => {
    const startedAt = Date.now()
    const opened = await t.app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: asStaff(owner),
      payload: {
        discoveredAt: '2026-05-10T08:00:00Z',
        summary: 'Reminder job check',
        systems: ['shop_db'],
        team: ['security@rumrom.example', 'Fatima (on call)'],
      },
    })
    assert.equal(opened.statusCode, 201, opened.body)
    const id = opened.json().id as string
    const jobs = await sql<{ key: string; start_after: Date }>`
      select data->>'key' as key, start_after from amana_jobs.job
      where name = ${`${incidentReminderJob.name}.v${incidentReminderJob.version}`} and data->>'incidentId' = ${id}
      order by start_after, key`.execute(t.database.db)
    const byKey = new Map(jobs.rows.map((r) => [r.key, new Date(r.start_after).getTime() - startedAt]))
    // 20:00 is 12 h after discovery: half of CITRA's 24 h has passed, so that reminder is due now;
    // the last fifth (4.8 h left) is at 03:12, 7.2 h from now.
    assert.ok((byKey.get('kw:regulator:half') ?? Number.NaN) < 60_000, JSON.stringify([...byKey]))
    const lastFifth = byKey.get('kw:regulator:last-fifth') ?? Number.NaN
    assert.ok(Math.abs(lastFifth - 7.2 * 3_600_000) < 120_000, `last-fifth in ${lastFifth} ms`)
    // No point of an expired or no-deadline clock, no point twice.
    assert.equal(new Set(jobs.rows.map((r) => r.key)).size, jobs.rows.length)
    // The worker runs the due job: one mail to the one address in the team.
    // Addresses are sealed in the outbox: the team has one address, so one row per reminder.
    const mails = () => t.database.db.selectFrom('mail_outbox').select(['id']).execute()
    const deadline = Date.now() + 20_000
    while ((await mails()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    assert.equal((await mails()).length, 1)
    // The same job again (a retry, or scheduled twice): nothing more is sent.
    const again = await remindTeam(
      t.services.incidents,
      t.services.consent.mailer,
      { incidentId: id, key: 'kw:regulator:half' },
      new Date(clock.now),
    )
    assert.equal(again, 0)
    assert.equal((await mails()).length, 1)
    // A closed incident's later reminders send nothing.
    await t.app.inject({
      method: 'PATCH',
      url: `/v1/incidents/${id}`,
      headers: asStaff(owner),
      payload: { status: 'closed' },
    })
    const closed = await remindTeam(
      t.services.incidents,
      t.services.consent.mailer,
      { incidentId: id, key: 'kw:regulator:last-fifth' },
      new Date('2026-05-11T03:12:00Z'),
    )
    assert.equal(closed, 0)
  })
})
