import assert from 'node:assert/strict'
import { test } from 'node:test'
import { minutesPhrase, ta } from './admin-messages.ts'

test('the sign-in throttle says "a minute", never "1 minutes", and Arabic takes the number’s plural form', () => {
  assert.equal(
    ta('en', 'signin.locked', { wait: minutesPhrase('en', 1) }),
    'Too many failed sign-ins. Try again in a minute.',
  )
  assert.equal(minutesPhrase('en', 15), '15 minutes')
  assert.equal(minutesPhrase('ar', 1), 'دقيقة')
  assert.equal(minutesPhrase('ar', 2), 'دقيقتين')
  assert.equal(minutesPhrase('ar', 3), '3 دقائق')
  assert.equal(minutesPhrase('ar', 10), '10 دقائق')
  assert.equal(minutesPhrase('ar', 15), '15 دقيقة')
})
