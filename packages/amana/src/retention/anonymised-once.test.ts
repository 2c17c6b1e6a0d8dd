import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, test } from 'node:test'
import pg from 'pg'
import {
  fillRetentionShop,
  retentionShopEnv,
  retentionShopLoadedManifest,
} from '../../../../test/fixtures/retention-shop.ts'
import type { Connector } from '../connectors/index.ts'
import {
  type EmbeddedPostgresServer,
  startEmbeddedPostgresServer,
} from '../testing/embedded-postgres-server.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { createRetention, type ShopSystemsPort } from './index.ts'

/**
 * A daily sweep does not re-read what it anonymised before. Orders are anonymised seven years after
 * fulfilment and stay in the shop (still "due" by date); the next day's sweep and dry run ask only
 * for due orders that still hold an email or a customer link. On the embedded PostgreSQL by default,
 * on PostgreSQL with TEST_DATABASE_URL.
 */
const url = process.env.TEST_DATABASE_URL
const now = new Date()
let server: EmbeddedPostgresServer | undefined
let shopUrl: string
let dropShop = async () => {}
let shop: pg.Client
let t: TestApp

before(async () => {
  if (url) {
    const name = `amana_anon_${randomBytes(5).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const u = new URL(url)
    u.pathname = `/${name}`
    shopUrl = u.toString()
    dropShop = async () => {
      const a = new pg.Client({ connectionString: url })
      await a.connect()
      await a.query(`drop database if exists ${name} with (force)`)
      await a.end()
    }
  } else {
    server = await startEmbeddedPostgresServer()
    shopUrl = server.url
  }
  shop = new pg.Client({ connectionString: shopUrl })
  await shop.connect()
  await fillRetentionShop((text, params) => shop.query(text, params), 2_000, 400, now)
  t = await createTestApp({
    manifest: retentionShopLoadedManifest(),
    env: { [retentionShopEnv]: shopUrl },
    now: () => now,
  })
})

after(async () => {
  await t?.close()
  await shop?.end()
  await server?.close()
  await dropShop()
})

/** The shop's systems with every batch (one erase) counted per table it was seeded from. */
const counted = (systems: ShopSystemsPort, batches: string[]): ShopSystemsPort => ({
  plan: systems.plan,
  open(plan) {
    const opened = systems.open(plan)
    const wrap = (c: Connector): Connector => ({
      ...c,
      erase(subject, options) {
        batches.push(subject.seeds?.[0]?.table ?? 'subjects')
        return c.erase(subject, options)
      },
    })
    const connectors = new Map([...opened.connectors].map(([name, c]) => [name, wrap(c)]))
    return { ...opened, connectors, close: () => opened.close() }
  },
})

const ordersDueToday = async () =>
  (await t.services.retention.plan()).find((l) => l.table === 'orders')?.due.today

test('orders anonymised by one sweep are neither read nor counted as due by the next', async () => {
  const { deps } = t.services.retention
  if (!deps.shop) throw new Error('the manifest names no reachable shop')
  const oldOrders = Number(
    (
      await shop.query(
        `select count(*) as n from orders where fulfilled_at <= $1::timestamptz - interval '7 years'`,
        [now],
      )
    ).rows[0]?.n,
  )
  assert.ok(oldOrders > 0, 'the shop has orders over seven years old')
  assert.equal(await ordersDueToday(), oldOrders, 'the dry run counts every old order before the sweep')

  const first: string[] = []
  const report = await createRetention({ ...deps, shop: counted(deps.shop, first) }).sweep({
    trigger: 'test',
  })
  assert.equal(report.status, 'completed', report.error)
  assert.equal(report.counts.find((c) => c.table === 'orders' && c.action === 'anonymise')?.rows, oldOrders)
  assert.ok(first.includes('orders'))
  const { rows } = await shop.query(
    `select count(*) as n from orders where fulfilled_at <= $1::timestamptz - interval '7 years' and customer_email is null and customer_id is null`,
    [now],
  )
  assert.equal(Number(rows[0]?.n), oldOrders, 'the old orders stay, about no one')

  assert.equal(await ordersDueToday(), 0, 'the dry run no longer counts orders with nothing left to change')
  const second: string[] = []
  const again = await createRetention({ ...deps, shop: counted(deps.shop, second) }).sweep({
    trigger: 'test',
  })
  assert.equal(again.status, 'completed', again.error)
  assert.deepEqual(second, [], 'the next sweep opens no batch: nothing is due that is not done')

  // A due order that still holds an email (written back by the shop) is found again.
  await shop.query(
    `update orders set customer_email = 'back@example.com' where id = (select min(id) from orders where fulfilled_at <= $1::timestamptz - interval '7 years')`,
    [now],
  )
  assert.equal(await ordersDueToday(), 1)
  const third = await t.services.retention.sweep({ trigger: 'test' })
  assert.equal(third.counts.find((c) => c.table === 'orders')?.rows, 1)
})
