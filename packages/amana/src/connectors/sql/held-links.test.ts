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
import type { TablePlanInput } from '../plan.ts'
import { tablesOf } from '../plan.ts'
import { createMysqlConnector } from './mysql.ts'
import { createPostgresConnector } from './postgres.ts'

/** Issue 13: a held table's NOT NULL link to rows the erasure deletes is refused before anything runs. */
const servers: [RealKind, string | undefined, string][] = [
  ['postgres', process.env.TEST_DATABASE_URL, 'set TEST_DATABASE_URL to run against PostgreSQL'],
  ['mysql', process.env.TEST_MYSQL_URL, 'set TEST_MYSQL_URL to run against MySQL or MariaDB'],
]
const now = new Date('2026-12-06T00:00:00Z')
const hold = {
  reason: { en: 'tax records', ar: 'السجلات الضريبية' },
  law: 'VAT Law art. 5',
  keep: 'P7Y',
  after: 'order-fulfilled',
}

/** Reviews kept under a 7-year hold; an invoice table (no foreign key, NOT NULL link) held as well. */
const heldTables = (): TablePlanInput[] => [
  ...realTablePlans().map((t) =>
    t.table === 'review'
      ? {
          ...t,
          fields: [
            { column: 'author', category: 'identity', onErase: 'anonymise' as const },
            { column: 'body', category: 'content', onErase: 'keep' as const, hold },
          ],
        }
      : t,
  ),
  {
    system: 'db',
    table: 'invoice',
    primaryKey: 'id',
    references: [{ column: 'customer_id', to: { table: 'customer', column: 'id' } }],
    fields: [{ column: 'amount', category: 'orders', onErase: 'keep' as const, hold }],
  },
]

for (const [kind, url, reason] of servers)
  describe(`${kind}: held rows linked NOT NULL to rows an erasure deletes`, () => {
    const skip = url || kind === 'postgres' ? false : reason
    const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { skip }, fn)
    let db: RealDatabase
    before(async () => {
      if (skip) return
      db = await createRealDatabase(kind, url)
      await db.query(
        'create table invoice (id bigint primary key, customer_id bigint not null, amount numeric(10, 2) not null)',
      )
      await db.query('insert into invoice (id, customer_id, amount) values (1, 3, 12.50)')
    })
    after(async () => {
      if (!skip) await db?.drop()
    })

    test('pre-flight names the hold, the link and the fix, and the erasure changes nothing', async () => {
      const tables = tablesOf(realPlan(kind, db.url, heldTables()), 'db')
      const c =
        kind === 'postgres'
          ? createPostgresConnector({ system: 'db', connection: { url: db.url }, tables })
          : createMysqlConnector({ system: 'db', connection: { url: db.url }, tables })
      try {
        const result = await c.preflight()
        const issues = result.ok ? [] : result.issues
        assert.deepEqual(issues.map((i) => [i.table, i.column]).sort(), [
          ['invoice', 'customer_id'],
          ['review', 'customer_id'],
        ])
        const message = (table: string) => issues.find((i) => i.table === table)?.message ?? ''
        assert.match(
          message('review'),
          /"review" is held \(tax records, VAT Law art\. 5, P7Y after order-fulfilled\) and keeps its rows, but review\.customer_id is NOT NULL .*Fix: make review\.customer_id nullable .*or keep the rows of "customer"/,
        )
        assert.match(
          message('invoice'),
          /"invoice" rows held \(tax records.*\) pointing at deleted rows: invoice\.customer_id is NOT NULL .*Fix: make invoice\.customer_id nullable/,
        )
        await assert.rejects(
          c.erase({ identifiers: [{ kind: 'customer_id', value: '3' }] }, { now }),
          (e) => isAmanaError(e) && e.code === 'CONNECTOR_SCHEMA_MISMATCH',
        )
        assert.equal((await db.query('select id from customer where id = 3')).length, 1, 'nothing ran')
        assert.equal((await db.query('select id from invoice where customer_id = 3')).length, 1)
      } finally {
        await c.close()
      }
    })

    test('with the links nullable, the same plan passes and the erasure cuts them, keeping the held rows', async () => {
      await db.query(
        kind === 'postgres'
          ? 'alter table invoice alter column customer_id drop not null'
          : 'alter table invoice modify customer_id bigint null',
      )
      await db.query(
        kind === 'postgres'
          ? 'alter table review alter column customer_id drop not null'
          : 'alter table review modify customer_id bigint null',
      )
      const tables = tablesOf(realPlan(kind, db.url, heldTables()), 'db')
      const c =
        kind === 'postgres'
          ? createPostgresConnector({ system: 'db', connection: { url: db.url }, tables })
          : createMysqlConnector({ system: 'db', connection: { url: db.url }, tables })
      try {
        const result = await c.preflight()
        assert.deepEqual(result.ok ? [] : result.issues.map((i) => i.message), [])
        const outcome = await c.erase({ identifiers: [{ kind: 'customer_id', value: '3' }] }, { now })
        assert.equal(outcome.status, 'completed')
        const [invoice] = await db.query('select customer_id, amount from invoice where id = 1')
        assert.equal(invoice?.customer_id, null, 'the link is cut')
        assert.equal(Number(invoice?.amount), 12.5, 'the held amount stays')
        if (outcome.status === 'completed') {
          const step = outcome.steps.find((s) => s.table === 'invoice')
          assert.deepEqual(
            step?.held?.map((h) => [h.columns, h.until]),
            [[['amount'], '2033-12-06T00:00:00.000Z']],
          )
        }
      } finally {
        await c.close()
      }
    })
  })
