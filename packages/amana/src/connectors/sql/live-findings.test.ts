import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  isProtected,
  personalKindByName,
  protectionOfKind,
  sampledKind,
  valueShape,
} from './live-findings.ts'

test('columns named like personal data are recognised, product-ish names are not', () => {
  assert.equal(personalKindByName('contact_email'), 'email address')
  assert.equal(personalKindByName('Mobile'), 'phone number')
  assert.equal(personalKindByName('civil_id'), 'national ID')
  assert.equal(personalKindByName('passport_no'), 'passport number')
  assert.equal(personalKindByName('iban'), 'bank account')
  assert.equal(personalKindByName('dob'), 'date of birth')
  assert.equal(personalKindByName('shipping_name'), 'personal name')
  assert.equal(personalKindByName('name_en'), undefined)
  assert.equal(personalKindByName('sku'), undefined)
})

test('value shapes: emails, phones, Luhn-valid card numbers; order numbers and codes are not', () => {
  assert.equal(valueShape('jane@example.com'), 'email address')
  assert.equal(valueShape('+965 9909 5385'), 'phone number')
  assert.equal(valueShape('4111 1111 1111 1111'), 'card number')
  assert.equal(valueShape('4111111111111112'), undefined, 'fails the Luhn check')
  assert.equal(valueShape('ORD-10023'), undefined)
  assert.equal(valueShape('12345'), undefined)
})

test('a column is judged by most of its sample, never by one value among many', () => {
  assert.equal(sampledKind(['a@x.io', 'b@y.io', null, 'c@z.io']), 'email address')
  assert.equal(sampledKind(['a@x.io', 'hello', 'world', 'again']), undefined)
  assert.equal(sampledKind([null, '']), undefined)
})

test('national IDs must be vault tokens, secrets and recovery answers one-way hashes', () => {
  assert.equal(protectionOfKind('government-id'), 'token')
  assert.equal(protectionOfKind('recovery-qa'), 'hash')
  assert.equal(protectionOfKind('contact'), undefined)
  assert.equal(isProtected('token', 'tok_AAAAAAAAAAAAAAAAAAAAAAAA'), true)
  assert.equal(isProtected('token', '287010112345'), false)
  assert.equal(isProtected('hash', `$2b$12$${'a'.repeat(53)}`), true)
  assert.equal(isProtected('hash', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'), true)
  assert.equal(
    isProtected(
      'hash',
      '$scrypt$ln=14,r=8,p=1$sRYzH5bc/I7UDXJqYVAuUA$IBgqQ71vQMClAnuz6qiCaC0rpkoxo9rjaD2TsEBQjTY',
    ),
    true,
  )
  assert.equal(isProtected('hash', 'Fluffy'), false)
  assert.equal(isProtected('hash', 'scrypt$demo$not-a-real-hash'), false)
  assert.equal(isProtected('hash', null), true, 'nothing stored is nothing in clear')
})
