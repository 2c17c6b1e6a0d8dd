import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { openDatabase } from '../database.ts'
import { migrateToLatest } from '../migrate.ts'
import { migrations } from './index.ts'

test('0009-mail-purge removes the address and body of mail already sent, suppressed or failed, and keeps queued mail', async () => {
  const database = await openDatabase({ kind: 'pglite-memory' })
  try {
    const db = database.db as unknown as Kysely<unknown>
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'amana_migration',
      migrationLockTableName: 'amana_migration_lock',
    })
    const before = await migrator.migrateTo('0008-requests')
    assert.equal(before.error, undefined)
    for (const [id, status] of [
      ['00000000-0000-4000-8000-000000000001', 'sent'],
      ['00000000-0000-4000-8000-000000000002', 'suppressed'],
      ['00000000-0000-4000-8000-000000000003', 'failed'],
      ['00000000-0000-4000-8000-000000000004', 'queued'],
    ] as const)
      await sql`insert into mail_outbox (id, kind, recipient, recipient_hash, message, status, last_error, created_at)
        values (${id}, 'transactional', 'sara@example.com', 'keyed-hash',
          ${JSON.stringify({ subject: 'Your code is 551204', text: 'token=abc', headers: {} })}::jsonb,
          ${status}, ${status === 'failed' ? '550 <sara@example.com> unknown' : null}, now())`.execute(db)

    await migrateToLatest(database.db)

    const rows = await sql<{ status: string; recipient: string | null; message: unknown; hash: string }>`
      select status, recipient, message, recipient_hash as hash from mail_outbox order by id`.execute(db)
    for (const row of rows.rows.slice(0, 3)) {
      assert.equal(row.recipient, null, row.status)
      assert.equal(row.message, null, row.status)
      assert.equal(row.hash, 'keyed-hash', 'the proof stays')
    }
    assert.ok(!JSON.stringify(rows.rows.slice(0, 3)).includes('sara@'), 'nothing of the address is left')
    assert.equal(rows.rows[3]?.recipient, 'sara@example.com', 'a message still waiting can still be sent')
  } finally {
    await database.close()
  }
})
