import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDatabase } from '../../testing/test-database.ts'
import { migrateToLatest, migrationStatus, openDatabase } from './index.ts'

test('an unreachable PostgreSQL fails within the timeout, naming host and reason', async () => {
  const started = Date.now()
  // 192.0.2.0/24 is TEST-NET-1, never routed: a connect would hang without the timeout. Port 1 on loopback refuses.
  await assert.rejects(
    openDatabase(
      { kind: 'postgres', url: 'postgres://amana:secret-pw@127.0.0.1:1/amana' },
      { timeoutMs: 2000 },
    ),
    (error: Error) => {
      assert.match(error.message, /127\.0\.0\.1:1\/amana/)
      assert.match(error.message, /ECONNREFUSED|connect/i)
      assert.doesNotMatch(error.message, /secret-pw/, 'the password never appears')
      return true
    },
  )
  assert.ok(Date.now() - started < 5000)
})

test('migrations run once and the schema reports current', async () => {
  const database = await createTestDatabase()
  try {
    assert.deepEqual((await migrateToLatest(database.db)).applied, [], 'already migrated: nothing re-applied')
    assert.deepEqual(await migrationStatus(database.db), { current: true, pending: [] })
  } finally {
    await database.close()
  }
})
