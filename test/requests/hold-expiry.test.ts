import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import { openConnectors } from '../../packages/amana/src/connectors/index.ts'
import { createJobEngine } from '../../packages/amana/src/platform/jobs/index.ts'
import { listExpiredHolds } from '../../packages/amana/src/requests/index.ts'
import { finishExpiredHolds, type HoldExpiryDeps } from '../../packages/amana/src/retention/hold-expiry.ts'
import { createRetention, registerRetentionJobs } from '../../packages/amana/src/retention/index.ts'
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
const erasedAt = new Date('2026-12-06T10:00:00Z')

/** Retention's side, as the worker builds it: the shop's plan, connectors opened per use, the ledger. */
const retentionOf = (h: Harness, clock: { now: Date }) => {
  const audit: { action: string; target?: string; details?: Record<string, unknown> }[] = []
  const plan = h.plan as NonNullable<Harness['plan']>
  const deps: HoldExpiryDeps = {
    db: h.database.db,
    shop: { plan, open: (p) => openConnectors(p, { newId: randomUUID, now: () => clock.now }) },
    audit: { append: async (e) => void audit.push(e) },
    logger: createTestLogger(),
    now: () => clock.now,
  }
  return { deps, audit }
}

for (const server of servers)
  describe(`held data erased when the hold ends on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    test('the tax hold keeps the order amounts until 2033-12-06; after it, retention erases exactly the held fields of the requester’s orders, audits the counts, marks the hold finished, and a second run changes nothing', {
      skip: server.skip,
    }, async (t) => {
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        processors: false,
        now: erasedAt,
      })
      t.after(() => h.close())
      const shop = h.shop as NonNullable<Harness['shop']>
      const ordersOf9 = (
        await shop.query(
          `select id from orders where customer_id = 9 or customer_email = '${customerEmail(9)}' order by id`,
        )
      ).map((o) => Number(o.id))
      assert.ok(ordersOf9.length > 0)
      const read = async (ids: readonly number[]) =>
        (
          await shop.query(
            `select id, total_amount, placed_at from orders where id in (${ids.join(', ')}) order by id`,
          )
        ).map((o) => `${o.id}:${String(o.total_amount)}:${new Date(o.placed_at as string).toISOString()}`)
      const others = (await shop.query('select id from orders where customer_id = 3 order by id')).map((o) =>
        Number(o.id),
      )
      const othersBefore = await read(others)

      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(9) })
      assert.ok(await h.service.approve(r.id, { type: 'staff', id: 'st1' }))
      await h.drain()
      assert.equal((await h.service.store.byId(r.id))?.status, 'completed')
      const held = await read(ordersOf9)

      const clock = { now: new Date('2033-12-05T10:00:00Z') }
      const { deps, audit } = retentionOf(h, clock)
      assert.deepEqual(await finishExpiredHolds(deps), [], 'a day before the end: nothing is due')
      assert.deepEqual(await read(ordersOf9), held, 'the held amounts and dates remain')

      clock.now = new Date('2033-12-07T10:00:00Z')
      const finished = await finishExpiredHolds(deps)
      const orders = finished.find((f) => f.table === 'orders')
      assert.ok(orders, 'the orders hold is finished')
      assert.equal(orders.request, r.id)
      assert.deepEqual([...orders.columns].sort(), ['placed_at', 'total_amount'])
      assert.equal(orders.rows, ordersOf9.length)
      const after = await read(ordersOf9)
      for (const [i, line] of after.entries()) {
        const [, amount, placed] = line.split(':')
        const [, heldAmount, heldPlaced] = (held[i] as string).split(':')
        assert.notEqual(amount, heldAmount, 'the amount is erased')
        assert.notEqual(placed, heldPlaced, 'the date is erased')
      }
      assert.deepEqual(await read(others), othersBefore, 'no one else’s orders change')
      assert.ok(
        finished.some((f) => f.table === 'order_items'),
        'the order items’ hold too',
      )

      const entry = audit.find((a) => a.action === 'retention.hold-finished' && a.details?.table === 'orders')
      assert.ok(entry, 'the ledger records it')
      assert.equal(entry.target, `request:${r.id}`)
      assert.equal(entry.details?.rows, ordersOf9.length)
      assert.equal(JSON.stringify(audit).includes(customerEmail(9)), false, 'counts, never values')
      assert.deepEqual(await listExpiredHolds(h.database.db, clock.now), [], 'every hold is finished')

      const entries = audit.length
      assert.deepEqual(await finishExpiredHolds(deps), [], 'a second run finds nothing to finish')
      assert.deepEqual(await read(ordersOf9), after, 'and changes nothing')
      assert.equal(audit.length, entries)
    })
  })

test('the worker’s retention check queues the hold-expiry job once a hold has ended, and the job (pg-boss) finishes it; not while retention is paused', async (t) => {
  const h = await setupRequests({
    shop: { kind: 'postgres', url: process.env.TEST_DATABASE_URL },
    processors: false,
    now: erasedAt,
  })
  t.after(() => h.close())
  const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(5) })
  assert.ok(await h.service.approve(r.id, { type: 'staff', id: 'st1' }))
  await h.drain()
  assert.equal((await h.service.store.byId(r.id))?.status, 'completed')
  const clock = { now: new Date('2033-12-07T10:00:00Z') }
  const { deps, audit } = retentionOf(h, clock)
  const retention = createRetention({
    ...deps,
    manifest: h.manifest,
    freezes: { frozenSubjects: async () => [] },
    newId: randomUUID,
    batchSize: 100,
  })
  // The sweep counts as just run: only the hold-expiry job is due.
  await h.database.db
    .insertInto('retention_run')
    .values({
      id: randomUUID(),
      trigger: 'test',
      status: 'completed',
      as_of: clock.now,
      started_at: clock.now,
      progress: '{}',
      counts: '[]',
    })
    .execute()
  const logger = createTestLogger()
  const jobs = await createJobEngine(h.database, logger)
  const worker = registerRetentionJobs(jobs, retention, { sweepHours: 24, checkIntervalMs: 3_600_000 })
  t.after(async () => {
    worker.stop()
    await jobs.stop({ graceful: false, timeoutMs: 1000 })
  })
  await jobs.startWorker()
  const ended = async () => (await listExpiredHolds(h.database.db, clock.now)).length
  assert.ok((await ended()) > 0)

  await retention.setPaused(true, { type: 'staff', id: 'st1' })
  await worker.check()
  const completed = async () =>
    Number(
      (
        await sql<{
          n: string
        }>`select count(*) as n from amana_jobs.job where name like 'retention.hold-expiry%' and state = 'completed'`.execute(
          h.database.db,
        )
      ).rows[0]?.n,
    )
  const ran = Date.now() + 60_000
  while ((await completed()) === 0 && Date.now() < ran)
    await new Promise((resolve) => setTimeout(resolve, 250))
  assert.equal(await completed(), 1, 'the job ran')
  assert.ok((await ended()) > 0, 'paused: it erased nothing')

  await retention.setPaused(false, { type: 'staff', id: 'st1' })
  await worker.check()
  const deadline = Date.now() + 60_000
  while ((await ended()) > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 250))
  assert.equal(await ended(), 0, 'the job finished every ended hold')
  assert.ok(audit.some((a) => a.action === 'retention.hold-finished' && a.target === `request:${r.id}`))
})
