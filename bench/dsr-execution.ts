/**
 * Data-subject request execution against a generated RUMROM shop in PostgreSQL: access and
 * erasure for one subject through the connector, against hand-written SQL doing the same reads
 * and changes, in the same run.
 *
 *   node bench/dsr-execution.ts [--customers 1000000] [--samples 200] [--url postgres://postgres@127.0.0.1:5432/test]
 *     [--keep] keeps the generated database; [--reuse --seed N] measures again on it with other subjects
 *
 * Scale: per customer 10 orders (one order item each), 30 events, one address, one gift note; a
 * cake design and a newsletter subscription for every other customer, a review for every third.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import {
  createPostgresConnector,
  DatasetPlanSchema,
  tablesOf,
} from '../packages/amana/src/connectors/index.ts'
import { shopDdl } from '../test/fixtures/shop/schema.ts'
import { shopTablePlans } from '../test/fixtures/shop/shop-plan.ts'

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '200' },
    url: {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
  },
})
const customers = Number(args.customers)
const samples = Number(args.samples)
const name = `amana_bench_shop_${customers}`
const shopUrl = new URL(args.url)
shopUrl.pathname = `/${name}`

const admin = new pg.Client({ connectionString: args.url })
await admin.connect()
const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1
const generate = !(args.reuse && exists)
if (generate) {
  await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
  await admin.query(`create database ${pg.escapeIdentifier(name)}`)
}
await admin.end()

const db = new pg.Client({ connectionString: shopUrl.toString() })
await db.connect()
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`)
const timings: Record<string, number> = {}
const timed = async (label: string, sql: string) => {
  const t0 = performance.now()
  await db.query(sql)
  timings[label] = Math.round(performance.now() - t0)
  log(`${label}: ${timings[label]} ms`)
}

if (generate) {
  const tables = shopDdl.postgres.filter((s) => !s.startsWith('create index'))
  const indexes = shopDdl.postgres.filter((s) => s.startsWith('create index'))
  for (const s of tables) await db.query(s)
  // Foreign keys are checked by triggers; the generated data satisfies them, so loading skips them.
  await db.query(`set session_replication_role = replica`)
  await db.query(`set maintenance_work_mem = '512MB'`)
  const C = customers
  await timed(
    'customers',
    `insert into customers (id, email, phone, full_name, birth_date, marketing_opt_in, created_at)
     select i, 'customer' || i || '@example.com', '+965' || lpad(i::text, 8, '0'), 'Customer ' || i, date '1980-01-01' + (i % 9000),
            i % 2 = 0, timestamptz '2023-01-01' + (i % 365) * interval '1 day'
     from generate_series(1, ${C}) i`,
  )
  await timed(
    'addresses',
    `insert into addresses (id, customer_id, line1, city, postcode, country)
     select i, i, i || ' Gulf Road', 'Kuwait City', '13001', 'KW' from generate_series(1, ${C}) i`,
  )
  // Every tenth order is a guest checkout: no customer id, only the email.
  await timed(
    'orders',
    `insert into orders (id, customer_id, customer_email, shipping_name, shipping_address_id, total_amount, currency, placed_at)
     select o, case when o % 10 = 0 then null else c end, 'customer' || c || '@example.com', 'Customer ' || c,
            case when o % 10 = 0 then null else c end, ((o % 5000) / 100.0 + 5)::numeric(10, 2), 'KWD',
            timestamptz '2023-01-01' + (o % 700) * interval '1 day'
     from (select o, (o - 1) / 10 + 1 as c from generate_series(1, ${C * 10}) o) s`,
  )
  await timed(
    'order_items',
    `insert into order_items (id, order_id, product, quantity, unit_price, message_on_cake)
     select o, o, 'Rose cake', 1, ((o % 5000) / 100.0 + 5)::numeric(10, 2), case when o % 4 = 0 then 'Happy birthday' end
     from generate_series(1, ${C * 10}) o`,
  )
  await timed(
    'cake_designs',
    `insert into cake_designs (id, customer_id, order_id, title, image_path)
     select i, i, (i - 1) * 10 + 1, 'Rose tower', 'designs/customer-' || i || '/rose-tower.png'
     from generate_series(1, ${C}) i where i % 2 = 1`,
  )
  await timed(
    'events',
    `insert into events (id, customer_id, session_id, kind, url, occurred_at)
     select e, (e - 1) / 30 + 1, 's-' || ((e - 1) / 30 + 1), 'page_view', '/cakes/' || (e % 30),
            timestamptz '2024-01-01' + (e % 100000) * interval '1 minute'
     from generate_series(1, ${C * 30}) e`,
  )
  await timed(
    'newsletter_subscriptions',
    `insert into newsletter_subscriptions (id, email, subscribed_at, source)
     select i, 'customer' || i || '@example.com', timestamptz '2024-01-01', 'checkout' from generate_series(1, ${C}) i where i % 2 = 0`,
  )
  await timed(
    'reviews',
    `insert into reviews (id, customer_id, display_name, rating, body)
     select i, i, 'b' || i, 5, 'Lovely cake' from generate_series(1, ${C}) i where i % 3 = 0`,
  )
  await timed(
    'gift notes',
    `insert into "gift notes" (id, "order", "to""name", "note\`s") select i, (i - 1) * 10 + 1, 'Friend of ' || i, 'With love' from generate_series(1, ${C}) i`,
  )
  await db.query(`set session_replication_role = origin`)
  const t0 = performance.now()
  for (const s of indexes) await db.query(s)
  timings.indexes = Math.round(performance.now() - t0)
  log(`indexes: ${timings.indexes} ms`)
  await timed('analyze', 'vacuum analyze')
}

// Random subjects, deterministic per seed and run size. mulberry32 keeps to exact 32-bit integer
// arithmetic (a multiplicative generator in doubles loses its low bits and repeats itself, so runs
// with nearby seeds drew many of the same subjects).
let seed = Number(args.seed) >>> 0
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
// Every subject is used once: each side of each measurement has its own, so neither side runs on
// pages the other has just read, and an erasure never meets a subject already erased (also not by
// an earlier run on a kept database).
const WARM_UP = 10
const wanted = 3 * samples + 4 * WARM_UP
const subjects: number[] = []
const seen = new Set<number>()
while (subjects.length < wanted && seen.size < customers) {
  const batch: number[] = []
  while (batch.length < wanted - subjects.length && seen.size < customers) {
    const id = 1 + Math.floor(random() * customers)
    if (!seen.has(id)) batch.push(id)
    seen.add(id)
  }
  const present = await db.query('select id from customers where id = any($1)', [batch])
  const ids = new Set(present.rows.map((r) => Number(r.id)))
  subjects.push(...batch.filter((id) => ids.has(id)))
}
const take = (n: number) => subjects.splice(0, n)
const accessSubjects = { connector: take(samples + WARM_UP), hand: take(samples + WARM_UP) }
const half = Math.floor(samples / 2)
const eraseSubjects = { connector: take(half + WARM_UP), hand: take(half + WARM_UP) }
const email = (i: number) => `customer${i}@example.com`

const plan = DatasetPlanSchema.parse({
  systems: [
    { id: 'shop-db', kind: 'postgres', connection: { url: shopUrl.toString() } },
    { id: 'design-images', kind: 'files', connection: { root: '/nonexistent' } },
  ],
  tables: shopTablePlans('shop-db'),
})
const connector = createPostgresConnector({
  system: 'shop-db',
  connection: { url: shopUrl.toString() },
  tables: tablesOf(plan, 'shop-db'),
})
const preflight = await connector.preflight()
if (!preflight.ok) throw new Error(JSON.stringify(preflight.issues))

// Hand-written: what an engineer who knows this schema writes — one query per table, on the same
// pool size, reading the same columns.
const pool = new pg.Pool({ connectionString: shopUrl.toString(), max: 4 })
const handAccess = async (subject: string) => {
  const [cust, guestOrders] = await Promise.all([
    pool.query(
      'select id, email, phone, full_name, birth_date, marketing_opt_in from customers where email = $1',
      [subject],
    ),
    pool.query('select id from orders where customer_email = $1', [subject]),
    pool.query('select id, email from newsletter_subscriptions where email = $1', [subject]),
  ])
  const ids = cust.rows.map((r) => r.id)
  const [addresses, orders] = await Promise.all([
    pool.query('select id, customer_id, line1, city, postcode from addresses where customer_id = any($1)', [
      ids,
    ]),
    pool.query(
      `select id, customer_email, customer_id, shipping_address_id, shipping_name, total_amount, placed_at from orders
       where customer_id = any($1) or customer_email = $2`,
      [ids, subject],
    ),
    pool.query('select id, customer_id, url, occurred_at from events where customer_id = any($1)', [ids]),
    pool.query('select id, customer_id, display_name, body from reviews where customer_id = any($1)', [ids]),
  ])
  const orderIds = [...new Set([...orders.rows, ...guestOrders.rows].map((r) => r.id))]
  await Promise.all([
    pool.query(
      'select id, order_id, product, unit_price, message_on_cake from order_items where order_id = any($1)',
      [orderIds],
    ),
    pool.query(
      'select id, customer_id, order_id, title, image_path from cake_designs where customer_id = any($1) or order_id = any($2)',
      [ids, orderIds],
    ),
    pool.query(`select id, "order", "to""name", "note\`s" from "gift notes" where "order" = any($1)`, [
      orderIds,
    ]),
  ])
  return addresses.rowCount
}
const handErase = async (subject: string) => {
  const client = await pool.connect()
  try {
    await client.query('begin')
    const ids = (
      await client.query('select id from customers where email = $1 for update', [subject])
    ).rows.map((r) => r.id)
    const orderIds = (
      await client.query(
        'select id from orders where customer_id = any($1) or customer_email = $2 for update',
        [ids, subject],
      )
    ).rows.map((r) => r.id)
    await client.query(
      `update orders set customer_id = null, shipping_address_id = null,
         customer_email = 'erased+' || substr(md5(random()::text), 1, 16) || '@invalid', shipping_name = 'erased-' || substr(md5(random()::text), 1, 16)
       where id = any($1)`,
      [orderIds],
    )
    await client.query(
      'update order_items set message_on_cake = null where order_id = any($1) and message_on_cake is not null',
      [orderIds],
    )
    await client.query(
      `update reviews set customer_id = null, display_name = substr(md5(random()::text), 1, 12) where customer_id = any($1)`,
      [ids],
    )
    await client.query('delete from events where customer_id = any($1)', [ids])
    await client.query('delete from cake_designs where customer_id = any($1) or order_id = any($2)', [
      ids,
      orderIds,
    ])
    await client.query('delete from "gift notes" where "order" = any($1)', [orderIds])
    await client.query('delete from newsletter_subscriptions where email = $1', [subject])
    await client.query('delete from addresses where customer_id = any($1)', [ids])
    await client.query('delete from customers where id = any($1)', [ids])
    await client.query('commit')
  } catch (e) {
    await client.query('rollback')
    throw e
  } finally {
    client.release()
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN
}
const summary = (label: string, ms: number[]) => {
  const r = {
    p50: +percentile(ms, 50).toFixed(2),
    p95: +percentile(ms, 95).toFixed(2),
    max: +Math.max(...ms).toFixed(2),
  }
  log(`${label}: p50 ${r.p50} ms, p95 ${r.p95} ms`)
  return r
}
type Side = { subjects: number[]; run: (email: string) => Promise<unknown> }
/**
 * The connector and the hand-written SQL take turns, one subject each, the first of each pair
 * alternating, so drift (other load on the machine, cache, autovacuum) hits both sides alike.
 */
