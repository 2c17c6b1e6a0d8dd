/**
 * One clock for a hold's end (issue 13): a hold on rows with no column timing its event counts from
 * the event the shop sent to POST /v1/events, and the access package, the console's dry run and the
 * erasure's report all state the same end and what it counts from — through the app as assembled
 * (app/services.ts wires retention's event clock into requests).
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { formatDate } from '@amana/web'
import pg from 'pg'
import { startDemoShop } from '../../packages/amana/src/demo/index.ts'
import { createExecutor, readZip } from '../../packages/amana/src/requests/index.ts'
import { capabilitiesOf } from '../../packages/amana/src/staff/index.ts'
import { addMember, asStaff, signIn, staffAccessFor } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp, loadDemoManifest, type TestApp } from '../../packages/amana/src/testing/test-app.ts'

const rumrom = join(import.meta.dirname, '../../examples/rumrom-bakery/shop')
const now = new Date('2026-12-06T10:00:00Z')
const email = 'noura.k@example.com'
const RECORDED = 'order-fulfilled (recorded by the shop through POST /v1/events)'

/** A request the customer filed and proved (email code), as the console sees it once verified. */
const verified = async (app: TestApp, type: 'access' | 'erasure') => {
  const requests = app.services.requests
  const submitted = await requests.submit(
    { type, email, channel: 'email', requester: 'self', locale: 'en' },
    { ip: '203.0.113.7' },
  )
  assert.ok(submitted.ok)
  const row = await requests.store.byReference(submitted.reference)
  assert.ok(row)
  await app.database.db
    .updateTable('dsr_request')
    .set({ status: 'verified', verified_at: now, verification: 'email-code' })
    .where('id', '=', row.id)
    .execute()
  return { id: row.id, reference: submitted.reference, token: submitted.token }
}

/** Runs a request as the worker would, doing the staff's part for systems kept by hand (the support inbox). */
const runToEnd = async (app: TestApp, id: string) => {
  const requests = app.services.requests
  const executor = createExecutor(requests)
  for (let round = 0; round < 4; round++) {
    await executor.run(id)
    const row = await requests.store.byId(id)
    if (row?.status !== 'awaiting-staff') return row?.status
    for (const task of await requests.store.tasks(id))
      if (!task.done_at)
        await requests.completeTask(id, task.id, { type: 'staff', id: 'st1' }, 'done by hand, ticket 12')
  }
  return (await requests.store.byId(id))?.status
}

test('a hold with no event column counts from the order.fulfilled the shop sent: the package, the dry run page and the erasure state the same end and the same start', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-hold-clock-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const manifest = await loadDemoManifest()
  const shop = await startDemoShop({ dir, source: rumrom, manifest: manifest.manifest, memory: true })
  t.after(() => shop.close())
  const client = new pg.Client({ connectionString: shop.databaseUrl })
  await client.connect()
  const orders = (
    await client.query(
      'select o.id from orders o join customers c on c.id = o.customer_id where lower(c.email) = $1 order by o.id',
      [email],
    )
  ).rows.map((r) => String(r.id))
  await client.end()
  assert.ok(orders.length > 0)
  const app = await createTestApp({ manifest, env: { ...shop.env }, now: () => now })
  t.after(() => app.close())

  // The shop's backend says the orders were fulfilled on 1 March 2025.
  const developer = await addMember(app, 'developer')
  const key = await staffAccessFor(app).createApiKey(
    { id: developer.id, role: 'developer', permissions: capabilitiesOf('developer') },
    { name: 'shop-backend', scopes: ['events:write'] },
  )
  assert.ok(key.ok)
  const sent = await app.app.inject({
    method: 'POST',
    url: '/v1/events',
    headers: { authorization: `Bearer ${key.key}` },
    payload: {
      type: 'order.fulfilled',
      occurredAt: '2025-03-01T00:00:00Z',
      records: orders.map((id) => ({ table: 'orders', key: id })),
    },
  })
  assert.equal(sent.statusCode < 300, true, sent.body)

  // The access package: what a hold would keep, until when, counted from what.
  const access = await verified(app, 'access')
  assert.ok(await app.services.requests.approve(access.id, { type: 'system', id: 'requests' }))
  assert.equal(await runToEnd(app, access.id), 'completed')
  const secret = await app.services.requests.issueDownload(access.reference, access.token)
  const zip = readZip(
    (await app.services.requests.download(access.reference, secret as string))?.bytes as Buffer,
  )
  const data = JSON.parse(zip.get('data.json')?.toString('utf8') ?? '{}') as {
    holds: { table: string; until: [string, string]; countedFrom: string }[]
  }
  const packaged = data.holds.find((h) => h.table === 'orders')
  assert.deepEqual(packaged?.until, ['2032-03-01T00:00:00.000Z', '2032-03-01T00:00:00.000Z'])
  assert.equal(packaged?.countedFrom, RECORDED)
  const summary = zip.get('summary.html')?.toString('utf8') ?? ''
  assert.match(summary, /Kept until 1 March 2032/, 'the requester reads the end counted from the fulfilment')

  // The console's dry run of an erasure states the same end and start.
  const erasure = await verified(app, 'erasure')
  const officer = await addMember(app, 'privacy-officer')
  const session = await signIn(app, officer.email, officer.password)
  const page = await app.app.inject({
    url: `/admin/requests/${erasure.id}/dry-run?lang=en`,
    headers: { ...asStaff(session), accept: 'text/html' },
  })
  assert.equal(page.statusCode, 200)
  const ordersRow = page.body.match(/<tr data-table="orders" data-action="anonymise">.*?<\/tr>/s)?.[0] ?? ''
  assert.match(
    ordersRow,
    new RegExp(`until <bdi>${formatDate('en', new Date('2032-03-01T00:00:00Z'))}</bdi>`),
  )
  assert.match(ordersRow, new RegExp(`data-counted-from>${RECORDED.replace(/[()]/g, '\\$&')}<`))

  // The erasure records the same.
  assert.ok(await app.services.requests.approve(erasure.id, { type: 'staff', id: officer.id }))
  assert.equal(await runToEnd(app, erasure.id), 'completed')
  const result = (await app.services.requests.store.steps(erasure.id)).find((s) => s.step === 'erase')
    ?.result as { holds: { table: string; until: string; countedFrom: string }[] }
  const erased = result.holds.filter((h) => h.table === 'orders')
  assert.ok(erased.length > 0)
  for (const h of erased) {
    assert.equal(h.until, packaged?.until[0])
    assert.equal(h.countedFrom, packaged?.countedFrom)
  }
})
