import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { createAuditLedger, deriveAuditSigningKey, parseBody } from '../../packages/amana/src/audit/index.ts'
import { executionStore } from '../../packages/amana/src/requests/execution/store.ts'
import { stepsFor } from '../../packages/amana/src/requests/index.ts'
import { createShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { exited, kill, setupKillTest, startWorker } from './kill-setup.ts'
import { shopManifest } from './shop-manifest.ts'

const url = process.env.TEST_DATABASE_URL

test('kill -9 of the worker right after the shop’s commit, before its record: a restarted worker recovers, records the first attempt’s counts, and does nothing twice', {
  skip: url ? false : 'TEST_DATABASE_URL is not set (the worker is a second process sharing PostgreSQL)',
  timeout: 180_000,
}, async (t) => {
  const shop = await createShopDatabase('postgres', url as string, { customers: 12 })
  const k = await setupKillTest({
    manifest: shopManifest('postgres', { processors: false }),
    planEnv: { SHOP_DB_URL: shop.url },
  })
  const { database, service } = k
  let child: ChildProcess | undefined
  t.after(async () => {
    if (child) await kill(child)
    await k.close()
    await shop.drop()
  })
  const design = (i: number) => join(k.files, 'designs', `designs/customer-${i}/rose-tower.png`)
  for (const i of [5, 7]) {
    await mkdir(dirname(design(i)), { recursive: true })
    await writeFile(design(i), `png of design ${i}`)
  }
  const count = async (sql: string) => Number((await shop.query(sql))[0]?.n)
  const before = {
    customers: await count('select count(*) as n from customers'),
  }

  const { id } = await k.verified('erasure', customerEmail(5))
  assert.ok(await service.approve(id, { type: 'staff', id: 'st1' }))

  const marker = join(k.files, 'killed')
  const env = { ...k.workerEnv, KILL_MARKER: marker, KILL_SHOP_URL: shop.url }
  child = await startWorker('crash-record-worker.ts', env)
  assert.equal(await exited(child), 'SIGKILL', 'the first worker died by kill -9 after the shop’s commit')
  child = undefined
  assert.ok(existsSync(marker))
  const records = executionStore(database.db)
  const [atDeath] = await records.systemSteps(id, 'erase')
  assert.equal(atDeath?.status, 'committing', 'the record says the commit was under way, not done')
  assert.equal(
    atDeath?.intent?.find((c) => c.table === 'customers')?.rows,
    1,
    'with what it was about to commit',
  )
  assert.equal(await count('select count(*) as n from customers where id = 5'), 0, 'the shop had committed')
  assert.equal(existsSync(design(5)), true, 'the worker died before removing the design image')

  child = await startWorker('crash-record-worker.ts', env)
  const deadline = Date.now() + 90_000
  while ((await service.store.byId(id))?.status !== 'completed' && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250))
  await kill(child)
  child = undefined

  const row = await service.store.byId(id)
  assert.equal(row?.status, 'completed', row?.last_error ?? '')
  const [record] = await records.systemSteps(id, 'erase')
  assert.equal(record?.status, 'done')
  assert.ok(record?.recovered_at, 'marked recovered')
  assert.equal(record?.changes?.find((c) => c.table === 'customers')?.rows, 1, 'the first attempt’s change')
  assert.deepEqual(
    record?.changes,
    atDeath?.intent,
    'the record is exactly what the killed attempt committed',
  )

  const erase = (await service.store.steps(id)).find((s) => s.step === 'erase')
  const result = (erase?.result ?? {}) as {
    systems?: { system: string; recovered?: boolean; steps: { table: string; rows: number }[] }[]
    files?: { status: string }[]
  }
  const shopResult = result.systems?.find((s) => s.system === 'shop_db')
  assert.equal(shopResult?.recovered, true, 'the step report says the part was recovered')
  assert.equal(shopResult?.steps.find((s) => s.table === 'customers')?.rows, 1, 'with the recovered counts')
  assert.deepEqual(
    result.files?.map((f) => f.status),
    ['removed'],
    'the recorded design image removed on the recovery',
  )
  assert.equal(existsSync(design(5)), false)
  assert.equal(existsSync(design(7)), true, 'no one else’s')
  assert.equal(
    await count('select count(*) as n from customers'),
    before.customers - 1,
    'one customer erased, once',
  )

  const events = await service.store.events(id)
  assert.deepEqual(
    events.filter((e) => e.kind === 'step-done').map((e) => String(e.details.step)),
    stepsFor('erasure', false),
    'each step done exactly once, in order',
  )
  assert.equal(events.filter((e) => e.kind === 'system-recovered').length, 1, 'recovered once')
  const ledgerRows = await database.db.selectFrom('audit_entry').select('body').orderBy('seq').execute()
  const ledger = ledgerRows.map((r) => parseBody(r.body))
  const recovered = ledger.filter((a) => a.action === 'request.erase.recovered')
  assert.equal(recovered.length, 1, 'the ledger has request.erase.recovered, once')
  assert.equal(recovered[0]?.details?.system, 'shop_db')
  assert.equal(JSON.stringify(ledger).includes(customerEmail(5)), false, 'counts, never the email')
  const verified = await createAuditLedger({
    db: database.db,
    signingKey: deriveAuditSigningKey(Buffer.from(k.workerEnv.KILL_MASTER_KEY, 'base64')),
  }).verify()
  assert.equal(verified.ok, true, 'the ledger the two workers wrote verifies')
})
