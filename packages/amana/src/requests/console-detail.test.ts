import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadDemoManifest } from '../testing/test-app.ts'
import { foundBySystem, verificationOf } from './console-detail.ts'

test("a dry run's tables are shown in the shop's own terms: the manifest's categories, in English and Arabic", async () => {
  const { manifest } = await loadDemoManifest()
  const lines = [
    { system: 'shop_db', table: 'customers', action: 'anonymise' as const, count: 1, columns: ['email'] },
    { system: 'shop_db', table: 'addresses', action: 'delete' as const, count: 2, columns: [] },
    { system: 'shop_db', table: 'audit_trail', action: 'none' as const, count: 0, columns: [] },
  ]
  const [en] = foundBySystem(manifest, 'en', lines)
  assert.equal(en?.system, 'shop_db')
  const customers = en?.rows.find((r) => r.table === 'customers')
  // RUMROM keeps identity, contact and sign-in data in its customers table.
  assert.ok(customers && customers.categories.length >= 2, JSON.stringify(customers))
  for (const label of customers.categories)
    assert.doesNotMatch(label, /^[a-z_]+$/, `${label} is a word, not an id`)
  assert.equal(en?.rows.find((r) => r.table === 'audit_trail')?.categories.length, 0)
  const [ar] = foundBySystem(manifest, 'ar', lines)
  for (const label of ar?.rows.find((r) => r.table === 'addresses')?.categories ?? ['missing'])
    assert.match(label, /[\u0600-\u06FF]/, `${label} is in Arabic`)
})

test('how identity was checked: by the code channel once verified, by proof when staff accepted one, else not yet', () => {
  const at = new Date()
  assert.equal(verificationOf({ verification: 'email-code', verified_at: at }, ['verified']), 'email-code')
  assert.equal(verificationOf({ verification: 'email-code', verified_at: null }, []), 'pending')
  assert.equal(verificationOf({ verification: null, verified_at: at }, ['proof-accepted']), 'proof')
  assert.equal(verificationOf({ verification: null, verified_at: null }, []), 'pending')
})
