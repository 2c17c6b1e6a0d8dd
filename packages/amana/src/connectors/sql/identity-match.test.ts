import assert from 'node:assert/strict'
import { test } from 'node:test'
import { normaliseFor } from './identity-match.ts'

test('phones compare as their digits without leading zeros, emails lower-cased, other values as they are', () => {
  for (const phone of ['+968 9123 4567', '00968-9123-4567', '(968) 91234567', 96891234567])
    assert.equal(normaliseFor('digits', phone), '96891234567')
  assert.equal(normaliseFor('digits', 'n/a'), undefined, 'nothing to compare')
  assert.equal(normaliseFor('lower', ' JANE.Doe@Example.COM '), 'jane.doe@example.com')
  assert.equal(normaliseFor('exact', 'JANE'), 'JANE')
  assert.equal(normaliseFor('lower', null), undefined)
})
