import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestDatabase } from '../testing/test-database.ts'
import { retentionStore } from './store.ts'

// The own-records pass records its last run as a text setting (an ISO time) and the worker's
// minute check reads it back: before this test, that read threw on every check after the first
// pass, so Amana's own records were never swept again on schedule.
test('a setting reads back as it was put: text, a flag, an object', async (t) => {
  const database = await createTestDatabase()
  t.after(() => database.close())
  const store = retentionStore(database.db)
  const at = new Date('2026-06-01T00:00:00Z')
  const values = { 'own-records.last-run': at.toISOString(), paused: true, other: { a: [1, 'x'] } }
  for (const [key, value] of Object.entries(values)) await store.putSetting(key, value, at)
  for (const [key, value] of Object.entries(values)) assert.deepEqual(await store.setting(key), value, key)
  assert.equal(await store.setting('never-put'), undefined)
})
