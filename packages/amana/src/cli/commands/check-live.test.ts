import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { createShopDatabase } from '../../../../../test/fixtures/shop/create-shop-database.ts'
import { shopManifestYaml } from '../../../../../test/requests/shop-manifest.ts'
import { runCli } from '../run-cli.ts'

// Without TEST_DATABASE_URL the shop is an embedded PGlite served over the wire protocol.
const url = process.env.TEST_DATABASE_URL

const check = async (yaml: string, env: Record<string, string>) => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-live-'))
  try {
    await writeFile(join(dir, 'amana.yaml'), yaml)
    const out: string[] = []
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), env, cwd: dir }
    const code = await runCli(['check', 'amana.yaml', '--live', '--json'], io)
    const live = (JSON.parse(out.join('\n')) as { live: { severity: string; message: string }[] }).live
    return { code, live }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

test('amana check --live finds nothing in the reference shop, and finds what was planted in it', async (t) => {
  const shop = await createShopDatabase('postgres', url, { customers: 2 })
  t.after(() => shop.drop())
  const env = { SHOP_DB_URL: shop.url, DESIGN_FILES_ROOT: tmpdir() }
  const clean = await check(shopManifestYaml('postgres'), env)
  // What remains on the clean shop is information, not a problem: case-sensitive email columns that
  // Amana compares lower-cased, with an index on lower(email) serving them ("No fix needed").
  assert.ok(
    clean.live.every((f) => f.severity === 'warning' && /No fix needed/.test(f.message)),
    clean.live.map((f) => f.message).join('\n'),
  )
  assert.ok(clean.live.some((f) => /customers\.email \(identity email\) is case-sensitive/.test(f.message)))
  /** The findings that ask for a change (the "No fix needed" notes left out). */
  const problems = (live: typeof clean.live) => live.filter((f) => !/No fix needed/.test(f.message))

  // Planted: an undeclared table holding customers back, an identity lookup without its index,
  // a misspelt column.
  await shop.query(
    'create table loyalty (id bigserial primary key, customer_id bigint not null references customers (id) on delete restrict)',
  )
  await shop.query('drop index orders_email_lower')
  const planted = await check(
    shopManifestYaml('postgres').replace('orders: [shipping_name]', 'orders: [shipping_name, shiping_note]'),
    env,
  )
  assert.equal(planted.code, 1)
  assert.deepEqual(
    problems(planted.live).map((f) => f.severity),
    ['error', 'warning'],
    'a missing column stops the foreign-key findings (they assume the plan’s shape), not the index ones',
  )
  assert.match(problems(planted.live)[0]?.message ?? '', /table "orders" has no column "shiping_note"/)

  const fixed = await check(shopManifestYaml('postgres'), env)
  assert.equal(fixed.code, 1)
  const messages = problems(fixed.live).map((f) => `${f.severity}: ${f.message}`)
  assert.equal(messages.length, 2, messages.join('\n'))
  assert.match(
    messages[0] ?? '',
    /^error: shop_db: erasure would fail: "loyalty" refers to "customers" \(constraint "loyalty_customer_id_fkey".*ON DELETE RESTRICT\).*Fix: declare "loyalty"/,
  )
  assert.match(
    messages[1] ?? '',
    /^warning: shop_db: orders.customer_email \(identity email, case-sensitive, compared as lower\(customer_email\)\) has no index .* Fix: create index on orders \(lower\(customer_email\)\)/,
  )
})
