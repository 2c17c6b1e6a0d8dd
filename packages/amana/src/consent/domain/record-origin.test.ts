import assert from 'node:assert/strict'
import { test } from 'node:test'
import { cleanRecordOrigin, MAX_ORIGIN_LENGTH } from './record-origin.ts'

const cleaned = (value: string) => {
  const result = cleanRecordOrigin(value)
  assert.ok(result.ok, `${value} is accepted`)
  return result.value
}

test('a page URL is kept as origin and path: no query, fragment or credentials', () => {
  assert.equal(
    cleaned(
      'https://admin:hunter2@shop.example:8443/account/settings?email=layla%40example.com&phone=%2B96550001234#tab',
    ),
    'https://shop.example:8443/account/settings',
  )
  assert.equal(cleaned('http://shop.example'), 'http://shop.example/')
})

test('path segments that hold an email address or a phone number are replaced', () => {
  assert.equal(
    cleaned('https://shop.example/customers/layla%40example.com/prefs'),
    'https://shop.example/customers/*/prefs',
  )
  assert.equal(cleaned('https://shop.example/u/+965-5000-1234/consent'), 'https://shop.example/u/*/consent')
  assert.equal(cleaned('https://shop.example/orders/1234'), 'https://shop.example/orders/1234')
})

test('a long URL is capped', () => {
  assert.equal(cleaned(`https://shop.example/${'a'.repeat(2000)}`).length, MAX_ORIGIN_LENGTH)
})

test('labels pass as they are; free text, addresses and phone numbers are refused with the reason', () => {
  for (const ok of ['api', 'mail', 'banner:ar', 'app:checkout', 'notice/2026-01-05', 'pos.store-12'])
    assert.equal(cleaned(ok), ok)
  for (const bad of [
    'layla@example.com',
    '+96550001234',
    'account:96550001234',
    'signed up at the till, phone 5000 1234',
    'mailto:layla@example.com',
    '',
    'x'.repeat(65),
  ]) {
    const result = cleanRecordOrigin(bad)
    assert.equal(result.ok, false, `${bad} is refused`)
    if (!result.ok) assert.match(result.problem, /e\.g\. "/)
  }
})
