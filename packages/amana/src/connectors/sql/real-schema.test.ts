import assert from 'node:assert/strict'
import { after, before, describe, test as nodeTest } from 'node:test'
import {
  createRealDatabase,
  type RealDatabase,
  type RealKind,
  realPlan,
  realTablePlans,
} from '../../../../../test/fixtures/real-schema/real-schema.ts'
import { isAmanaError } from '../../platform/errors/index.ts'
import type { Connector, EraseOutcome } from '../connector.ts'
import { tablesOf } from '../plan.ts'
import { createMysqlConnector, createMysqlDriver } from './mysql.ts'
import { createPostgresConnector, createPostgresDriver } from './postgres.ts'
import { createSqlConnector } from './sql-connector.ts'

/** Issue 13's failures on a schema the project did not write, on PostgreSQL and MariaDB. */
const servers: [RealKind, string | undefined, string][] = [
  ['postgres', process.env.TEST_DATABASE_URL, 'set TEST_DATABASE_URL to run against PostgreSQL'],
  ['mysql', process.env.TEST_MYSQL_URL, 'set TEST_MYSQL_URL to run against MySQL or MariaDB'],
]
const now = new Date('2026-01-01T00:00:00Z')

const completed = (outcome: EraseOutcome) => {
  if (outcome.status !== 'completed') throw new Error(`expected completed, got ${outcome.status}`)
  return outcome
}

