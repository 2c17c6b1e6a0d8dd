import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import pg from 'pg'
import { demoShopSourceOf, startDemoShop } from '../../demo/index.ts'
import { demoManifestPath } from '../../platform/config/index.ts'
import { captureCliIo as capture } from '../../testing/cli-io.ts'
import { loadDemoManifest } from '../../testing/test-app.ts'
import { runCli } from '../run-cli.ts'

test('amana retention plan shows what is due; run carries it out and prints counts and a digest; plan then shows nothing', {
  timeout: 180_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-retention-cli-'))
  const { manifest } = await loadDemoManifest()
  const shop = await startDemoShop({
    dir: join(dir, 'shop'),
    source: demoShopSourceOf(demoManifestPath) as string,
    manifest,
  })
  const client = new pg.Client({ connectionString: shop.databaseUrl })
  await client.connect()
  const db = ['--demo', '--data-dir', join(dir, 'amana')]
  try {
    // A page view from 2020: far past the 13 months browsing history is kept.
    await client.query(
      "insert into events (customer_id, page, occurred_at, ip_address) values (1, '/en/old', '2020-01-01T00:00:00Z', '192.0.2.99')",
    )
    const plan = capture(shop.env)
    assert.equal(await runCli(['retention', 'plan', '--json', ...db], plan.io), 0, plan.err.join('\n'))
    const lines = JSON.parse(plan.out.join('\n')).lines as { table: string; due: { today: number } }[]
    assert.equal(lines.find((l) => l.table === 'events')?.due.today, 1)
    assert.equal(lines.find((l) => l.table === 'sessions')?.due.today, 0)

    const table = capture(shop.env)
    assert.equal(await runCli(['retention', 'plan', ...db], table.io), 0)
    assert.match(table.out[0] ?? '', /system\s+table\s+categories\s+rule\s+today\s+week\s+month/)
    assert.ok(
      table.out.some((l) => /shop_db\s+events\s+usage,device\s+delete P13M after collection\s+1/.test(l)),
    )

    const run = capture(shop.env)
    assert.equal(await runCli(['retention', 'run', ...db], run.io), 0, run.err.join('\n'))
    assert.match(run.out[0] ?? '', /^Retention sweep completed/)
    assert.ok(run.out.some((l) => /usage: 1 rows/.test(l)))
    assert.ok(run.out.some((l) => /digest: [0-9a-f]{64}/.test(l)))
    assert.ok(
      run.out.some((l) =>
        /^Amana's own records: sentMail \d+, verificationCodes \d+, requestRecords \d+, consentRecords \d+$/.test(
          l,
        ),
      ),
      run.out.join('\n'),
    )
    assert.equal(
      (await client.query("select count(*)::int as n from events where page = '/en/old'")).rows[0]?.n,
      0,
    )
    assert.equal(
      (await client.query('select count(*)::int as n from events')).rows[0]?.n,
      4,
      'younger events stay',
    )

    const after = capture(shop.env)
    assert.equal(await runCli(['retention', 'plan', '--json', ...db], after.io), 0)
    const again = JSON.parse(after.out.join('\n')).lines as { table: string; due: { today: number } }[]
    assert.equal(again.find((l) => l.table === 'events')?.due.today, 0)
  } finally {
    await client.end()
    await shop.close()
    await rm(dir, { recursive: true, force: true })
  }
})
