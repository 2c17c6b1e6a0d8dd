import assert from 'node:assert/strict'
import { test } from 'node:test'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { setupRequests, verifiedRequest } from './harness.ts'

// PostgreSQL without TEST_DATABASE_URL: the shop is an embedded PGlite served over the wire protocol.
test('a request run twice at once in one worker (its job and the sweep’s re-queue) is carried out by one run: the other is not claimed, and no step is attempted twice', async (t) => {
  const h = await setupRequests({
    shop: { kind: 'postgres', url: process.env.TEST_DATABASE_URL },
    runExecutions: false,
  })
  t.after(() => h.close())
  const r = await verifiedRequest(h, { type: 'access', email: customerEmail(3), locale: 'en' })
  // Both start before either has claimed the request: each must claim the lease for itself.
  const outcomes = await Promise.all([h.executor.run(r.id), h.executor.run(r.id)])
  assert.deepEqual(outcomes.sort(), ['completed', 'not-claimed'])
  const row = await h.service.store.byId(r.id)
  assert.equal(row?.status, 'completed', row?.last_error ?? '')
  const steps = await h.service.store.steps(r.id)
  assert.deepEqual(
    steps.map((s) => `${s.step}:${s.status}:${s.attempts}`),
    ['preflight:done:1', 'collect:done:1', 'package:done:1', 'notify:done:1'],
    'each step attempted once',
  )
  const done = (await h.service.store.events(r.id)).filter((e) => e.kind === 'step-done')
  assert.equal(done.length, 4, 'each step recorded done once')
})
