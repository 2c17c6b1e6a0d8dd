import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestApp, loadDemoManifest } from '../testing/test-app.ts'

// An access package stays downloadable for the period the policy states (ownRecords.accessPackages,
// default 30 days): the requests feature sets each package's expiry from it, and its sweep deletes
// the package then.

const packageDaysWith = async (ownRecords?: { accessPackages: string }) => {
  const loaded = await loadDemoManifest()
  const manifest = ownRecords ? { ...loaded.manifest, ownRecords } : loaded.manifest
  const t = await createTestApp({ manifest: { ...loaded, manifest } })
  try {
    return t.services.requests.options.packageDays
  } finally {
    await t.close()
  }
}

test('a declared download period of 7 days is the one requests give packages; 30 days by default', async () => {
  assert.equal(await packageDaysWith({ accessPackages: 'P7D' }), 7)
  assert.equal(await packageDaysWith(), 30)
})