const measure = async (label: string, connectorSide: Side, handSide: Side) => {
  const sides = [connectorSide, handSide]
  const ms: number[][] = [[], []]
  const rounds = Math.min(connectorSide.subjects.length, handSide.subjects.length)
  for (let i = 0; i < rounds; i++)
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const side = sides[k] as Side
      const t0 = performance.now()
      await side.run(email(side.subjects[i] as number))
      // The first rounds warm up plans and connections.
      if (i >= WARM_UP) ms[k]?.push(performance.now() - t0)
    }
  return [
    summary(`${label} via connector`, ms[0] ?? []),
    summary(`${label} hand-written`, ms[1] ?? []),
  ] as const
}

const [connectorAccess, handAccessResult] = await measure(
  'access',
  {
    subjects: accessSubjects.connector,
    run: (e) => connector.collect({ identifiers: [{ kind: 'email', value: e }] }),
  },
  { subjects: accessSubjects.hand, run: handAccess },
)
const now = new Date()
const [connectorErase, handEraseResult] = await measure(
  'erasure',
  {
    subjects: eraseSubjects.connector,
    run: (e) => connector.erase({ identifiers: [{ kind: 'email', value: e }] }, { now }),
  },
  { subjects: eraseSubjects.hand, run: handErase },
)

await connector.close()
await pool.end()
const counts = (
  await db.query(
    `select (select count(*) from customers) as customers, (select count(*) from orders) as orders, (select count(*) from events) as events`,
  )
).rows[0]
await db.end()
if (!args.keep && generate === true && !args.reuse) {
  const a = new pg.Client({ connectionString: args.url })
  await a.connect()
  await a.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
  await a.end()
}

