import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isAmanaError } from '../platform/errors/index.ts'
import { openKeyStore } from './key-store.ts'

test('an unreachable key store is reported naming AMANA_KEYSTORE_URL, not the main database, and no password', async () => {
  // Port 1 on loopback refuses at once.
  await assert.rejects(
    openKeyStore({ kind: 'postgres', url: 'postgres://keys:secret-pw@127.0.0.1:1/amana_keys' }),
    (error: unknown) => {
      assert.ok(isAmanaError(error) && error.code === 'DATABASE_UNREACHABLE', String(error))
      assert.match(error.message, /127\.0\.0\.1:1\/amana_keys/)
      assert.match(error.message, /Check AMANA_KEYSTORE_URL/)
      assert.doesNotMatch(error.message, /AMANA_DATABASE_URL/)
      assert.doesNotMatch(error.message, /secret-pw/)
      return true
    },
  )
})