// PostgreSQL without TEST_DATABASE_URL runs on an embedded PGlite served over the wire protocol;
// MariaDB without TEST_MYSQL_URL skips test by test, so each skip is counted and reported.
for (const [kind, url, reason] of servers)
  describe(`${kind}: a schema shaped like the public samples`, () => {
    const skip = url || kind === 'postgres' ? false : reason
    const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { skip }, fn)
    let db: RealDatabase
    let connector: Connector
    const open = (tables = tablesOf(realPlan(kind, db.url), 'db'), at = db.url) =>
      kind === 'postgres'
        ? createPostgresConnector({ system: 'db', connection: { url: at }, tables })
        : createMysqlConnector({ system: 'db', connection: { url: at }, tables })

    before(async () => {
      if (skip) return
      db = await createRealDatabase(kind, url)
      connector = open()
    })
    after(async () => {
      if (skip) return
      await connector?.close()
      await db?.drop()
    })

    test('all-digit phones and hex-looking values are erased, reported, and a second run changes nothing', async () => {
      // Customers are kept anonymised here and orders keep their link, so a second erasure finds the rows again.
      const tables = realTablePlans().map((t) =>
        t.table === 'customer'
          ? { ...t, fields: t.fields?.map((f) => ({ ...f, onErase: 'anonymise' as const })) }
          : t.table === 'orders'
            ? { ...t, fields: t.fields?.filter((f) => f.column !== 'customer_id') }
            : t,
      )
      const c = open(tablesOf(realPlan(kind, db.url, tables), 'db'))
      try {
        const first = completed(
          await c.erase({ identifiers: [{ kind: 'phone', value: '96890001111' }] }, { now }),
        )
        const [order] = await db.query('select contact_phone, voucher from orders where id = 3')
        assert.notEqual(order?.contact_phone, '96890001111', 'the phone is erased')
        assert.notEqual(order?.voucher, 'deadbeef', 'a hex-looking voucher code is erased')
        const [customer] = await db.query('select phone from customer where id = 3')
        assert.notEqual(customer?.phone, '96890001111')
        const step = first.steps.find((s) => s.table === 'orders')
        assert.deepEqual(new Set(step?.columns), new Set(['contact_phone', 'voucher']))
        const [line] = await db.query('select engraving from order_line where id = 3')
        assert.equal(line?.engraving, null)

        const second = completed(
          await c.erase({ identifiers: [{ kind: 'customer_id', value: '3' }] }, { now }),
        )
        assert.equal(second.alreadyErased, true)
        assert.ok(
          second.steps.find((s) => s.table === 'orders')?.skipped?.length,
          'already erased is reported',
        )
        const [again] = await db.query('select contact_phone, voucher from orders where id = 3')
        assert.deepEqual(again, order)
      } finally {
        await c.close()
      }
    })

    test('identities match as the database compares: emails in any case, phones in any spelling', async () => {
      const byEmail = await connector.collect({
        identifiers: [{ kind: 'email', value: 'jane.doe@example.com' }],
      })
      assert.equal(byEmail.status, 'completed')
      const customers =
        byEmail.status === 'completed' ? byEmail.tables.find((t) => t.table === 'customer') : undefined
      assert.deepEqual(
        customers?.rows.map((r) => r.email),
        ['JANE.DOE@Example.COM'],
      )
      for (const phone of ['+96891234567', '00968 9123-4567', '(968) 91234567']) {
        const byPhone = await connector.collect({ identifiers: [{ kind: 'phone', value: phone }] })
        const rows =
          byPhone.status === 'completed' ? byPhone.tables.find((t) => t.table === 'customer')?.rows : []
        assert.deepEqual(
          rows?.map((r) => String(r.id)),
          ['1'],
          phone,
        )
      }
    })

    test('a case-sensitive email column is reported with what Amana does, whether or not an index serves it', async () => {
      // PostgreSQL: varchar with an index on lower(email); MariaDB: utf8mb4_bin with a plain unique index.
      const found = ((await connector.inspect?.()) ?? []).filter(
        (i) => i.table === 'customer' && i.column === 'email',
      )
      assert.equal(found.length, 1, found.map((i) => i.message).join('\n'))
      const [message] = found.map((i) => i.message)
      assert.match(message ?? '', /case-sensitive/)
      assert.match(message ?? '', /lower\(email\)/)
      if (kind === 'postgres')
        assert.match(message ?? '', /an index on lower\(email\) serves it\. No fix needed/)
      else assert.match(message ?? '', /has no index that serves it.*Fix: .*lower\(email\)/)
    })

    test('a RESTRICT reference from an undeclared table refuses the plan before anything runs, in the dry run too', async () => {
      // Order lines deleted: payments (not in the manifest) refer to them ON DELETE RESTRICT.
      const tables = realTablePlans().map((t) =>
        t.table === 'order_line'
          ? { ...t, fields: [{ column: 'engraving', category: 'orders', onErase: 'delete-row' as const }] }
          : t,
      )
      const c = open(tablesOf(realPlan(kind, db.url, tables), 'db'))
      try {
        const result = await c.preflight()
        assert.equal(result.ok, false)
        const [issue] = result.ok ? [] : result.issues
        assert.equal(issue?.table, 'payment')
        assert.match(
          issue?.message ?? '',
          /"payment" refers to "order_line" \(constraint "payment_order_line_fk"/,
        )
        assert.match(issue?.message ?? '', /ON DELETE RESTRICT/)
        assert.match(
          issue?.message ?? '',
          /Fix: declare "payment" with "references: \{ order_line_id: order_line.id \}"/,
        )
        await assert.rejects(
          c.erase({ identifiers: [{ kind: 'email', value: 'omar@example.com' }] }, { now, dryRun: true }),
          (e: unknown) =>
            isAmanaError(e) && e.code === 'CONNECTOR_SCHEMA_MISMATCH' && e.message === issue?.message,
        )
        await assert.rejects(
          c.erase({ identifiers: [{ kind: 'email', value: 'omar@example.com' }] }, { now }),
          (e: unknown) => isAmanaError(e) && e.code === 'CONNECTOR_SCHEMA_MISMATCH',
        )
        assert.equal((await db.query('select count(*) as n from order_line'))[0]?.n?.toString(), '3')
      } finally {
        await c.close()
      }
    })

    test('kept rows with a NOT NULL link to deleted rows refuse the plan, naming the fix', async () => {
      const tables = realTablePlans().map((t) =>
        t.table === 'review'
          ? {
              ...t,
              fields: [
                { column: 'author', category: 'identity', onErase: 'anonymise' as const },
                { column: 'body', category: 'content', onErase: 'keep' as const },
              ],
            }
          : t,
      )
      const c = open(tablesOf(realPlan(kind, db.url, tables), 'db'))
      try {
        const result = await c.preflight()
        assert.deepEqual(result.ok ? [] : result.issues.map((i) => [i.table, i.column]), [
          ['review', 'customer_id'],
        ])
        assert.match(
          result.ok ? '' : (result.issues[0]?.message ?? ''),
          /"review" keeps its rows but review.customer_id is NOT NULL .* Fix: make review.customer_id nullable/,
        )
      } finally {
        await c.close()
      }
    })

    test('pre-flight reads the schema once a minute; a statement failing on a gone column makes the next one read it', async () => {
      const fresh = await createRealDatabase(kind, url as string)
      let clock = 0
      const tables = tablesOf(realPlan(kind, fresh.url), 'db')
      const driver =
        kind === 'postgres'
          ? createPostgresDriver('db', { url: fresh.url })
          : createMysqlDriver('db', { url: fresh.url })
      const c = createSqlConnector({ system: 'db', kind, tables, driver, clock: () => clock })
      const issuesOf = async () => {
        const result = await c.preflight()
        return result.ok ? [] : result.issues.map((i) => `${i.table}.${i.column}`)
      }
      try {
        assert.deepEqual(await issuesOf(), [])
        await fresh.query('alter table review drop column body')
        clock = 59_999
        assert.deepEqual(await issuesOf(), [], 'within the minute the checked schema is trusted')
        clock = 60_000
        assert.deepEqual(await issuesOf(), ['review.body'], 'after it, the schema is read again')
        await fresh.query('alter table review add column body text')
        assert.deepEqual(await issuesOf(), [], 'a failed check is not kept: the fixed schema passes at once')

        await fresh.query('alter table review drop column author')
        assert.deepEqual(await issuesOf(), [], 'trusted again, and the change is not seen yet')
        await assert.rejects(
          c.collect({ identifiers: [{ kind: 'email', value: 'omar@example.com' }] }),
          (e: unknown) => isAmanaError(e) && e.code === 'CONNECTOR_FAILED',
        )
        assert.deepEqual(await issuesOf(), ['review.author'], 'the failed statement ended the trust')
      } finally {
        await c.close()
        await fresh.drop()
      }
    })

    // PostgreSQL only: MariaDB's partitioned tables take no foreign keys.
    if (kind === 'postgres')
      test('a partitioned table with a foreign key, declared by its parent name, passes pre-flight and is erased in every partition', async () => {
        const fresh = await createRealDatabase(kind, url as string)
        const tables = tablesOf(
          realPlan(kind, fresh.url, [
            ...realTablePlans(),
            {
              system: 'db',
              table: 'visit',
              primaryKey: ['id', 'visited_at'],
              references: [{ column: 'customer_id', to: { table: 'customer', column: 'id' } }],
              fields: [{ column: 'page', category: 'content', onErase: 'delete-row' }],
            },
          ]),
          'db',
        )
        const c = open(tables, fresh.url)
        try {
          // PostgreSQL copies the key onto each partition (visit_2024, visit_2025); only the parent's counts.
          await fresh.query(`create table visit (
            id bigint not null,
            customer_id bigint not null references customer (id),
            visited_at date not null,
            page text not null,
            primary key (id, visited_at)) partition by range (visited_at)`)
          await fresh.query(
            `create table visit_2024 partition of visit for values from ('2024-01-01') to ('2025-01-01')`,
          )
          await fresh.query(
            `create table visit_2025 partition of visit for values from ('2025-01-01') to ('2026-01-01')`,
          )
          await fresh.query(`insert into visit values
            (1, 2, '2024-03-01', '/cakes'), (2, 2, '2025-03-01', '/halwa'), (3, 1, '2024-05-01', '/cakes')`)
          assert.deepEqual(await c.preflight(), { ok: true })
          completed(await c.erase({ identifiers: [{ kind: 'email', value: 'omar@example.com' }] }, { now }))
          const left = await fresh.query('select tableoid::regclass::text as part, id from visit order by id')
          assert.deepEqual(
            left.map((r) => [r.part, String(r.id)]),
            [['visit_2024', '3']],
          )
        } finally {
          await c.close()
          await fresh.drop()
        }
      })

    test('a foreign-key column is never anonymised into a broken reference: NULL when nullable, else left and reported', async () => {
      const fresh = await createRealDatabase(kind, url as string)
      // Customers kept (anonymised); a review keeps its NOT NULL link, an order loses its nullable one.
      const tables = realTablePlans().map((t) =>
        t.table === 'customer'
          ? { ...t, fields: t.fields?.map((f) => ({ ...f, onErase: 'anonymise' as const })) }
          : t.table === 'review'
            ? {
                ...t,
                fields: [
                  { column: 'author', category: 'identity', onErase: 'anonymise' as const },
                  { column: 'customer_id', category: 'identity', onErase: 'anonymise' as const },
                  { column: 'body', category: 'content', onErase: 'keep' as const },
                ],
              }
            : t,
      )
      const c = open(tablesOf(realPlan(kind, fresh.url, tables), 'db'), fresh.url)
      try {
        assert.deepEqual(await c.preflight(), { ok: true })
        const outcome = completed(
          await c.erase({ identifiers: [{ kind: 'email', value: 'omar@example.com' }] }, { now }),
        )
        const [review] = await fresh.query('select customer_id, author from review where id = 2')
        assert.equal(String(review?.customer_id), '2', 'the NOT NULL link is left, not set to 0')
        assert.notEqual(review?.author, 'Omar')
        const step = outcome.steps.find((s) => s.table === 'review')
        assert.deepEqual(
          step?.skipped?.find((s) => s.column === 'customer_id'),
          { column: 'customer_id', reason: 'NOT NULL foreign key to customer.id', rows: 1 },
        )
        const [order] = await fresh.query('select customer_id from orders where id = 2')
        assert.equal(order?.customer_id, null)
      } finally {
        await c.close()
        await fresh.drop()
      }
    })
  })
