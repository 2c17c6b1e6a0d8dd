import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { readZip, stepsFor } from '../../packages/amana/src/requests/index.ts'
import { createShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { kill, setupKillTest, startWorker } from './kill-setup.ts'
import { shopManifest } from './shop-manifest.ts'

const url = process.env.TEST_DATABASE_URL
const KILLS = 20

test('killing the worker at random points 20 times never loses or duplicates work', {
  skip: url ? false : 'TEST_DATABASE_URL is not set (the worker is a second process sharing PostgreSQL)',
  timeout: 240_000,
}, async (t) => {
  const shop = await createShopDatabase('postgres', url as string, { customers: 12 })
  const k = await setupKillTest({
    manifest: shopManifest('postgres', { processors: false }),
    planEnv: { SHOP_DB_URL: shop.url },
  })
  const { database, service } = k
  for (const row of shop.rows.cake_designs ?? []) {
    const path = join(k.files, 'designs', String(row.image_path))
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, `png of design ${row.id}`)
  }
  let child: ChildProcess | undefined
  t.after(async () => {
    if (child) await kill(child)
    await k.close()
    await shop.drop()
  })

  const requests: {
    id: string
    reference: string
    token: string
    type: 'access' | 'erasure'
    customer: number
  }[] = []
  for (let i = 1; i <= 8; i++) {
    const type = i % 2 === 0 ? 'erasure' : 'access'
    const r = await k.verified(type, customerEmail(i))
    if (type === 'erasure') assert.ok(await service.approve(r.id, { type: 'staff', id: 'st1' }))
    requests.push({ ...r, type, customer: i })
  }

  const env = { ...k.workerEnv, KILL_SHOP_URL: shop.url }
  for (let n = 0; n < KILLS; n++) {
    child = await startWorker('worker-child.ts', env)
    await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 700)))
    await kill(child)
    child = undefined
  }
  child = await startWorker('worker-child.ts', env)
  const deadline = Date.now() + 90_000
  const open = async () =>
    (await database.db.selectFrom('dsr_request').select('id').where('status', '!=', 'completed').execute())
      .length
  while ((await open()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
  await kill(child)
  child = undefined

  for (const r of requests) {
    const row = await service.store.byId(r.id)
    assert.equal(
      row?.status,
      'completed',
      `${r.reference} (${r.type}) ended ${row?.status}: ${row?.last_error ?? ''}`,
    )
    const events = await service.store.events(r.id)
    const done = events.filter((e) => e.kind === 'step-done').map((e) => String(e.details.step))
    assert.deepEqual(done, stepsFor(r.type, false), `${r.reference}: each step done exactly once, in order`)
    assert.equal(events.filter((e) => e.kind === 'completed').length, 1)
    if (r.type === 'access') {
      const packages = await database.db
        .selectFrom('dsr_file')
        .select('id')
        .where('request_id', '=', r.id)
        .where('kind', '=', 'package')
        .execute()
      assert.equal(packages.length, 1)
      const secret = await service.issueDownload(r.reference, r.token)
      const zip = readZip((await service.download(r.reference, secret as string))?.bytes as Buffer)
      assert.ok(zip.get('data.json')?.toString().includes(customerEmail(r.customer)))
    } else {
      assert.equal(
        (await shop.query(`select count(*) as n from customers where id = $1`, [r.customer]))[0]?.n,
        '0',
      )
      assert.equal(
        (
          await shop.query(`select count(*) as n from orders where customer_email = $1`, [
            customerEmail(r.customer),
          ])
        )[0]?.n,
        '0',
      )
      assert.equal(
        (await shop.query(`select count(*) as n from orders where id = $1`, [(r.customer - 1) * 3 + 1]))[0]
          ?.n,
        '1',
        'the order itself remains',
      )
    }
  }
  assert.equal(
    (await shop.query(`select count(*) as n from customers where id > 8`))[0]?.n,
    '4',
    'no one else was touched',
  )
})
