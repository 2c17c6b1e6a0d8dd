import assert from 'node:assert/strict'
import { describe, test as nodeTest } from 'node:test'
import {
  createRealDatabase,
  type RealKind,
  realPlan,
  realTablePlans,
} from '../../../../../test/fixtures/real-schema/real-schema.ts'
import type { CollectOutcome, EraseOutcome } from '../connector.ts'
import { type TablePlanInput, tablesOf } from '../plan.ts'
import { createMysqlConnector } from './mysql.ts'
import { createPostgresConnector } from './postgres.ts'

/**
 * Jane (customer 1) and her neighbour Omar (customer 2) share address 1; the manifest reaches the
 * address from the customer's row (`follow: 'up'`). Issue 13: declared backwards, an erasure
 * anonymised the neighbour's address; both ways, the neighbour's orders reached the package.
 */
const servers: [RealKind, string | undefined, string][] = [
  ['postgres', process.env.TEST_DATABASE_URL, 'set TEST_DATABASE_URL to run against PostgreSQL'],
  ['mysql', process.env.TEST_MYSQL_URL, 'set TEST_MYSQL_URL to run against MySQL or MariaDB'],
]
const now = new Date('2026-01-01T00:00:00Z')

/** The fixture's plan with the address reached upwards, and the customer's rows erased as `customer` says. */
const plans = (
  whenShared: 'unlink' | 'keep' = 'unlink',
  customer: 'delete-row' | 'anonymise' = 'delete-row',
): TablePlanInput[] =>
  realTablePlans().map((t) =>
    t.table === 'customer'
      ? {
          ...t,
          references: [
            {
              column: 'address_id',
              to: { table: 'address', column: 'id' },
              follow: 'up' as const,
              whenShared,
            },
          ],
          fields: t.fields?.map((f) => ({ ...f, onErase: customer })),
        }
      : t,
  )

const rows = (outcome: CollectOutcome, table: string) =>
  outcome.status === 'completed' ? (outcome.tables.find((t) => t.table === table)?.rows ?? []) : []
const completed = (outcome: EraseOutcome) => {
  if (outcome.status !== 'completed') throw new Error(`expected completed, got ${outcome.status}`)
  return outcome
}

// PostgreSQL without TEST_DATABASE_URL runs on an embedded PGlite served over the wire protocol;
// MariaDB without TEST_MYSQL_URL skips test by test, so each skip is counted and reported.
for (const [kind, url, reason] of servers)
  describe(`${kind}: a parent shared by several people`, () => {
    const skip = url || kind === 'postgres' ? false : reason
    const test = (name: string, fn: (t: { after(fn: () => Promise<void>): void }) => Promise<void>) =>
      nodeTest(name, { skip }, fn)
    const setUp = async (tables: TablePlanInput[]) => {
      const db = await createRealDatabase(kind, url)
      const planned = tablesOf(realPlan(kind, db.url, tables), 'db')
      const connector =
        kind === 'postgres'
          ? createPostgresConnector({ system: 'db', connection: { url: db.url }, tables: planned })
          : createMysqlConnector({ system: 'db', connection: { url: db.url }, tables: planned })
      return {
        db,
        connector,
        neighbour: async () => ({
          address: await db.query('select id, line1, city from address where id = 1'),
          customer: await db.query('select id, email, phone, name, address_id from customer where id = 2'),
        }),
        close: async () => {
          await connector.close()
          await db.drop()
        },
      }
    }

    test("access includes the address the subject's row links to, and nothing of the neighbour", async (t) => {
      const s = await setUp(plans())
      t.after(() => s.close())
      assert.deepEqual(await s.connector.preflight(), { ok: true })
      const outcome = await s.connector.collect({
        identifiers: [{ kind: 'email', value: 'jane.doe@example.com' }],
      })
      assert.deepEqual(
        rows(outcome, 'address').map((r) => r.line1),
        ['4 Harbour Street'],
      )
      assert.deepEqual(
        rows(outcome, 'customer').map((r) => String(r.id)),
        ['1'],
      )
      assert.deepEqual(
        rows(outcome, 'orders').map((r) => String(r.id)),
        ['1'],
      )
      const all = JSON.stringify(outcome)
      for (const theirs of ['Omar', 'omar@', '96891112222', '"Fine"'])
        assert.ok(!all.includes(theirs), theirs)
    })

    test('erasure leaves a shared address and the neighbour untouched, reports it, and removes it once no one else refers to it', async (t) => {
      const s = await setUp(plans())
      t.after(() => s.close())
      const before = await s.neighbour()
      const jane = completed(
        await s.connector.erase({ identifiers: [{ kind: 'email', value: 'jane.doe@example.com' }] }, { now }),
      )
      assert.deepEqual(await s.neighbour(), before, 'the neighbour and the shared address are unchanged')
      assert.equal(
        (await s.db.query('select count(*) as n from customer where id = 1'))[0]?.n?.toString(),
        '0',
      )
      const address = jane.steps.find((x) => x.table === 'address')
      assert.equal(address?.action, 'none')
      assert.equal(address?.shared, 1)
      assert.match(address?.reason ?? '', /1 row shared with others: left unchanged/)

      // Omar is now the only one at address 1: his erasure takes it.
      const omar = completed(
        await s.connector.erase({ identifiers: [{ kind: 'email', value: 'omar@example.com' }] }, { now }),
      )
      assert.deepEqual(
        omar.steps.find((x) => x.table === 'address'),
        { table: 'address', action: 'delete', rows: 1, columns: [] },
      )
      assert.equal(
        (await s.db.query('select count(*) as n from address where id = 1'))[0]?.n?.toString(),
        '0',
      )
    })

    test('an address of one person only is erased with them', async (t) => {
      const s = await setUp(plans())
      t.after(() => s.close())
      completed(
        await s.connector.erase({ identifiers: [{ kind: 'phone', value: '+968 9000 1111' }] }, { now }),
      )
      assert.equal(
        (await s.db.query('select count(*) as n from address where id = 2'))[0]?.n?.toString(),
        '0',
      )
      assert.equal(
        (await s.db.query('select count(*) as n from address where id = 1'))[0]?.n?.toString(),
        '1',
      )
    })

    for (const whenShared of ['unlink', 'keep'] as const)
      test(`a kept customer's link to a shared address is ${whenShared === 'unlink' ? 'cut' : 'kept'}, as the manifest says`, async (t) => {
        const s = await setUp(plans(whenShared, 'anonymise'))
        t.after(() => s.close())
        const before = await s.neighbour()
        const outcome = completed(
          await s.connector.erase({ identifiers: [{ kind: 'customer_id', value: '1' }] }, { now }),
        )
        assert.deepEqual(await s.neighbour(), before)
        const [jane] = await s.db.query('select address_id, name from customer where id = 1')
        assert.notEqual(jane?.name, 'Jane Doe')
        const step = outcome.steps.find((x) => x.table === 'customer')
        if (whenShared === 'unlink') {
          assert.equal(jane?.address_id, null)
          assert.ok(step?.columns.includes('address_id'))
        } else {
          assert.equal(String(jane?.address_id), '1')
          assert.deepEqual(
            step?.skipped?.find((x) => x.column === 'address_id'),
            {
              column: 'address_id',
              reason: 'link to a row shared with others, kept as the manifest says',
              rows: 1,
            },
          )
        }
      })
  })
