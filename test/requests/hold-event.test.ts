import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, test } from 'node:test'
import { openConnectors } from '../../packages/amana/src/connectors/index.ts'
import { createRetention } from '../../packages/amana/src/retention/index.ts'
import { createTestLogger } from '../../packages/amana/src/testing/test-app.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { type Harness, setupRequests, verifiedRequest } from './harness.ts'

// PostgreSQL without TEST_DATABASE_URL: the shop is an embedded PGlite served over the wire protocol.
const servers = [
  { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, skip: false as const },
  {
    kind: 'mysql' as const,
    url: process.env.TEST_MYSQL_URL,
    skip: process.env.TEST_MYSQL_URL ? (false as const) : 'TEST_MYSQL_URL is not set',
  },
]
const now = new Date('2026-12-06T10:00:00Z')

/** The shop tells Amana its orders were fulfilled, as its backend does through POST /v1/events. */
const fulfilled = async (h: Harness, orders: readonly number[], occurredAt: string) => {
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
  const outcome = await retention.recordEvent({
    type: 'order.fulfilled',
    occurredAt,
    records: orders.map((id) => ({ table: 'orders', key: String(id) })),
  })
  assert.ok(outcome.ok)
}

type Hold = { table: string; until: string; countedFrom: { kind: string; event: string } | null }

for (const server of servers)
  describe(`a hold without an event column on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    test('counts from the fulfilment the shop recorded (POST /v1/events) and says so; rows with no known event count from the erasure date, and the report says that explicitly', {
      skip: server.skip,
    }, async (t) => {
      const h = await setupRequests({ shop: { kind: server.kind, url: server.url }, processors: false, now })
      t.after(() => h.close())
      const shop = h.shop as NonNullable<Harness['shop']>
      const orders = (
        await shop.query(
          `select id from orders where customer_id = 9 or customer_email = '${customerEmail(9)}' order by id`,
        )
      ).map((o) => Number(o.id))
      assert.ok(orders.length > 0)
      await fulfilled(h, orders, '2025-03-01T00:00:00Z')

      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(9) })
      assert.ok(await h.service.approve(r.id, { type: 'staff', id: 'st1' }))
      await h.drain()
      assert.equal((await h.service.store.byId(r.id))?.status, 'completed')
      const erase = (await h.service.store.steps(r.id)).find((s) => s.step === 'erase')
      const result = erase?.result as {
        holds: Hold[]
        systems: {
          steps: {
            table: string
            held?: { until: string; countedFrom?: { kind: string; event: string } }[]
          }[]
        }[]
      }
      const held = result.holds.filter((x) => x.table === 'orders')
      assert.ok(held.length > 0)
      for (const x of held) {
        assert.equal(
          x.until,
          '2032-03-01T00:00:00.000Z',
          '7 years from the recorded fulfilment, not the erasure',
        )
        assert.deepEqual(x.countedFrom, { kind: 'recorded', event: 'order-fulfilled' })
      }
      const items = result.holds.filter((x) => x.table === 'order_items')
      assert.ok(items.length > 0)
      for (const x of items) {
        assert.equal(x.until, '2033-12-06T10:00:00.000Z')
        assert.deepEqual(x.countedFrom, { kind: 'erasure', event: 'order-fulfilled' })
      }
      const step = result.systems[0]?.steps.find((s) => s.table === 'orders')
      assert.deepEqual(step?.held?.[0]?.countedFrom, { kind: 'recorded', event: 'order-fulfilled' })
      assert.match(
        (await h.mails()).findLast((m) => m.to === customerEmail(9))?.text ?? '',
        /Kept until 2032-03-01\./,
        'the requester reads the end counted from the fulfilment',
      )
    })
  })
