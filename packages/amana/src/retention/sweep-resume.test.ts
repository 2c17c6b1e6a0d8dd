import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import pg from 'pg'
import { type DemoShop, demoShopSourceOf, startDemoShop } from '../demo/index.ts'
import { demoManifestPath } from '../platform/config/index.ts'
import { createTestApp, createTestConfig, loadDemoManifest, type TestApp } from '../testing/test-app.ts'
import { createRetention } from './retention-service.ts'

/**
 * Two copies of the RUMROM shop, the same events, the same clock, one row per batch. One sweep
 * runs through; the other fails after its third batch (a connector error) and is resumed by the
 * next sweep. Both shops must end the same, row for row, file for file. A real SIGKILL between the
 * shop's commit and the sweep's record: test/retention/sweep-kill.test.ts.
 */
type Side = { shop: DemoShop; app: TestApp; client: pg.Client; dir: string }
const sides: Side[] = []
const clock = new Date('2033-06-01T00:00:00Z')

const open = async (): Promise<Side> => {
  const loaded = await loadDemoManifest()
  const dir = await mkdtemp(join(tmpdir(), 'amana-resume-'))
  const shop = await startDemoShop({
    dir,
    source: demoShopSourceOf(demoManifestPath) as string,
    manifest: loaded.manifest,
  })
  const app = await createTestApp({
    env: shop.env,
    now: () => clock,
    config: createTestConfig({ AMANA_RETENTION_BATCH_SIZE: '1' }),
  })
  const client = new pg.Client({ connectionString: shop.databaseUrl })
  await client.connect()
  return { shop, app, client, dir }
}

before(async () => {
  sides.push(...(await Promise.all([open(), open()])))
})

after(async () => {
  for (const s of sides) {
    await s.client.end()
    await s.app.close()
    await s.shop.close()
    await rm(s.dir, { recursive: true, force: true })
  }
})

const deliveries: [order: number, at: string, design?: number][] = [
  [1, '2026-03-11T17:00:00Z'],
  [2, '2026-04-05T11:00:00Z', 1],
  [3, '2026-04-24T19:00:00Z', 2],
  [5, '2026-05-04T19:00:00Z'],
]

const tell = async (side: Side) => {
  for (const [order, at, design] of deliveries) {
    const outcome = await side.app.services.retention.recordEvent({
      type: 'order.fulfilled',
      occurredAt: at,
      records: [
        { table: 'orders', key: String(order) },
        ...(design ? [{ table: 'cake_designs', key: String(design) }] : []),
      ],
    })
    assert.ok(outcome.ok)
  }
}

const tables = [
  'customers',
  'addresses',
  'orders',
  'order_items',
  'cake_designs',
  'uploads',
  'sessions',
  'events',
]
const dump = async (side: Side) => {
  const out: Record<string, unknown[]> = {}
  for (const table of tables)
    out[table] = (await side.client.query(`select * from ${table} order by id`)).rows
  return out
}

test('a sweep stopped mid-way and resumed ends exactly as one that ran through', async () => {
  const [through, stopped] = sides as [Side, Side]
  await tell(through)
  await tell(stopped)

  const full = await through.app.services.retention.sweep({ trigger: 'test' })
  assert.equal(full.status, 'completed', full.error)

  let batches = 0
  const first = await stopped.app.services.retention.sweep({
    trigger: 'test',
    onBatch: () => {
      batches++
      if (batches === 3) throw new Error('worker killed')
    },
  })
  assert.equal(first.status, 'interrupted')
  const [interrupted] = await stopped.app.services.retention.runs(1)
  assert.equal(interrupted?.status, 'interrupted')

  const resumed = await stopped.app.services.retention.sweep({ trigger: 'test' })
  assert.equal(resumed.status, 'completed', resumed.error)
  const runs = await stopped.app.services.retention.runs(5)
  assert.equal(
    runs.find((r) => r.id === interrupted?.id)?.status,
    'completed',
    'the interrupted run was finished',
  )

  const expected = await dump(through)
  assert.deepEqual(await dump(stopped), expected)
  // Something did happen: designs gone, orders anonymised, browsing history deleted.
  assert.deepEqual(expected.cake_designs, [])
  assert.equal(expected.events?.length, 0)
  // Order 4 was never delivered (no event): its clock never started, so it is kept as it was.
  assert.deepEqual(
    (expected.orders as { id: string; payment_token: unknown }[]).map((o) => [o.id, o.payment_token]),
    [
      ['1', null],
      ['2', null],
      ['3', null],
      ['4', 'tok_demo_1e0b'],
      ['5', null],
    ],
  )
  for (const side of sides) {
    assert.equal(existsSync(join(side.shop.uploadsDir, 'designs/layla-birthday.png')), false)
    assert.equal(existsSync(join(side.shop.uploadsDir, 'designs/yousef-graduation.png')), false)
  }
  // The counts of the two runs agree too: nothing was done twice or skipped.
  const finished = runs.find((r) => r.id === interrupted?.id)
  const byTable = (counts: unknown[]) =>
    Object.fromEntries(
      (counts as { table: string; action: string; rows: number }[])
        .map((c) => [`${c.table}:${c.action}`, c.rows] as const)
        .sort(),
    )
  const [throughRun] = await through.app.services.retention.runs(1)
  assert.deepEqual(byTable(finished?.counts ?? []), byTable(throughRun?.counts ?? []))
})

test('a worker that dies between the ledger entry of its run and the mark: the resumed run does not write the entry again', async () => {
  const [side] = sides as [Side]
  const { app } = side
  // Something due again: order 4, delivered long ago.
  const told = await app.services.retention.recordEvent({
    type: 'order.fulfilled',
    occurredAt: '2026-04-30T12:00:00Z',
    records: [{ table: 'orders', key: '4' }],
  })
  assert.ok(told.ok)
  const { deps } = app.services.retention
  const dying = createRetention({
    ...deps,
    audit: {
      ...deps.audit,
      append: async (event) => {
        await deps.audit.append(event)
        if (event.action === 'retention.swept') throw new Error('worker killed')
      },
    },
  })
  await assert.rejects(dying.sweep({ trigger: 'test' }), /worker killed/)
  const left = (await app.services.retention.runs(10)).find((r) => r.status !== 'completed')
  assert.equal(left?.status, 'running', 'the run is not marked completed')

  const next = await app.services.retention.sweep({ trigger: 'test' })
  assert.equal(next.status, 'completed', next.error)
  assert.equal((await app.services.retention.runs(5)).find((r) => r.id === left?.id)?.status, 'completed')
  await app.services.audit.flush()
  const entries = await app.database.db
    .selectFrom('audit_entry')
    .select('body')
    .where('action', '=', 'retention.swept')
    .where('body', 'like', `%retention-run:${left?.id}%`)
    .execute()
  assert.equal(entries.length, 1, 'one ledger entry for the run')
  assert.match(entries[0]?.body ?? '', /"rows":1,"system":"shop_db","table":"orders"/)
})
