import assert from 'node:assert/strict'
import { test } from 'node:test'
import { staffWaitOf } from './console-today.ts'

const row = (patch: Partial<Parameters<typeof staffWaitOf>[0]>) => ({
  status: 'awaiting-staff',
  needs_approval: true,
  has_open_task: false,
  last_error: null,
  requester_kind: 'self',
  ...patch,
})

test('the overview says which staff action an open request waits for, and none while Amana or the customer has the next move', () => {
  assert.equal(staffWaitOf(row({ status: 'verified' })), 'approval')
  assert.equal(staffWaitOf(row({ status: 'verified', needs_approval: false })), undefined)
  assert.equal(staffWaitOf(row({ has_open_task: true, last_error: 'subject not found' })), 'task')
  assert.equal(staffWaitOf(row({ last_error: 'ER_ROW_IS_REFERENCED' })), 'failed')
  assert.equal(staffWaitOf(row({ requester_kind: 'agent' })), 'proof')
  assert.equal(staffWaitOf(row({})), 'review')
  for (const status of ['received', 'verifying', 'in-progress'])
    assert.equal(staffWaitOf(row({ status })), undefined, status)
})
