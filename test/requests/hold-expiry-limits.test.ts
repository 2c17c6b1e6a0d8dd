/**
 * Hold expiry beyond the simple case (issue 13): a table keyed by two columns, a file the hold kept,
 * and a freeze (a complaint about the person) that pauses the end of the person's holds until it
 * is closed. On PostgreSQL (embedded unless TEST_DATABASE_URL) and MariaDB (TEST_MYSQL_URL).
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { openConnectors } from '../../packages/amana/src/connectors/index.ts'
import { parseManifest } from '../../packages/amana/src/manifest/index.ts'
import { listExpiredHolds } from '../../packages/amana/src/requests/index.ts'
import { finishExpiredHolds, type HoldExpiryDeps } from '../../packages/amana/src/retention/hold-expiry.ts'
import { retentionStore } from '../../packages/amana/src/retention/index.ts'
import { createTestLogger } from '../../packages/amana/src/testing/test-app.ts'
import { createShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail, designPath } from '../fixtures/shop/seed.ts'
import { type Harness, setupRequests, verifiedRequest } from './harness.ts'
import { shopManifestYaml } from './shop-manifest.ts'

const servers = [
  { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, skip: false as const },
  {
    kind: 'mysql' as const,
    url: process.env.TEST_MYSQL_URL,
    skip: process.env.TEST_MYSQL_URL ? (false as const) : 'TEST_MYSQL_URL is not set',
  },
]
const erasedAt = new Date('2026-12-06T10:00:00Z')

const once = (text: string, find: string, replace: string) => {
  assert.equal(text.split(find).length, 2, `the test manifest has "${find}" once`)
  return text.replace(find, replace)
}

/** The test shop, with order lines keyed by (order_id, line_no) under the tax hold, and designs (their images) held a year. */
const limitsManifest = (kind: 'postgres' | 'mysql') => {
  let yaml = shopManifestYaml(kind, { processors: false })
  yaml = once(
    yaml,
    '      order_items: { key: id, references: { order_id: orders.id } }\n',
    '      order_items: { key: id, references: { order_id: orders.id } }\n      order_lines: { key: [order_id, line_no], references: { order_id: orders.id } }\n',
  )
  yaml = once(
    yaml,
    'order_items: [product, unit_price] } }',
    'order_items: [product, unit_price], order_lines: [product, amount] } }',
  )
  yaml = once(
    yaml,
    '    retention: { keep: P6M, after: order-fulfilled, action: delete }\n',
    '    retention:\n      keep: P6M\n      after: order-fulfilled\n      action: delete\n      legalHold: { reason: { en: a disputed design, ar: تصميم محل نزاع }, keep: P1Y }\n',
  )
  const parsed = parseManifest(yaml)
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
  return parsed.value.manifest
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

for (const server of servers)
  describe(`hold expiry on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    test('a complaint about the person pauses the end of their holds; once it is closed, the order lines (a two-column key) and the kept design image are erased, no one else’s lines change, and a second run changes nothing', {
      skip: server.skip,
    }, async (t) => {
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        processors: false,
        manifest: limitsManifest(server.kind),
        now: erasedAt,
      })
      t.after(() => h.close())
      const shop = h.shop as NonNullable<Harness['shop']>
      await shop.query(
        'create table order_lines (order_id bigint not null, line_no int not null, product varchar(100), amount numeric(10,2), primary key (order_id, line_no))',
      )
      // A held design outlives its customer: its link is cut (nullable), as pre-flight asks.
      await shop.query(
        server.kind === 'mysql'
          ? 'alter table cake_designs modify customer_id bigint null'
          : 'alter table cake_designs alter column customer_id drop not null',
      )
      const ordersOf = async (customer: number) =>
        (
          await shop.query(
            `select id from orders where customer_id = ${customer} or customer_email = '${customerEmail(customer)}' order by id`,
          )
        ).map((o) => Number(o.id))
      const [mine, theirs] = [await ordersOf(9), await ordersOf(3)]
      for (const id of [...mine, ...theirs])
        await shop.query(
          `insert into order_lines (order_id, line_no, product, amount) values (${id}, 1, 'Rose cake', 12.50), (${id}, 2, 'Candles', 0.75)`,
        )
      const lines = async (orders: readonly number[]) =>
        (
          await shop.query(
            `select order_id, line_no, product, amount from order_lines where order_id in (${orders.join(', ')}) order by order_id, line_no`,
          )
        ).map((l) => `${l.order_id}/${l.line_no}:${l.product}:${Number(l.amount)}`)
      const theirsBefore = await lines(theirs)
      const image = join(h.filesRoot, 'designs', designPath(9))

      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(9) })
      assert.ok(await h.service.approve(r.id, { type: 'staff', id: 'st1' }))
      await h.drain()
      assert.equal(
        (await h.service.store.byId(r.id))?.status,
        'completed',
        (await h.service.store.byId(r.id))?.last_error ?? '',
      )
      const held = await lines(mine)
      assert.equal(held.length, mine.length * 2)
      assert.ok(
        held.every((l) => /:(Rose cake|Candles):/.test(l)),
        'the order lines are kept under the tax hold',
      )
      assert.equal(await exists(image), true, 'the held design keeps its image')

      // A complaint about the person is open when the holds end.
      const store = retentionStore(h.database.db)
      await store.freeze({
        subjectRef: `customer/${customerEmail(9)}`,
        reasonKind: 'complaint',
        reasonId: 'complaint-1',
        at: erasedAt,
      })
      const clock = { now: new Date('2033-12-07T10:00:00Z') }
      const plan = h.plan as NonNullable<Harness['plan']>
      const deps: HoldExpiryDeps = {
        db: h.database.db,
        shop: { plan, open: (p) => openConnectors(p, { newId: randomUUID, now: () => clock.now }) },
        audit: { append: async () => {} },
        logger: createTestLogger(),
        now: () => clock.now,
        vault: h.vault,
      }
      assert.deepEqual(await finishExpiredHolds(deps), [], 'frozen: nothing is finished')
      assert.deepEqual(await lines(mine), held, 'the order lines stay while the complaint is open')
      assert.equal(await exists(image), true, 'and so does the image')

      await store.release({ reasonKind: 'complaint', reasonId: 'complaint-1', at: clock.now })
      const finished = await finishExpiredHolds(deps)
      const orderLines = finished.find((f) => f.table === 'order_lines')
      assert.ok(orderLines, 'the order lines’ hold is finished')
      assert.equal(orderLines.rows, mine.length * 2)
      const after = await lines(mine)
      assert.equal(after.length, held.length, 'the rows stay, anonymised')
      for (const [i, line] of after.entries()) assert.notEqual(line, held[i], 'each kept line is erased')
      assert.deepEqual(await lines(theirs), theirsBefore, 'no one else’s order lines change')
      const designs = finished.find((f) => f.table === 'cake_designs')
      assert.equal(designs?.files, 1, 'the kept image is removed')
      assert.equal(await exists(image), false)
      assert.deepEqual(await listExpiredHolds(h.database.db, clock.now), [], 'every hold is finished')

      assert.deepEqual(await finishExpiredHolds(deps), [], 'a second run finds nothing to finish')
      assert.deepEqual(await lines(mine), after, 'and changes nothing')
    })
  })

/** The test shop and a CRM whose invoices belong to the shop's customers (a reference across systems), under the tax hold. */
const twoSystemsHeld = (kind: 'postgres' | 'mysql') => {
  let yaml = shopManifestYaml(kind, { processors: false })
  yaml = once(
    yaml,
    '  design_images:\n',
    `  crm:\n    kind: ${kind}\n    connection: { env: CRM_DB_URL }\n    country: KW\n    tables:\n      invoices: { key: id, references: { customer_id: shop_db.customers.id } }\n  design_images:\n`,
  )
  yaml = once(
    yaml,
    'storage: { shop_db: { orders: [total_amount, placed_at], order_items: [product, unit_price] } }',
    'storage: { shop_db: { orders: [total_amount, placed_at], order_items: [product, unit_price] }, crm: { invoices: [amount] } }',
  )
  const parsed = parseManifest(yaml)
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
  return parsed.value.manifest
}

for (const server of servers)
  describe(`hold expiry across two systems on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    test('one erasure holds the orders in the shop and the invoices in the CRM; when the holds end each system’s kept rows are erased, no one else’s, and a second run changes nothing', {
      skip: server.skip,
    }, async (t) => {
      const crm = await createShopDatabase(server.kind, server.url, { customers: 12 })
      t.after(() => crm.drop())
      await crm.query(
        'create table invoices (id bigint primary key, customer_id bigint, amount numeric(10,2))',
      )
      await crm.query(
        'insert into invoices (id, customer_id, amount) values (1, 9, 20.50), (2, 9, 7.25), (3, 3, 13.00)',
      )
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        processors: false,
        manifest: twoSystemsHeld(server.kind),
        env: { CRM_DB_URL: crm.url },
        now: erasedAt,
      })
      t.after(() => h.close())
      const invoices = async () =>
        (await crm.query('select id, amount from invoices order by id')).map(
          (i) => `${i.id}:${Number(i.amount)}`,
        )
      const before = await invoices()

      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(9) })
      assert.ok(await h.service.approve(r.id, { type: 'staff', id: 'st1' }))
      await h.drain()
      assert.equal((await h.service.store.byId(r.id))?.status, 'completed')
      assert.deepEqual(await invoices(), before, 'the invoices’ amounts are held')
      const holds = await h.database.db.selectFrom('dsr_hold').select(['system', 'table_name']).execute()
      assert.deepEqual([...new Set(holds.map((x) => `${x.system}.${x.table_name}`))].sort(), [
        'crm.invoices',
        'shop_db.order_items',
        'shop_db.orders',
      ])

      const clock = { now: new Date('2033-12-07T10:00:00Z') }
      const plan = h.plan as NonNullable<Harness['plan']>
      const deps: HoldExpiryDeps = {
        db: h.database.db,
        shop: { plan, open: (p) => openConnectors(p, { newId: randomUUID, now: () => clock.now }) },
        audit: { append: async () => {} },
        logger: createTestLogger(),
        now: () => clock.now,
        vault: h.vault,
      }
      const finished = await finishExpiredHolds(deps)
      assert.deepEqual(finished.map((f) => `${f.system}.${f.table}:${f.rows}`).sort(), [
        'crm.invoices:2',
        `shop_db.order_items:${2 * 3}`,
        'shop_db.orders:3',
      ])
      const after = await invoices()
      assert.notEqual(after[0], before[0])
      assert.notEqual(after[1], before[1])
      assert.equal(after[2], before[2], 'the other customer’s invoice stays')
      assert.deepEqual(await finishExpiredHolds(deps), [], 'a second run finds nothing to finish')
      assert.deepEqual(await invoices(), after)
    })
  })
