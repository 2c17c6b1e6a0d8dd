import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkNewPassword, hashPassword, needsRehash, verifyPassword } from './domain/password.ts'

test('scrypt hashes carry their parameters and verify only the right password', async () => {
  const password = `pw-${crypto.randomUUID()}`
  const stored = await hashPassword(password)
  assert.match(stored, /^scrypt\$N=32768,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/)
  assert.equal(await verifyPassword(password, stored), true)
  assert.equal(await verifyPassword(`${password}x`, stored), false)
  assert.notEqual(await hashPassword(password), stored, 'salted')
  assert.equal(needsRehash(stored), false)
  assert.equal(needsRehash(stored.replace('N=32768', 'N=16384')), true)
  assert.equal(await verifyPassword(password, 'not-a-hash'), false)
})

test('new passwords need at least 12 characters', () => {
  assert.equal(checkNewPassword('short').ok, false)
  assert.equal(checkNewPassword('long enough phrase').ok, true)
})
