import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { createShopDatabase } from '../../../../../test/fixtures/shop/create-shop-database.ts'
import { shopManifestYaml } from '../../../../../test/requests/shop-manifest.ts'
import { runCli } from '../run-cli.ts'

type Out = {
  ok: boolean
  findings: { findings: { rule: string; severity: string; path: string; message: string; fix: string }[] }
  live?: { severity: string; message: string }[]
}

/** `amana check [--live] --json` on a manifest file, as a developer runs it. */
const check = async (yaml: string, env: Record<string, string>, live = false) => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-retention-check-'))
  try {
    await writeFile(join(dir, 'amana.yaml'), yaml)
    const out: string[] = []
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), env, cwd: dir }
    const code = await runCli(['check', 'amana.yaml', '--json', ...(live ? ['--live'] : [])], io)
    const parsed = JSON.parse(out.join('\n')) as Out
    return { code, findings: parsed.findings.findings, live: parsed.live }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const withEvents = (yaml: string, events: string) => `${yaml}\nevents: ${events}\n`

test('a retention rule nothing starts is reported naming the field and the fix; an unknown event under events: too', async () => {
  const yaml = shopManifestYaml('postgres')
  // No events: declared: the shop may send them, so only a warning, for every rule without a time column.
  const undeclared = await check(yaml, {})
  const warning = undeclared.findings.find(
    (f) => f.rule === 'retention.event-unsent' && f.path === 'categories.identity.retention.after',
  )
  assert.ok(warning, JSON.stringify(undeclared.findings, null, 1))
  assert.equal(warning.severity, 'warning')
  assert.match(warning.message, /nothing tells Amana when "account-closed" happens for shop_db\.customers/)
  assert.match(
    warning.fix,
    /timestamps: \{ account-closed: <column> \}.*list account\.closed under "events:"/,
  )
  assert.ok(
    !undeclared.findings.some((f) => f.rule.startsWith('retention.event') && f.severity === 'error'),
    'without events: nothing here is an error',
  )

  // The shop declares it sends only order.fulfilled, and misspells another event: both are errors.
  const declared = await check(withEvents(yaml, '[order.fulfilled, signed-on]'), {})
  assert.equal(declared.code, 1)
  const unsent = declared.findings.filter((f) => f.rule === 'retention.event-unsent')
  assert.ok(unsent.every((f) => f.severity === 'error'))
  assert.ok(unsent.some((f) => f.path === 'categories.identity.retention.after'))
  assert.ok(
    !unsent.some((f) => /"order-fulfilled"/.test(f.message)),
    'rules counted from order.fulfilled are started by the declared event',
  )
  const unknown = declared.findings.find((f) => f.rule === 'retention.event-unknown')
  assert.equal(unknown?.path, 'events.1')
  assert.match(unknown?.message ?? '', /"signed-on" is not an event Amana knows/)
  assert.match(unknown?.fix ?? '', /signed-in/)

  // Every event the rules need, declared: nothing to report.
  const complete = await check(withEvents(yaml, '[order.fulfilled, account.closed, record.collected]'), {})
  assert.deepEqual(
    complete.findings.filter((f) => f.rule.startsWith('retention.event')),
    [],
  )
})

test('amana check --live: a timestamps column that does not exist or is not a time is an error naming the field', async (t) => {
  const shop = await createShopDatabase('postgres', process.env.TEST_DATABASE_URL, { customers: 1 })
  t.after(() => shop.drop())
  const env = { SHOP_DB_URL: shop.url, DESIGN_FILES_ROOT: tmpdir() }
  const timed = (orders: string, events: string) =>
    shopManifestYaml('postgres')
      .replace(
        'orders: { key: id, identity: [customer_email],',
        `orders: { key: id, timestamps: { order-fulfilled: ${orders} }, identity: [customer_email],`,
      )
      .replace(
        'events: { key: id, references: { customer_id: customers.id } }',
        `events: { key: id, timestamps: { collection: ${events} }, references: { customer_id: customers.id } }`,
      )
  const good = await check(timed('placed_at', 'occurred_at'), env, true)
  assert.deepEqual(
    (good.live ?? []).filter((f) => /timestamps/.test(f.message)),
    [],
    JSON.stringify(good.live),
  )

  const bad = await check(timed('fulfiled_at', 'url'), env, true)
  assert.equal(bad.code, 1)
  const messages = (bad.live ?? []).filter((f) => /timestamps/.test(f.message))
  assert.equal(messages.length, 2, JSON.stringify(bad.live, null, 1))
  assert.ok(messages.every((f) => f.severity === 'error'))
  assert.match(
    messages.map((f) => f.message).join('\n'),
    /systems\.shop_db\.tables\.orders\.timestamps\.order-fulfilled: column "fulfiled_at" does not exist in shop_db\.orders\. Fix: name the column .*placed_at/,
  )
  assert.match(
    messages.map((f) => f.message).join('\n'),
    /systems\.shop_db\.tables\.events\.timestamps\.collection: column "url" of shop_db\.events is not a date or time \(it is text\)/,
  )
})
