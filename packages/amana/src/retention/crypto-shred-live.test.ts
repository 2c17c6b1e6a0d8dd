import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { createShopDatabase } from '../../../../test/fixtures/shop/create-shop-database.ts'
import { shopManifestYaml } from '../../../../test/requests/shop-manifest.ts'
import { runCli } from '../cli/run-cli.ts'

// `amana check --live` on a shop that promises crypto-shred for names and dates of birth it keeps
// in clear: destroying a vault key would leave them readable, so each column is an error naming
// table.column and the fix; once the values are vault tokens, the column passes.

const checkLive = async (yaml: string, env: Record<string, string>) => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-shred-check-'))
  try {
    await writeFile(join(dir, 'amana.yaml'), yaml)
    const out: string[] = []
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), env, cwd: dir }
    const code = await runCli(['check', 'amana.yaml', '--json', '--live'], io)
    const parsed = JSON.parse(out.join('\n')) as { live?: { severity: string; message: string }[] }
    return { code, live: (parsed.live ?? []).filter((f) => /vault tokens/.test(f.message)) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

for (const engine of ['postgres', 'mysql'] as const)
  test(`crypto-shred on columns holding plain values or no text is an error per table.column; tokens pass (${engine})`, {
    skip: engine === 'mysql' && !process.env.TEST_MYSQL_URL ? 'TEST_MYSQL_URL is not set' : false,
  }, async (t) => {
    const url = engine === 'mysql' ? process.env.TEST_MYSQL_URL : process.env.TEST_DATABASE_URL
    const shop = await createShopDatabase(engine, url, { customers: 2 })
    t.after(() => shop.drop())
    const env = { SHOP_DB_URL: shop.url, DESIGN_FILES_ROOT: tmpdir() }
    const yaml = shopManifestYaml(engine).replace(
      'storage: { shop_db: { customers: [full_name, birth_date, marketing_opt_in], orders: [shipping_name], reviews: [display_name] } }\n    retention: { keep: P30D, after: account-closed, action: delete }',
      'storage: { shop_db: { customers: [full_name, birth_date, marketing_opt_in], orders: [shipping_name], reviews: [display_name] } }\n    retention: { keep: P30D, after: account-closed, action: crypto-shred }',
    )
    assert.notEqual(yaml, shopManifestYaml(engine), 'the identity rule now crypto-shreds')

    const before = await checkLive(yaml, env)
    assert.equal(before.code, 1)
    const text = before.live.map((f) => f.message).join('\n')
    assert.ok(before.live.every((f) => f.severity === 'error'))
    assert.match(text, /shop_db\.customers\.birth_date is date, so it cannot hold vault tokens/)
    assert.match(text, /shop_db\.customers\.full_name: \d+ value\(s\) are not vault tokens/)
    assert.match(text, /shop_db\.orders\.shipping_name: \d+ value\(s\) are not vault tokens/)
    assert.match(text, /Fix: store orders\.shipping_name as vault tokens/)
    assert.doesNotMatch(text, /Sara|Al-Sabah/, 'counts, never values')

    await shop.query(
      engine === 'mysql'
        ? `update orders set shipping_name = concat('tok_', substr(md5(id), 1, 24))`
        : `update orders set shipping_name = 'tok_' || substr(md5(id::text), 1, 24)`,
    )
    const after = await checkLive(yaml, env)
    assert.doesNotMatch(after.live.map((f) => f.message).join('\n'), /orders\.shipping_name/)
  })
