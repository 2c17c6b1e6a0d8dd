import assert from 'node:assert/strict'
import { test } from 'node:test'
import { normaliseEmail, normaliseForIndex, normalisePhone } from './normalise.ts'

test('emails are trimmed and lower-cased', () => {
  assert.equal(normaliseEmail('  Sara.Haddad@Example.COM '), 'sara.haddad@example.com')
})

test('phone numbers become digits with their country code', () => {
  assert.equal(normalisePhone('+44 20 7946 0958'), '442079460958')
  assert.equal(normalisePhone('0044 (20) 7946-0958'), '442079460958')
  assert.equal(normalisePhone('020 7946 0958', { defaultCountryCode: '44' }), '442079460958')
  assert.equal(normalisePhone('+966 50 123 4567'), '966501234567')
})

test('unknown kinds are indexed exactly as given', () => {
  assert.equal(normaliseForIndex('loyalty-id', ' AB12 '), ' AB12 ')
  assert.equal(normaliseForIndex('text', '  Rue  du   Pain '), 'rue du pain')
})