const os = await import('node:os')
const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.availableParallelism(),
    node: process.version,
    loadAverage: os.loadavg().map((l) => +l.toFixed(1)),
  },
  scale: { customers, orders: customers * 10, events: customers * 30, rowsAfterRun: counts },
  samples: { accessPerSide: samples, erasurePerSide: half, warmUpPerSide: WARM_UP },
  // Measured on a database an earlier run generated and kept (--keep, then --reuse).
  reusedDatabase: !generate,
  generationMs: timings,
  access: {
    connector: connectorAccess,
    handWritten: handAccessResult,
    ratioP50: +(connectorAccess.p50 / handAccessResult.p50).toFixed(2),
  },
  erasure: {
    connector: connectorErase,
    handWritten: handEraseResult,
    ratioP50: +(connectorErase.p50 / handEraseResult.p50).toFixed(2),
  },
  targets: { ratioP50: 2, accessP50Ms: 250 },
}
writeFileSync('bench/results/dsr-execution.json', `${JSON.stringify(result, null, 2)}\n`)
const row = (
  label: string,
  c: { p50: number; p95: number },
  h: { p50: number; p95: number },
  ratio: number,
) => `| ${label} | ${c.p50} | ${c.p95} | ${h.p50} | ${h.p95} | ${ratio}× |`
writeFileSync(
  'bench/results/dsr-execution.md',
  `# DSR execution benchmark

${result.date}, ${result.machine.cpus} CPUs (load average ${result.machine.loadAverage.join(' / ')} at the end), Node ${result.machine.node}, PostgreSQL on the same machine.
Scale: ${customers.toLocaleString('en')} customers, ${(customers * 10).toLocaleString('en')} orders, ${(customers * 30).toLocaleString('en')} events${generate ? '' : ', generated by an earlier run and kept (`--reuse`)'}.
Random subjects, each used once: ${samples} per side for access, ${half} per side for erasure, after ${WARM_UP} warm-up rounds;
the connector and the hand-written SQL take turns, the first of each pair alternating.

| operation | connector p50 ms | connector p95 ms | hand-written p50 ms | hand-written p95 ms | ratio (p50) |
|---|---|---|---|---|---|
${row('access (one subject)', connectorAccess, handAccessResult, result.access.ratioP50)}
${row('erasure (one subject)', connectorErase, handEraseResult, result.erasure.ratioP50)}

Targets: ratio ≤ 2× hand-written SQL, access p50 ≤ 250 ms. Reproduce: \`npx node bench/dsr-execution.ts --customers ${customers}\`.
`,
)
log('results written to bench/results/dsr-execution.{json,md}')
