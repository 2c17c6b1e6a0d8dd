import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { createTestApp } from '../testing/test-app.ts'
import { isOwnSweepDue } from './jobs.ts'
import { addSentMail } from './testing.ts'

// The worker runs the own-records pass by itself on retention's schedule: a mail sent 100 days ago
// disappears from the outbox without anyone asking, and the pass is in the ledger.

const DAY = 86_400_000

test('due when there was no pass, or the last one is the schedule old; not before', () => {
  const now = new Date('2026-06-01T00:00:00Z')
  assert.equal(isOwnSweepDue(undefined, now, 24), true)
  assert.equal(isOwnSweepDue(new Date(now.getTime() - 24 * 3_600_000).toISOString(), now, 24), true)
  assert.equal(isOwnSweepDue(new Date(now.getTime() - 23 * 3_600_000).toISOString(), now, 24), false)
})

test('a worker deletes a mail sent 100 days ago on its own, and audits the pass', async () => {
  const now = new Date()
  const t = await createTestApp({ worker: true })
  try {
    const id = await addSentMail(t.database.db, new Date(now.getTime() - 100 * DAY))
    const gone = async () =>
      (await t.database.db.selectFrom('mail_outbox').select('id').where('id', '=', id).execute()).length === 0
    // The ledger commits its entries in groups, a moment after the pass's own delete: wait for both.
    const audited = async () =>
      (
        await t.database.db
          .selectFrom('audit_entry')
          .select('action')
          .where('action', '=', 'retention.own-records')
          .execute()
      ).length >= 1
    for (let i = 0; i < 60 && !((await gone()) && (await audited())); i++) await sleep(500)
    assert.ok(await gone(), 'the scheduled pass deleted it')
    assert.ok(await audited(), 'the pass is in the ledger')
  } finally {
    await t.close()
  }
})
