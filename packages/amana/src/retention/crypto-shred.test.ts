import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import pg from 'pg'
import type { LoadedManifest } from '../app/app-manifest.ts'
import { type DemoShop, demoShopSourceOf, startDemoShop } from '../demo/index.ts'
import { demoManifestPath } from '../platform/config/index.ts'
import { createTestApp, loadDemoManifest, type TestApp } from '../testing/test-app.ts'
import { createRetention } from './retention-service.ts'

/**
 * A shop that keeps phone numbers as vault tokens and promises "a year after you close your
 * account, your phone number can never be read again": retention's crypto-shred destroys the
 * person's vault key. The shop's row keeps the token; no one can turn it back into the number.
 */
let shop: DemoShop
let dir: string
let t: TestApp
let client: pg.Client
let clock = new Date('2026-06-01T00:00:00Z')

before(async () => {
  const loaded = await loadDemoManifest()
  const manifest = structuredClone(loaded.manifest)
  // Only this rule runs here: the shop's own periods are retention-rumrom.test.ts's.
  for (const [id, category] of Object.entries(manifest.categories))
    if (id === 'contact')
      category.retention = { keep: 'P1Y', after: 'account-closed', action: 'crypto-shred' }
    else delete category.retention
  const withRule: LoadedManifest = { ...loaded, manifest }
  dir = await mkdtemp(join(tmpdir(), 'amana-shred-'))
  shop = await startDemoShop({ dir, source: demoShopSourceOf(demoManifestPath) as string, manifest })
  t = await createTestApp({ env: shop.env, now: () => clock, manifest: withRule })
  client = new pg.Client({ connectionString: shop.databaseUrl })
  await client.connect()
})

after(async () => {
  await client?.end()
  await t?.close()
  await shop?.close()
  await rm(dir, { recursive: true, force: true })
})

const closed = async (customer: number, at: string) => {
  const outcome = await t.services.retention.recordEvent({
    type: 'account.closed',
    occurredAt: at,
    subject: { kind: 'customer', id: String(customer) },
  })
  assert.ok(outcome.ok, JSON.stringify(outcome))
}

test('a year after the account closed, the vaulted phone number cannot be detokenised; a younger one still can', async () => {
  const { vault } = t.services
  const noura = await vault.tokenise('shop-customer-3', 'phone', '0096550123456')
  const yousef = await vault.tokenise('shop-customer-2', 'phone', '+96566001122')
  await client.query('update customers set phone = $1 where id = 3', [noura])
  await client.query('update customers set phone = $1 where id = 2', [yousef])
  await closed(3, '2026-02-01T10:00:00Z')
  await closed(2, '2026-05-20T10:00:00Z')

  clock = new Date('2027-03-01T00:00:00Z')
  const report = await t.services.retention.sweep({ trigger: 'test' })
  assert.equal(report.status, 'completed', report.error)
  assert.deepEqual(
    report.counts.map((c) => [c.table, c.action, c.rows]),
    [['customers', 'crypto-shred', 1]],
  )
  await assert.rejects(vault.detokenise(noura), { code: 'SUBJECT_SHREDDED' })
  assert.equal(await vault.isShredded('shop-customer-3'), true)
  assert.equal((await vault.detokenise(yousef)).value, '+96566001122', 'closed three months ago: kept')
  // Nothing in the shop changed: the row still holds the token, now unreadable for good.
  const { rows } = await client.query<{ phone: string }>('select phone from customers where id = 3')
  assert.equal(rows[0]?.phone, noura)

  const again = await t.services.retention.sweep({ trigger: 'test' })
  assert.deepEqual(again.counts, [], 'a key destroyed once is not counted again')

  clock = new Date('2027-05-21T00:00:00Z')
  const later = await t.services.retention.sweep({ trigger: 'test' })
  assert.deepEqual(
    later.counts.map((c) => [c.table, c.action, c.rows]),
    [['customers', 'crypto-shred', 1]],
  )
  await assert.rejects(vault.detokenise(yousef), { code: 'SUBJECT_SHREDDED' })
})

test('a sweep cut short between two keys of one batch, then resumed, counts both rows: the batch was recorded before its first key went', async () => {
  const { vault } = t.services
  clock = new Date('2027-06-01T00:00:00Z')
  const tokens = [
    await vault.tokenise('shop-customer-4', 'phone', '+96550000004'),
    await vault.tokenise('shop-customer-5', 'phone', '+96550000005'),
  ]
  for (const [i, token] of tokens.entries())
    await client.query(
      `insert into customers (id, first_name, last_name, email, phone, password_hash)
       values ($1, 'Test', 'Customer', $2, $3, 'x')`,
      [4 + i, `customer${4 + i}@example.com`, token],
    )
  await closed(4, '2026-03-01T10:00:00Z')
  await closed(5, '2026-03-02T10:00:00Z')

  // The worker dies after destroying the first person's key (the real vault does that one).
  const { deps } = t.services.retention
  let shredded = 0
  const dying = createRetention({
    ...deps,
    vault: {
      detokenise: (token) => vault.detokenise(token),
      shredSubject: async (id) => {
        if (shredded++ === 1) throw new Error('worker killed')
        return vault.shredSubject(id)
      },
    },
  })
  const cut = await dying.sweep({ trigger: 'test' })
  assert.equal(cut.status, 'interrupted')
  assert.equal(await vault.isShredded('shop-customer-4'), true, 'the first key went before the cut')

  const next = await t.services.retention.sweep({ trigger: 'test' })
  assert.equal(next.status, 'completed', next.error)
  const resumed = (await t.services.retention.store.runs(10)).find((r) => r.id === cut.runId)
  assert.equal(resumed?.status, 'completed', 'the next sweep finishes the cut run first')
  assert.deepEqual(
    ((resumed?.counts ?? []) as { table: string; action: string; rows: number }[]).map((c) => [
      c.table,
      c.action,
      c.rows,
    ]),
    [['customers', 'crypto-shred', 2]],
    'both rows counted once: the one shredded before the cut and the one after',
  )
  for (const token of tokens) await assert.rejects(vault.detokenise(token), { code: 'SUBJECT_SHREDDED' })
})
