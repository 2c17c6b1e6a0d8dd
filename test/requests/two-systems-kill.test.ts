import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { executionStore } from '../../packages/amana/src/requests/execution/store.ts'
import { stepsFor } from '../../packages/amana/src/requests/index.ts'
import { createShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { exited, kill, setupKillTest, startWorker } from './kill-setup.ts'
import { twoSystemsManifest } from './two-systems-manifest.ts'

const url = process.env.TEST_DATABASE_URL

test('kill -9 of the worker between two systems’ commits: both erased exactly once, each with its record', {
  skip: url ? false : 'TEST_DATABASE_URL is not set (the worker is a second process sharing PostgreSQL)',
  timeout: 180_000,
}, async (t) => {
  const shop = await createShopDatabase('postgres', url as string, { customers: 12 })
  const crm = await createShopDatabase('postgres', url as string, { customers: 12 })
  const k = await setupKillTest({
    manifest: twoSystemsManifest('postgres'),
    planEnv: { SHOP_DB_URL: shop.url, CRM_DB_URL: crm.url },
  })
  const { database, service } = k
  let child: ChildProcess | undefined
  t.after(async () => {
    if (child) await kill(child)
    await k.close()
    await shop.drop()
    await crm.drop()
  })

  const { id } = await k.verified('erasure', customerEmail(4))
  assert.ok(await service.approve(id, { type: 'staff', id: 'st1' }))

  const marker = join(k.files, 'killed')
  const env = { ...k.workerEnv, KILL_MARKER: marker, KILL_SHOP_URL: shop.url, KILL_CRM_URL: crm.url }
  child = await startWorker('two-systems-worker.ts', env)
  assert.equal(await exited(child), 'SIGKILL', 'the first worker died by kill -9 at the CRM')
  assert.ok(existsSync(marker))
  const records = executionStore(database.db)
  const atDeath = await records.systemSteps(id, 'erase')
  assert.deepEqual(
    atDeath.map((r) => [r.system, r.status]),
    [
      ['shop_db', 'done'],
      ['crm', 'running'],
    ],
    'the shop database had committed and recorded; the CRM had started',
  )
  const count = async (db: typeof shop, sql: string) => Number((await db.query(sql))[0]?.n)
  assert.equal(await count(shop, 'select count(*) as n from customers where id = 4'), 0)
  assert.equal(await count(crm, `select count(*) as n from newsletter_subscriptions where id = 4`), 1)

  child = await startWorker('two-systems-worker.ts', env)
  const deadline = Date.now() + 90_000
  while ((await service.store.byId(id))?.status !== 'completed' && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250))
  await kill(child)
  child = undefined

  const row = await service.store.byId(id)
  assert.equal(row?.status, 'completed', row?.last_error ?? '')
  assert.equal(await count(crm, `select count(*) as n from newsletter_subscriptions where id = 4`), 0)
  assert.equal(
    await count(crm, 'select count(*) as n from customers where id = 4'),
    1,
    'the CRM plan names only its newsletter',
  )
  assert.equal(await count(shop, `select count(*) as n from newsletter_subscriptions where id = 4`), 0)
  const after = await records.systemSteps(id, 'erase')
  const shopRecord = after.find((r) => r.system === 'shop_db')
  const crmRecord = after.find((r) => r.system === 'crm')
  assert.equal(shopRecord?.status, 'done')
  assert.equal(crmRecord?.status, 'done')
  assert.ok((crmRecord?.attempts ?? 0) >= 2, 'the CRM started again after the killed start')
  // A run that overlapped the one that committed (a lease lapsed under load) finds nothing left
  // and leaves the record of the change as it was: each system's record is of its one commit.
  assert.equal(
    shopRecord?.changes?.find((c) => c.table === 'customers')?.rows,
    1,
    'the first commit is on record',
  )
  assert.equal(crmRecord?.changes?.find((c) => c.table === 'newsletter_subscriptions')?.rows, 1)
  const events = await service.store.events(id)
  assert.deepEqual(
    events.filter((e) => e.kind === 'step-done').map((e) => String(e.details.step)),
    stepsFor('erasure', false),
    'each step done exactly once, in order',
  )
})
