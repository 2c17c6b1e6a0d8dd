import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { AmanaDatabase } from '../platform/db/index.ts'
import { loadDemoManifest } from '../testing/test-app.ts'
import { createTestDatabase } from '../testing/test-database.ts'
import { planOwnRecords } from './plan.ts'
import { addSentMail } from './testing.ts'

// `amana retention plan` lists Amana's own records beside the shop's rules: how many sent mails
// (kept 90 days) fall due today, within a week and within a month. Reads only.

const DAY = 86_400_000
const now = new Date('2026-06-01T00:00:00Z')
let database: AmanaDatabase

before(async () => {
  database = await createTestDatabase()
})
after(async () => {
  await database?.close()
})

const sent = (daysAgo: number) => addSentMail(database.db, new Date(now.getTime() - daysAgo * DAY))

test('mail sent 89.5 and 80 days ago: one due today, one more within the month; nothing is deleted', async () => {
  await sent(89.5)
  await sent(80)
  const { manifest } = await loadDemoManifest()
  const lines = await planOwnRecords({ db: database.db, manifest, now: () => now })
  const mail = lines.find((l) => l.table === 'mail_outbox')
  assert.deepEqual(mail?.due, { today: 1, week: 1, month: 2 })
  assert.equal(mail?.keep, 'P90D')
  assert.deepEqual(
    lines.map((l) => l.table),
    ['mail_outbox', 'dsr_code', 'dsr_request', 'consent_record'],
  )
  assert.equal((await database.db.selectFrom('mail_outbox').select('id').execute()).length, 2)
})
