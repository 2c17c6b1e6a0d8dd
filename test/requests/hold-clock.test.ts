/**
 * One clock for a hold's end (issue 13): a hold on rows with no column timing its event counts from
 * the event the shop sent to POST /v1/events, and the access package, the console's dry run and the
 * erasure's report all state the same end and what it counts from — through the app as assembled
 * (app/services.ts wires retention's event clock into requests).
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { formatDate } from '@amana/web'
import pg from 'pg'
import { openConnectors } from '../../packages/amana/src/connectors/index.ts'
import { startDemoShop } from '../../packages/amana/src/demo/index.ts'
import { createExecutor, readZip } from '../../packages/amana/src/requests/index.ts'
import { dryRun } from '../../packages/amana/src/requests/routes/dry-run.ts'
import { createRetention } from '../../packages/amana/src/retention/index.ts'
import { capabilitiesOf } from '../../packages/amana/src/staff/index.ts'
import { addMember, asStaff, signIn, staffAccessFor } from '../../packages/amana/src/staff/testing.ts'
import {
  createTestApp,
  createTestLogger,
  loadDemoManifest,
  type TestApp,
} from '../../packages/amana/src/testing/test-app.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { type Harness, setupRequests, verifiedRequest } from './harness.ts'

const rumrom = join(import.meta.dirname, '../../examples/rumrom-bakery/shop')
const now = new Date('2026-12-06T10:00:00Z')
const email = 'noura.k@example.com'
const RECORDED = { kind: 'recorded', event: 'order-fulfilled' }

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
    holds: { table: string; until: [string, string]; countedFrom: unknown }[]
  }
  const packaged = data.holds.find((h) => h.table === 'orders')
  assert.deepEqual(packaged?.until, ['2032-03-01T00:00:00.000Z', '2032-03-01T00:00:00.000Z'])
  assert.deepEqual(packaged?.countedFrom, RECORDED)
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
  assert.match(ordersRow, /counted from <bdi>order-fulfilled, on the date the shop recorded<\/bdi>/)
  const arabic = await app.app.inject({
    url: `/admin/requests/${erasure.id}/dry-run?lang=ar`,
    headers: { ...asStaff(session), accept: 'text/html' },
  })
  assert.match(arabic.body, /تُحتسب المدة من <bdi>order-fulfilled، في التاريخ الذي سجّله المتجر<\/bdi>/)

  // The erasure records the same.
  assert.ok(await app.services.requests.approve(erasure.id, { type: 'staff', id: officer.id }))
  assert.equal(await runToEnd(app, erasure.id), 'completed')
  const result = (await app.services.requests.store.steps(erasure.id)).find((s) => s.step === 'erase')
    ?.result as { holds: { table: string; until: string; countedFrom: unknown }[] }
  const erased = result.holds.filter((h) => h.table === 'orders')
  assert.ok(erased.length > 0)
  for (const h of erased) {
    assert.equal(h.until, packaged?.until[0])
    assert.deepEqual(h.countedFrom, packaged?.countedFrom)
  }
})

// The same agreement on each database the shop may run (the test shop; MariaDB with TEST_MYSQL_URL).
const servers = [
  { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, skip: false as const },
  {
    kind: 'mysql' as const,
    url: process.env.TEST_MYSQL_URL,
    skip: process.env.TEST_MYSQL_URL ? (false as const) : 'TEST_MYSQL_URL is not set',
  },
]

for (const server of servers)
  describe(`one hold clock on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    test('the package, the dry run and the erasure count the orders’ hold from the recorded fulfilment, and the order items’ from the erasure date', {
      skip: server.skip,
    }, async (t) => {
      const h = await setupRequests({ shop: { kind: server.kind, url: server.url }, processors: false, now })
      t.after(() => h.close())
      const shop = h.shop as NonNullable<Harness['shop']>
      const orders = (
        await shop.query(
          `select id from orders where customer_id = 9 or customer_email = '${customerEmail(9)}' order by id`,
        )
      ).map((o) => String(o.id))
      const plan = h.plan as NonNullable<Harness['plan']>
      const retention = createRetention({
        db: h.database.db,
        manifest: h.manifest,
        shop: { plan, open: (p) => openConnectors(p, { newId: randomUUID, now: () => now }) },
        audit: { append: async () => {} },
        freezes: { frozenSubjects: async () => [] },
        logger: createTestLogger(),
        now: () => now,
        newId: randomUUID,
        batchSize: 100,
      })
      const recorded = await retention.recordEvent({
        type: 'order.fulfilled',
        occurredAt: '2025-03-01T00:00:00Z',
        records: orders.map((key) => ({ table: 'orders', key })),
      })
      assert.ok(recorded.ok)
      const staff = { type: 'staff' as const, id: 'st1' }

      const access = await verifiedRequest(h, { type: 'access', email: customerEmail(9) })
      await h.drain()
      const secret = await h.service.issueDownload(access.reference, access.token)
      const zip = readZip((await h.service.download(access.reference, secret as string))?.bytes as Buffer)
      const packaged = (
        JSON.parse(zip.get('data.json')?.toString('utf8') ?? '{}') as {
          holds: { table: string; until: [string, string]; countedFrom: unknown }[]
        }
      ).holds
      const stated = (table: string) => packaged.find((x) => x.table === table)

      const erasure = await verifiedRequest(h, { type: 'erasure', email: customerEmail(9) })
      const row = await h.service.store.byId(erasure.id)
      assert.ok(row)
      const planned = await dryRun(h.service, row, now)
      assert.ok(planned?.ok)
      const dry = (table: string) => planned.lines.find((l) => l.table === table)?.held?.[0]

      assert.ok(await h.service.approve(erasure.id, staff))
      await h.drain()
      const result = (await h.service.store.steps(erasure.id)).find((s) => s.step === 'erase')?.result as {
        holds: { table: string; until: string; countedFrom: unknown }[]
      }
      const expected: Record<string, [string, unknown]> = {
        orders: ['2032-03-01T00:00:00.000Z', RECORDED],
        order_items: ['2033-12-06T10:00:00.000Z', { kind: 'erasure', event: 'order-fulfilled' }],
      }
      for (const [table, [until, from]] of Object.entries(expected)) {
        assert.deepEqual(stated(table)?.until, [until, until], `the package: ${table}`)
        assert.deepEqual(stated(table)?.countedFrom, from)
        assert.equal(dry(table)?.until?.toISOString(), until, `the dry run: ${table}`)
        assert.deepEqual(dry(table)?.countedFrom, from)
        for (const held of result.holds.filter((x) => x.table === table)) {
          assert.equal(held.until, until, `the erasure: ${table}`)
          assert.deepEqual(held.countedFrom, from)
        }
      }
    })
  })
