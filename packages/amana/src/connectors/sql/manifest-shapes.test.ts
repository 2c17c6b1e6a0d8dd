import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test as nodeTest } from 'node:test'
import {
  createDatabaseWith,
  type RealDatabase,
  type RealKind,
} from '../../../../../test/fixtures/real-schema/real-schema.ts'
import { checkLive } from '../../cli/commands/check-live.ts'
import { parseManifest } from '../../manifest/index.ts'
import { planFromManifest } from '../../requests/index.ts'
import type { CollectOutcome, EraseOutcome } from '../connector.ts'
import { collectSubject, eraseSubject, type SystemResult } from '../execute.ts'
import { openConnectors } from '../open-connectors.ts'

/**
 * Shapes the manifest can say now (issue 13): a composite primary key (`key: [order_id, line_no]`),
 * a reference into another system (`customer_email: crm.customers.email`, from the shop's database —
 * MariaDB when TEST_MYSQL_URL is set — to a PostgreSQL CRM), and timestamps kept to the microsecond.
 */
const crmDdl = [
  `create table customers (id bigint primary key, email varchar(120) not null, name varchar(80) not null)`,
]
const crmRows: [string, Record<string, unknown>[]][] = [
  [
    'customers',
    [
      { id: 1, email: 'jane@example.com', name: 'Jane Doe' },
      { id: 2, email: 'omar@example.com', name: 'Omar Ali' },
    ],
  ],
]
const shopDdl: Record<RealKind, string[]> = {
  postgres: [
    `create table orders (id bigint primary key, customer_email varchar(120) not null, placed_at timestamp(6) not null)`,
    `create index orders_email on orders (customer_email)`,
    `create table order_lines (
      order_id bigint not null references orders (id),
      line_no integer not null,
      item varchar(60) not null,
      engraving varchar(40),
      primary key (order_id, line_no))`,
  ],
  mysql: [
    `create table orders (id bigint primary key, customer_email varchar(120) not null, placed_at datetime(6) not null, index orders_email (customer_email)) engine=InnoDB`,
    `create table order_lines (
      order_id bigint not null,
      line_no integer not null,
      item varchar(60) not null,
      engraving varchar(40),
      primary key (order_id, line_no),
      foreign key (order_id) references orders (id)) engine=InnoDB`,
  ],
}
const shopRows: [string, Record<string, unknown>[]][] = [
  [
    'orders',
    [
      { id: 10, customer_email: 'jane@example.com', placed_at: '2026-03-01 10:00:00.123456' },
      { id: 11, customer_email: 'omar@example.com', placed_at: '2026-03-02 11:00:00.654321' },
    ],
  ],
  [
    'order_lines',
    [
      { order_id: 10, line_no: 1, item: 'Halwa', engraving: 'For J' },
      { order_id: 10, line_no: 2, item: 'Dates', engraving: null },
      { order_id: 11, line_no: 1, item: 'Halwa', engraving: 'For O' },
    ],
  ],
]

const manifestYaml = (shopKind: RealKind, target = 'crm.customers.email') => `
version: 1
organisation:
  legalName: Two Systems Shop
  homeCountry: KW
  services: { en: our website }
  contacts: { email: hello@two.example }
  languages: [en]
  effectiveDate: 2026-01-01
jurisdictions: [kw]
subjects:
  customer: { kind: customer }
systems:
  crm:
    kind: postgres
    connection: { env: CRM_URL }
    country: KW
    tables:
      customers: { key: id, identity: [email] }
  shop_db:
    kind: ${shopKind}
    connection: { env: SHOP_URL }
    country: KW
    tables:
      orders: { key: id, references: { customer_email: ${target} } }
      order_lines: { key: [order_id, line_no], references: { order_id: orders.id } }
categories:
  contact:
    kind: contact
    source: subject
    storage: { crm: { customers: [email, name] } }
    retention: { keep: P30D, after: account-closed, action: delete }
  orders:
    kind: order-history
    source: subject
    storage: { shop_db: { orders: [placed_at], order_lines: [item, engraving] } }
    retention: { keep: P30D, after: account-closed, action: delete }
purposes:
  orders:
    kind: service
    title: { en: Orders }
    legalBasis: contract
    categories: [contact, orders]
`

const completed = <T extends CollectOutcome | EraseOutcome>(results: SystemResult<T>[], system: string) => {
  const r = results.find((x) => x.system === system)
  if (!r?.ok) throw new Error(`${system}: ${r ? r.error.message : 'no result'}`)
  if (r.outcome.status !== 'completed') throw new Error(`${system}: ${r.outcome.status}`)
  return r.outcome as Extract<T, { status: 'completed' }>
}

const servers: [RealKind, string | undefined, string][] = [
  ['postgres', process.env.TEST_DATABASE_URL, ''],
  ['mysql', process.env.TEST_MYSQL_URL, 'set TEST_MYSQL_URL to run against MySQL or MariaDB'],
]

