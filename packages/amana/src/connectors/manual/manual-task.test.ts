import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createManualConnector } from './manual-connector.ts'
import { cancelManualTask, completeManualTask, isTaskDone } from './manual-task.ts'

const now = new Date('2025-06-01T09:00:00Z')
const connector = createManualConnector({
  system: 'paper-orders',
  instructions: 'Order books are in the back office, one binder per month.',
  newId: () => 'task-1',
  now: () => now,
})

test('an erasure on paper records is a task for staff, not done until they confirm with evidence', async () => {
  const outcome = await connector.erase(
    { identifiers: [{ kind: 'email', value: 'sara@example.com' }] },
    { now },
  )
  assert.equal(outcome.status, 'awaiting-staff')
  if (outcome.status !== 'awaiting-staff') return
  assert.equal(outcome.task.state, 'open')
  assert.match(outcome.task.instructions, /destroy/)
  assert.equal(isTaskDone(outcome.task), false)

  const tooThin = completeManualTask(outcome.task, { by: 'Huda', evidence: { text: 'done' }, now })
  assert.equal(tooThin.ok, false)
  const done = completeManualTask(outcome.task, {
    by: 'Huda',
    evidence: { text: 'Shredded 2 order slips from the March binder', fileRef: 'evidence/shred.jpg' },
    now,
  })
  assert.ok(done.ok)
  if (!done.ok) return
  assert.equal(isTaskDone(done.task), true)
  assert.deepEqual(done.task.evidence, {
    text: 'Shredded 2 order slips from the March binder',
    fileRef: 'evidence/shred.jpg',
  })
  assert.equal(
    completeManualTask(done.task, { by: 'Huda', evidence: { text: 'Shredded them again today' }, now }).ok,
    false,
  )
  assert.equal(cancelManualTask(done.task, { reason: 'duplicate' }).ok, false)
})
