import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { executionStore } from '../../packages/amana/src/requests/execution/store.ts'
import { createShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { type Harness, setupRequests, verifiedRequest } from './harness.ts'
import { twoSystemsManifest } from './two-systems-manifest.ts'

// PostgreSQL without TEST_DATABASE_URL: each shop database is an embedded PGlite served over the wire.
const servers = [
  { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, skip: false as const },
  {
    kind: 'mysql' as const,
    url: process.env.TEST_MYSQL_URL,
    skip: process.env.TEST_MYSQL_URL ? (false as const) : 'TEST_MYSQL_URL is not set',
  },
]
const staff = { type: 'staff' as const, id: 'st1' }

/** The CRM's database refuses to delete newsletter rows, as a billing system's trigger might. */
const refuseDeletes = (kind: 'postgres' | 'mysql') =>
  kind === 'postgres'
    ? [
        `create function refuse_delete() returns trigger language plpgsql as $$ begin raise exception 'newsletter rows are locked by billing'; end $$`,
        'create trigger refuse_delete before delete on newsletter_subscriptions for each row execute function refuse_delete()',
      ]
    : [
        "create trigger refuse_delete before delete on newsletter_subscriptions for each row signal sqlstate '45000' set message_text = 'newsletter rows are locked by billing'",
      ]

for (const server of servers)
  describe(`one person in two systems on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    const { skip } = server
    test('a system that refuses is reported with exactly what the other already did; the requester is not told "completed"; a retry runs only the system left and both are recorded', {
      skip,
    }, async (t) => {
      const crm = await createShopDatabase(server.kind, server.url, { customers: 12 })
      t.after(() => crm.drop())
      const h: Harness = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        manifest: twoSystemsManifest(server.kind),
        env: { CRM_DB_URL: crm.url },
      })
      t.after(() => h.close())
      for (const sql of refuseDeletes(server.kind)) await crm.query(sql)

      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(10) })
      assert.ok(await h.service.approve(r.id, staff))
      await h.drain({ expectFailures: true })
      let row = await h.service.store.byId(r.id)
      assert.notEqual(row?.status, 'completed')
      assert.match(row?.last_error ?? '', /^erase: crm: CONNECTOR_FAILED/)
      assert.match(row?.last_error ?? '', /already done: shop_db \(customers: 1 delete/)
      assert.equal(
        (await h.mails()).some((m) => m.to === customerEmail(10) && /complete/.test(m.subject)),
        false,
        'the requester is not told their data was erased',
      )
      const count = async (db: typeof crm, sql: string) => Number((await db.query(sql))[0]?.n)
      assert.equal(await count(h.shop as typeof crm, 'select count(*) as n from customers where id = 10'), 0)
      assert.equal(
        await count(
          crm,
          `select count(*) as n from newsletter_subscriptions where email = '${customerEmail(10)}'`,
        ),
        1,
      )
      const records = executionStore(h.database.db)
      const first = await records.systemSteps(r.id, 'erase')
      assert.deepEqual(first.map((s) => [s.system, s.status, s.attempts]).sort(), [
        ['crm', 'failed', 1],
        ['shop_db', 'done', 1],
      ])
      const shopChanges = first.find((s) => s.system === 'shop_db')?.changes ?? []
      assert.equal(shopChanges.find((c) => c.table === 'customers')?.rows, 1)
      assert.equal(
        JSON.stringify(first).includes(customerEmail(10)),
        false,
        'the record holds counts, never values',
      )

      await crm.query(
        server.kind === 'postgres'
          ? 'drop trigger refuse_delete on newsletter_subscriptions'
          : 'drop trigger refuse_delete',
      )
      if (row?.status === 'awaiting-staff') {
        assert.ok(await h.service.retry(r.id, staff))
        await h.drain()
      } else await h.awaitRetry(r.id)
      row = await h.service.store.byId(r.id)
      assert.equal(row?.status, 'completed', row?.last_error ?? '')
      assert.equal(
        await count(
          crm,
          `select count(*) as n from newsletter_subscriptions where email = '${customerEmail(10)}'`,
        ),
        0,
      )
      const last = await records.systemSteps(r.id, 'erase')
      assert.deepEqual(
        last.map((s) => [s.system, s.status, s.attempts]).sort(),
        [
          ['crm', 'done', 2],
          ['shop_db', 'done', 1],
        ],
        'the shop database ran once; only the CRM was tried again',
      )
      assert.equal(
        last.find((s) => s.system === 'shop_db')?.changes?.find((c) => c.table === 'customers')?.rows,
        1,
        'the first change is still on record',
      )
      const erase = (await h.service.store.steps(r.id)).find((s) => s.step === 'erase')
      const result = erase?.result as { systems: { system: string }[] } | undefined
      const systems = result?.systems.map((s) => s.system)
      assert.deepEqual(systems, ['shop_db', 'crm'])
      assert.ok((await h.mails()).some((m) => m.to === customerEmail(10) && /complete/.test(m.subject)))
    })

    test('a retry still reaches rows found through the erased system: the first search is remembered', {
      skip,
    }, async (t) => {
      const crm = await createShopDatabase(server.kind, server.url, { customers: 12 })
      t.after(() => crm.drop())
      const h: Harness = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        manifest: twoSystemsManifest(server.kind, { crossReviews: true }),
        env: { CRM_DB_URL: crm.url },
      })
      t.after(() => h.close())
      for (const sql of refuseDeletes(server.kind))
        await crm.query(
          sql.replaceAll('newsletter_subscriptions', 'reviews').replace('newsletter rows', 'reviews'),
        )
      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(6) })
      assert.ok(await h.service.approve(r.id, staff))
      await h.drain({ expectFailures: true })
      const count = async (db: typeof crm, sql: string) => Number((await db.query(sql))[0]?.n)
      assert.notEqual((await h.service.store.byId(r.id))?.status, 'completed')
      assert.equal(await count(h.shop as typeof crm, 'select count(*) as n from customers where id = 6'), 0)
      assert.equal(await count(crm, 'select count(*) as n from reviews where customer_id = 6'), 1)

      await crm.query(
        server.kind === 'postgres' ? 'drop trigger refuse_delete on reviews' : 'drop trigger refuse_delete',
      )
      const row = await h.service.store.byId(r.id)
      if (row?.status === 'awaiting-staff') {
        assert.ok(await h.service.retry(r.id, staff))
        await h.drain()
      } else await h.awaitRetry(r.id)
      const done = await h.service.store.byId(r.id)
      assert.equal(done?.status, 'completed', done?.last_error ?? '')
      assert.equal(
        await count(crm, 'select count(*) as n from reviews where customer_id = 6'),
        0,
        'the CRM review, reached only through the shop customer erased in the first attempt, is gone',
      )
      assert.equal(
        await count(crm, 'select count(*) as n from reviews where customer_id = 3'),
        1,
        'no one else',
      )
    })
  })