for (const [kind, url, reason] of servers)
  describe(`composite keys and references across systems (shop on ${kind})`, () => {
    const skip = url || kind === 'postgres' ? false : reason
    const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { skip }, fn)
    let crm: RealDatabase
    let shop: RealDatabase
    const open = (target?: string) => {
      const parsed = parseManifest(manifestYaml(kind, target))
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
      const planned = planFromManifest(parsed.value.manifest, { CRM_URL: crm.url, SHOP_URL: shop.url })
      assert.ok(planned.ok, planned.ok ? '' : planned.issues.map((i) => i.message).join('\n'))
      return {
        plan: planned.plan,
        opened: openConnectors(planned.plan, { newId: randomUUID, now: () => new Date() }),
      }
    }
    before(async () => {
      if (skip) return
      crm = await createDatabaseWith('postgres', process.env.TEST_DATABASE_URL, crmDdl, crmRows)
      shop = await createDatabaseWith(kind, url, shopDdl[kind], shopRows)
    })
    after(async () => {
      if (skip) return
      await crm?.drop()
      await shop?.drop()
    })

    test('the plan says what the manifest says: a composite key, a reference into crm', async () => {
      const { plan, opened } = open()
      await opened.close()
      const lines = plan.tables.find((t) => t.table === 'order_lines')
      assert.deepEqual(lines?.primaryKey, ['order_id', 'line_no'])
      const orders = plan.tables.find((t) => t.table === 'orders')
      assert.deepEqual(orders?.references[0]?.to, { system: 'crm', table: 'customers', column: 'email' })
    })

    test('access: the subject found in crm brings their orders from the shop, timestamps to the microsecond', async () => {
      const { plan, opened } = open()
      try {
        const report = await collectSubject(plan, opened, [{ kind: 'email', value: 'Jane@Example.com' }])
        const shopTables = completed(report.results, 'shop_db').tables
        const orders = shopTables.find((t) => t.table === 'orders')?.rows ?? []
        assert.deepEqual(
          orders.map((r) => r.id),
          ['10'],
          'only Jane’s order, found by the email resolved in crm',
        )
        // As the access package writes it (JSON).
        assert.match(
          JSON.stringify(orders[0]?.placed_at),
          /^"2026-03-01[ T]10:00:00\.123456/,
          'microseconds are kept',
        )
        const lines = shopTables.find((t) => t.table === 'order_lines')?.rows ?? []
        assert.deepEqual(lines.map((r) => `${r.order_id}/${r.line_no}`).sort(), ['10/1', '10/2'])
      } finally {
        await opened.close()
      }
    })

    test('amana check --live: both systems pass; a reference to a column the other system lacks is an error', async () => {
      const env = { CRM_URL: crm.url, SHOP_URL: shop.url }
      const live = async (target?: string) => {
        const parsed = parseManifest(manifestYaml(kind, target))
        assert.ok(parsed.ok)
        return checkLive(parsed.value.manifest, env)
      }
      const errors = (await live()).filter((f) => f.severity === 'error')
      assert.deepEqual(errors, [])
      const wrong = (await live('crm.customers.mail')).filter((f) => f.severity === 'error')
      assert.equal(wrong.length, 1, wrong.map((f) => f.message).join('\n'))
      assert.match(
        wrong[0]?.message ?? '',
        /^crm: table "customers" has no column "mail", which shop_db.orders.customer_email refers to.*Fix:/,
      )
    })

    test('a request’s own pre-flight stops on a reference to a column the other system lacks, naming it', async () => {
      // The connectors a request opens, and the pre-flight its first step runs on each of them.
      const { plan, opened } = open('crm.customers.mail')
      try {
        const crmCheck = await opened.connectors.get('crm')?.preflight()
        assert.equal(crmCheck?.ok, false)
        const messages = crmCheck?.ok === false ? crmCheck.issues.map((i) => i.message) : []
        assert.equal(messages.length, 1, messages.join('\n'))
        assert.match(
          messages[0] ?? '',
          /^crm: table "customers" has no column "mail", which shop_db.orders.customer_email refers to.*Fix:/,
        )
        // An erasure stops at crm's pre-flight: nothing of crm is read or changed.
        const report = await eraseSubject(plan, opened, [{ kind: 'email', value: 'jane@example.com' }], {
          now: new Date(),
        })
        const crmResult = report.results.find((r) => r.system === 'crm')
        assert.ok(crmResult && !crmResult.ok && crmResult.error.code === 'CONNECTOR_SCHEMA_MISMATCH')
      } finally {
        await opened.close()
      }
      assert.equal((await crm.query('select email from customers')).length, 2, 'crm is untouched')
    })

    test('erasure: rows with a composite key are deleted by both columns, the neighbour’s stay', async () => {
      const { plan, opened } = open()
      try {
        const report = await eraseSubject(plan, opened, [{ kind: 'email', value: 'jane@example.com' }], {
          now: new Date(),
        })
        const steps = completed(report.results, 'shop_db').steps
        assert.equal(steps.find((s) => s.table === 'order_lines')?.rows, 2)
        completed(report.results, 'crm')
      } finally {
        await opened.close()
      }
      const lines = await shop.query('select order_id, line_no from order_lines order by order_id, line_no')
      assert.deepEqual(
        lines.map((r) => `${r.order_id}/${r.line_no}`),
        ['11/1'],
      )
      const orders = await shop.query('select id from orders')
      assert.deepEqual(
        orders.map((r) => String(r.id)),
        ['11'],
      )
      const customers = await crm.query('select email from customers')
      assert.deepEqual(
        customers.map((r) => r.email),
        ['omar@example.com'],
      )
    })
  })
