import assert from 'node:assert/strict'
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import type { Connector, DatasetPlan } from '../../packages/amana/src/connectors/index.ts'
import { tablesOf } from '../../packages/amana/src/connectors/plan.ts'
import { createMysqlDriver } from '../../packages/amana/src/connectors/sql/mysql.ts'
import { createPostgresDriver } from '../../packages/amana/src/connectors/sql/postgres.ts'
import { incomingReferences } from '../../packages/amana/src/connectors/sql/preflight.ts'
import { createSqlConnector, type SqlDriver } from '../../packages/amana/src/connectors/sql/sql-connector.ts'
import type { Statement } from '../../packages/amana/src/connectors/sql/statements.ts'
import { executionStore } from '../../packages/amana/src/requests/execution/store.ts'
import { createShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail, designPath } from '../fixtures/shop/seed.ts'
import { type Harness, setupRequests, verifiedRequest } from './harness.ts'
import { twoSystemsManifest } from './two-systems-manifest.ts'

// PostgreSQL without TEST_DATABASE_URL: each shop database is an embedded PGlite served over the wire.
const servers = [
  { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, skip: false as const },
  {
    kind: 'mysql' as const,
    url: process.env.TEST_MYSQL_URL,
    skip: process.env.TEST_MYSQL_URL ? (false as const) : 'TEST_MYSQL_URL is not set',
  },
]
const staff = { type: 'staff' as const, id: 'st1' }

type Logged = { system: string; statement: Statement; inTransaction: boolean }

/** The real driver, every statement it runs logged with whether it ran inside a transaction. */
const loggingDriver = (system: string, real: SqlDriver, log: Logged[]): SqlDriver => ({
  ...real,
  dialect: real.dialect,
  async run(statement) {
    log.push({ system, statement, inTransaction: false })
    return real.run(statement)
  },
  transaction: (work) =>
    real.transaction((tx) =>
      work({
        run(statement) {
          log.push({ system, statement, inTransaction: true })
          return tx.run(statement)
        },
      }),
    ),
})

/** The harness's connectors for the SQL systems, replaced by the same connectors over logging drivers. */
const logStatements = (h: Harness, kind: 'postgres' | 'mysql') => {
  const plan = h.plan as DatasetPlan
  const connectors = h.service.connectors(plan).connectors as Map<string, Connector>
  const log: Logged[] = []
  const calls = { collect: 0, erase: 0 }
  for (const s of plan.systems) {
    if (s.kind !== kind) continue
    const { url } = s.connection as { url: string }
    const real = kind === 'postgres' ? createPostgresDriver(s.id, { url }) : createMysqlDriver(s.id, { url })
    const connector = createSqlConnector({
      system: s.id,
      kind,
      tables: tablesOf(plan, s.id),
      incoming: incomingReferences(plan, s.id),
      driver: loggingDriver(s.id, real, log),
    })
    connectors.set(s.id, {
      ...connector,
      collect(subject) {
        calls.collect++
        return connector.collect(subject)
      },
      erase(subject, options) {
        calls.erase++
        return connector.erase(subject, options)
      },
    })
  }
  return { log, calls }
}

const setup = async (t: { after(fn: () => Promise<void>): void }, server: (typeof servers)[number]) => {
  const crm = await createShopDatabase(server.kind, server.url, { customers: 12 })
  t.after(() => crm.drop())
  const h = await setupRequests({
    shop: { kind: server.kind, url: server.url },
    manifest: twoSystemsManifest(server.kind, { crossReviews: true }),
    env: { CRM_DB_URL: crm.url },
  })
  t.after(() => h.close())
  const count = async (db: typeof crm, sql: string) => Number((await db.query(sql))[0]?.n)
  const design = (i: number) => join(h.filesRoot, 'designs', designPath(i))
  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    )
  return { crm, h, count, design, exists, shop: h.shop as typeof crm }
}

