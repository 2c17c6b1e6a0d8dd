import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import pg from 'pg'
import type { AmanaDatabase } from '../../packages/amana/src/platform/db/index.ts'
import { createTestDatabase } from '../../packages/amana/src/testing/test-database.ts'
import { fillRetentionShop, retentionShopDigest, retentionShopEnv } from '../fixtures/retention-shop.ts'
import { kill, startWorker } from '../requests/kill-setup.ts'

/**
 * Two identical shops (several thousand rows, a few thousand due) and two Amana databases. On one,
 * a worker sweeps through. On the other, the worker is killed with SIGKILL twice: first at the worst
 * moment (the shop has committed a batch the sweep has not recorded), then at a random moment after
 * more batches went; a third worker finishes. Both shops must end the same row for row, and both
 * ledgers must record the same counts per category and table and the same digest: nothing deleted
 * twice, nothing skipped.
 */
const url = process.env.TEST_DATABASE_URL
const now = new Date()

type Side = { amana: AmanaDatabase; shop: pg.Client; shopUrl: string; name: string }

const createShop = async (serverUrl: string): Promise<Omit<Side, 'amana'>> => {
  const name = `amana_rshop_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const shopUrl = new URL(serverUrl)
  shopUrl.pathname = `/${name}`
  const shop = new pg.Client({ connectionString: shopUrl.toString() })
  await shop.connect()
  await fillRetentionShop((text, params) => shop.query(text, params), 12_000, 4_000, now)
  return { shop, shopUrl: shopUrl.toString(), name }
}

const dropShop = async (serverUrl: string, side: Side) => {
  await side.shop.end()
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${side.name} with (force)`)
  await admin.end()
}

type Run = {
  id: string
  status: string
  progress: {
    sources?: Record<string, unknown>
    digest?: string
    pending?: { items?: unknown[]; range?: { after?: string; through: string } }
  }
}
const runs = async (side: Side): Promise<Run[]> =>
  (await side.amana.db
    .selectFrom('retention_run')
    .select(['id', 'status', 'progress'])
    .orderBy('started_at')
    .execute()) as unknown as Run[]

const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const completed = (side: Side) =>
  waitFor('the sweep to complete', async () => {
    const all = await runs(side)
    return all.length > 0 && all.every((r) => r.status === 'completed') ? all : undefined
  })

/** What the ledger recorded for the completed sweeps: counts per category and table, and the digest. */
const ledger = async (side: Side) => {
  const rows = await side.amana.db
    .selectFrom('audit_entry')
    .select(['action', 'body'])
    .where('action', 'like', 'retention.%')
    .orderBy('seq')
    .execute()
  const swept = rows
    .filter((r) => r.action === 'retention.swept')
    // A body is positional (audit/domain/entry.ts): details last.
    .map((r) => (JSON.parse(r.body) as unknown[])[12] as Record<string, unknown>)
  return swept.map((d) => ({
    byCategory: d.byCategory,
    counts: [...(d.counts as { table: string; action: string; rows: number }[])]
      .map((c) => `${c.table}:${c.action}:${c.rows}`)
      .sort(),
    digest: d.digest,
  }))
}

test('a worker killed with SIGKILL mid-sweep, twice, and restarted ends exactly as an uninterrupted sweep', {
  skip: url ? false : 'TEST_DATABASE_URL is not set (the sweep runs in worker processes sharing PostgreSQL)',
  timeout: 180_000,
}, async (t) => {
  const server = url as string
  const sides: Side[] = []
  for (let i = 0; i < 2; i++) sides.push({ amana: await createTestDatabase(), ...(await createShop(server)) })
  const [through, killed] = sides as [Side, Side]
  let child: ChildProcess | undefined
  t.after(async () => {
    if (child) await kill(child)
    for (const side of sides) {
      await side.amana.close()
      await dropShop(server, side)
    }
  })
  assert.deepEqual(
    await retentionShopDigest((q) => through.shop.query(q)),
    await retentionShopDigest((q) => killed.shop.query(q)),
  )
  const masterKey = randomBytes(32).toString('base64')
  const envOf = (side: Side, extra: Record<string, string> = {}) => ({
    SWEEP_AMANA_URL: (side.amana as { url?: string }).url as string,
    [retentionShopEnv]: side.shopUrl,
    SWEEP_MASTER_KEY: masterKey,
    ...extra,
  })

  child = await startWorker('../retention/sweep-worker.ts', envOf(through))
  await completed(through)
  await kill(child)

  // 1. Killed at the worst moment: the shop committed its third batch; the sweep has not recorded it.
  child = await startWorker('../retention/sweep-worker.ts', envOf(killed, { SWEEP_HANG_AFTER: '3' }))
  await new Promise<void>((resolve) => {
    const seen = (d: Buffer) => d.toString().includes('committed') && resolve()
    child?.stdout?.on('data', seen)
  })
  await kill(child)
  const [first] = await runs(killed)
  assert.equal(first?.status, 'running', 'the sweep was left mid-way')
  // The batch left pending is recorded by its key range, not by its 50 keys.
  assert.equal(first?.progress.pending?.items, undefined)
  assert.ok(first?.progress.pending?.range?.through, 'the pending batch names the last key of its range')
  const done = Object.keys(first?.progress.sources ?? {}).length
  const digest = first?.progress.digest

  // 2. Killed at a random moment once the resumed sweep has recorded more batches.
  child = await startWorker('../retention/sweep-worker.ts', envOf(killed))
  await waitFor('the resumed sweep to record a batch', async () => {
    const [run] = await runs(killed)
    return run && run.progress.digest !== digest ? run : undefined
  })
  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)))
  await kill(child)
  const [second] = await runs(killed)
  assert.ok(Object.keys(second?.progress.sources ?? {}).length >= done)

  // 3. A last worker finishes the sweep the others left.
  child = await startWorker('../retention/sweep-worker.ts', envOf(killed))
  const all = await completed(killed)
  await kill(child)
  child = undefined
  assert.equal(all[0]?.id, first?.id, 'the killed sweep was resumed and finished')

  const expected = await retentionShopDigest((q) => through.shop.query(q))
  assert.deepEqual(await retentionShopDigest((q) => killed.shop.query(q)), expected)
  const records = await ledger(through)
  assert.equal(records.length, 1)
  // The job that resumed the killed sweep then swept afresh, as any sweep job does: that found nothing.
  const [resumed, ...later] = await ledger(killed)
  assert.deepEqual(resumed, records[0])
  for (const run of later) assert.deepEqual(run.counts, [])
  // Something went, by every rule: orders anonymised, designs with their uploads and events deleted.
  const counts = records[0]?.counts ?? []
  for (const line of ['orders:anonymise:', 'designs:delete:', 'uploads:delete:', 'events:delete:'])
    assert.ok(
      counts.some((c) => c.startsWith(line) && !c.endsWith(':0')),
      `${line} in ${counts.join(', ')}`,
    )
  // Nothing due is left on either side.
  for (const side of sides) {
    const left = await side.shop.query(
      `select (select count(*) from orders where fulfilled_at < $1::timestamptz - interval '7 years' and customer_email is not null)
            + (select count(*) from designs where fulfilled_at < $1::timestamptz - interval '6 months')
            + (select count(*) from events where occurred_at < $1::timestamptz - interval '13 months') as n`,
      [now],
    )
    assert.equal(left.rows[0]?.n, '0')
  }
})
