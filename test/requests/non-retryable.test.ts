import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseManifest } from '../../packages/amana/src/manifest/index.ts'
import { sweepRequests } from '../../packages/amana/src/requests/index.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { setupRequests, verifiedRequest } from './harness.ts'
import { shopManifestYaml } from './shop-manifest.ts'

const url = process.env.TEST_DATABASE_URL
const staff = { type: 'staff' as const, id: 'st1' }

// Without TEST_DATABASE_URL the shop is an embedded PGlite served over the wire protocol.
test('a step that cannot succeed by running again waits for staff: the sweep does not re-run it, Retry does once', async (t) => {
  // The manifest names a column the shop does not have: pre-flight fails until someone fixes it.
  const yaml = shopManifestYaml('postgres').replace(
    'customers: [full_name, birth_date, marketing_opt_in]',
    'customers: [full_name, birth_date, marketing_opt_in, nickname]',
  )
  const parsed = parseManifest(yaml)
  assert.ok(parsed.ok)
  const h = await setupRequests({
    shop: { kind: 'postgres', url },
    manifest: parsed.value.manifest,
  })
  t.after(() => h.close())
  const r = await verifiedRequest(h, { type: 'access', email: customerEmail(1) })
  await h.drain()
  let row = await h.service.store.byId(r.id)
  assert.equal(row?.status, 'awaiting-staff')
  assert.match(
    row?.last_error ?? '',
    /preflight: CONNECTOR_SCHEMA_MISMATCH: .*"customers" has no column "nickname"/,
  )

  // A minute later, and ten: the sweep resumes stalled work, not this.
  for (const minutes of [1, 10]) {
    const report = await sweepRequests(h.service, new Date(h.clock.now.getTime() + minutes * 60_000))
    assert.equal(report.resumed, 0)
  }
  assert.deepEqual(h.queued(), [r.id], 'one execution was sent, when the code was entered')
  await h.drain()
  const attempts = async () =>
    (await h.service.store.steps(r.id)).find((s) => s.step === 'preflight')?.attempts
  assert.equal(await attempts(), 1)

  assert.ok(await h.service.retry(r.id, staff))
  await h.drain()
  row = await h.service.store.byId(r.id)
  assert.equal(row?.status, 'awaiting-staff', 'still broken: back to staff after one more attempt')
  assert.equal(await attempts(), 2)
})