for (const server of servers)
  describe(`one search for an erasure with files and a reference across systems on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    test('each system is searched once, inside its locked erasure: the shop’s rows, the design image and the CRM review reached through the shop are gone', {
      skip: server.skip,
    }, async (t) => {
      const { crm, h, count, design, exists, shop } = await setup(t, server)
      const { log, calls } = logStatements(h, server.kind)
      assert.equal(await exists(design(9)), true)

      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(9) })
      assert.ok(await h.service.approve(r.id, staff))
      await h.drain()
      const row = await h.service.store.byId(r.id)
      assert.equal(row?.status, 'completed', row?.last_error ?? '')

      assert.deepEqual(
        calls,
        { collect: 0, erase: 2 },
        'no search before the erasures: one erasure per system',
      )
      const byEmail = log.filter((l) => JSON.stringify(l.statement.params).includes(customerEmail(9)))
      assert.ok(byEmail.length > 0, 'the shop was searched by the requester’s email')
      assert.deepEqual(
        byEmail.filter((l) => !l.inTransaction).map((l) => l.statement.text),
        [],
        'every read by the email ran inside the locked erasure',
      )
      assert.equal(
        byEmail.filter((l) => l.system === 'shop_db' && /\bcustomers\b/.test(l.statement.text)).length,
        1,
        'the customers table was searched by the email in one statement, once',
      )
      const crmReads = log.filter((l) => l.system === 'crm' && /reviews/.test(l.statement.text))
      assert.ok(
        crmReads.length > 0 && crmReads.every((l) => l.inTransaction),
        'the CRM, too, searched under its locks',
      )

      assert.equal(await exists(design(9)), false, 'the design image is removed')
      assert.equal(await exists(design(7)), true, 'no one else’s')
      assert.equal(await count(shop, 'select count(*) as n from customers where id = 9'), 0)
      assert.equal(await count(crm, 'select count(*) as n from reviews where customer_id = 9'), 0)
      assert.equal(
        await count(crm, 'select count(*) as n from reviews where customer_id = 3'),
        1,
        'no one else',
      )
      const erase = (await h.service.store.steps(r.id)).find((s) => s.step === 'erase')
      const files = ((erase?.result ?? { files: [] }) as { files: { status: string }[] }).files
      assert.deepEqual(
        files.map((f) => f.status),
        ['removed'],
      )
    })

    test('a crash after the shop’s commit and before its files were removed ends, on the recovery, with the files removed', {
      skip: server.skip,
    }, async (t) => {
      const { h, count, design, exists, shop } = await setup(t, server)
      const connectors = h.service.connectors(h.plan as DatasetPlan).connectors as Map<string, Connector>
      const real = connectors.get('shop_db') as Connector
      let crashed = false
      connectors.set('shop_db', {
        ...real,
        async erase(subject, options) {
          const outcome = await real.erase(subject, options)
          if (crashed || options.dryRun) return outcome
          crashed = true
          throw new Error('simulated crash after the commit, before the files')
        },
      })
      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(3) })
      assert.ok(await h.service.approve(r.id, staff))
      await h.drain({ expectFailures: true })
      assert.equal(
        await count(shop, 'select count(*) as n from cake_designs where customer_id = 3'),
        0,
        'committed',
      )
      assert.equal(await exists(design(3)), true, 'the crash came before the file was removed')
      const files = await h.database.db
        .selectFrom('dsr_file')
        .select(['kind', 'name'])
        .where('request_id', '=', r.id)
        .where('kind', '=', 'erase-files')
        .execute()
      assert.deepEqual(
        files.map((f) => f.name),
        ['erase-files-shop_db.json'],
        'the file was recorded, sealed, before the commit',
      )

      await h.awaitRetry(r.id)
      const row = await h.service.store.byId(r.id)
      assert.equal(row?.status, 'completed', row?.last_error ?? '')
      assert.equal(await exists(design(3)), false, 'the recovery removed the recorded file')
      assert.equal(await exists(design(5)), true, 'no one else’s')
      const record = (await executionStore(h.database.db).systemSteps(r.id, 'erase')).find(
        (s) => s.system === 'shop_db',
      )
      assert.ok(record?.recovered_at, 'the shop’s part is marked recovered')
      const erase = (await h.service.store.steps(r.id)).find((s) => s.step === 'erase')
      assert.deepEqual(
        ((erase?.result ?? { files: [] }) as { files: { status: string }[] }).files.map((f) => f.status),
        ['removed'],
      )
    })
  })
