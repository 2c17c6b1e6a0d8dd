import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Connector } from '../../packages/amana/src/connectors/index.ts'
import { executionStore } from '../../packages/amana/src/requests/execution/store.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { type Harness, setupRequests, verifiedRequest } from './harness.ts'

// PostgreSQL without TEST_DATABASE_URL: the shop is an embedded PGlite served over the wire protocol.
const servers = [
  { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, skip: false as const },
  {
    kind: 'mysql' as const,
    url: process.env.TEST_MYSQL_URL,
    skip: process.env.TEST_MYSQL_URL ? (false as const) : 'TEST_MYSQL_URL is not set',
  },
]
const staff = { type: 'staff' as const, id: 'st1' }

/**
 * The shop database's erasure commits, then the worker "dies" before it records the system done:
 * the error is not a connector's, so nothing records the system failed either, exactly as after
 * a kill -9 between the commit and the record.
 */
const crashAfterCommitOnce = (h: Harness) => {
  const opened = h.service.connectors(h.plan as NonNullable<Harness['plan']>)
  const connectors = opened.connectors as Map<string, Connector>
  const real = connectors.get('shop_db') as Connector
  let crashed = false
  connectors.set('shop_db', {
    ...real,
    async erase(subject, options) {
      const outcome = await real.erase(subject, options)
      if (crashed || options.dryRun) return outcome
      crashed = true
      throw new Error('simulated crash after the commit')
    },
  })
}

for (const server of servers)
  describe(`a crash between a system's commit and its record on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    test('the recovery re-checks the system, finds nothing left, and records the interrupted attempt’s changes as recovered: in the step report, the request history and the audit ledger', {
      skip: server.skip,
    }, async (t) => {
      const h = await setupRequests({ shop: { kind: server.kind, url: server.url }, processors: false })
      t.after(() => h.close())
      crashAfterCommitOnce(h)
      const shop = h.shop as NonNullable<Harness['shop']>
      const count = async (sql: string) => Number((await shop.query(sql))[0]?.n)

      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(9) })
      assert.ok(await h.service.approve(r.id, staff))
      const failures = await h.drain({ expectFailures: true })
      assert.equal(failures.length, 1, 'the crashed execution fails and waits for the job engine’s retry')
      assert.notEqual((await h.service.store.byId(r.id))?.status, 'completed')
      assert.equal(
        await count('select count(*) as n from customers where id = 9'),
        0,
        'the erasure committed',
      )
      const records = executionStore(h.database.db)
      const [crashed] = await records.systemSteps(r.id, 'erase')
      assert.equal(crashed?.status, 'committing', 'the record says the commit was under way')
      assert.equal(crashed?.intent?.find((c) => c.table === 'customers')?.rows, 1)
      assert.equal(JSON.stringify(crashed).includes(customerEmail(9)), false, 'counts, never values')

      await h.awaitRetry(r.id)
      const row = await h.service.store.byId(r.id)
      assert.equal(row?.status, 'completed', row?.last_error ?? '')
      const [record] = await records.systemSteps(r.id, 'erase')
      assert.equal(record?.status, 'done')
      assert.equal(record?.attempts, 2)
      assert.ok(record?.recovered_at, 'marked recovered')
      const customers = record?.changes?.find((c) => c.table === 'customers')
      assert.deepEqual(
        [customers?.action, customers?.rows],
        ['delete', 1],
        'the first attempt’s change is on record',
      )

      const erase = (await h.service.store.steps(r.id)).find((s) => s.step === 'erase')
      const result = erase?.result as {
        systems: {
          system: string
          recovered?: boolean
          note?: { code: string; changes: { table: string; action: string; rows: number }[] }
          steps: { table: string; rows: number }[]
        }[]
      }
      const shopResult = result.systems.find((s) => s.system === 'shop_db')
      assert.equal(shopResult?.recovered, true)
      assert.equal(shopResult?.note?.code, 'rp.sys.recovered', 'a catalogue code, not an English sentence')
      assert.deepEqual(
        shopResult?.note?.changes.find((c) => c.table === 'customers'),
        { table: 'customers', action: 'delete', rows: 1 },
      )
      assert.equal(shopResult?.steps.find((s) => s.table === 'customers')?.rows, 1)

      const events = await h.service.store.events(r.id)
      const recovered = events.find((e) => e.kind === 'system-recovered')
      assert.equal(recovered?.details.system, 'shop_db')
      assert.match(String(recovered?.details.changes), /customers: 1 delete/)
      const ledger = await h.auditEntries()
      const audit = ledger.find((a) => a.action === 'request.erase.recovered')
      assert.ok(audit, 'the ledger records the recovery')
      assert.equal(audit.details?.system, 'shop_db')
      assert.ok(Number(audit.details?.rows) >= 1)
      assert.equal(JSON.stringify(ledger).includes(customerEmail(9)), false)
      assert.equal((await h.verifyAudit()).ok, true, 'the ledger verifies')
      assert.ok(
        (await h.mails()).some((m) => m.to === customerEmail(9) && /complete/.test(m.subject)),
        'the requester hears once the record is complete',
      )
    })

    test('a crash before the commit is not mistaken for one after: the retry changes the rows itself and records its own change', {
      skip: server.skip,
    }, async (t) => {
      const h = await setupRequests({ shop: { kind: server.kind, url: server.url }, processors: false })
      t.after(() => h.close())
      const opened = h.service.connectors(h.plan as NonNullable<Harness['plan']>)
      const connectors = opened.connectors as Map<string, Connector>
      const real = connectors.get('shop_db') as Connector
      let crashed = false
      connectors.set('shop_db', {
        ...real,
        erase: (subject, options) =>
          real.erase(subject, {
            ...options,
            async committing(outcome) {
              await options.committing?.(outcome)
              if (crashed) return
              crashed = true
              throw new Error('simulated crash before the commit')
            },
          }),
      })
      const shop = h.shop as NonNullable<Harness['shop']>
      const r = await verifiedRequest(h, { type: 'erasure', email: customerEmail(8) })
      assert.ok(await h.service.approve(r.id, staff))
      await h.drain({ expectFailures: true })
      assert.equal(
        Number((await shop.query('select count(*) as n from customers where id = 8'))[0]?.n),
        1,
        'rolled back',
      )
      // The connector reports the failed commit as its own failure: staff retry it.
      if ((await h.service.store.byId(r.id))?.status === 'awaiting-staff') {
        assert.ok(await h.service.retry(r.id, staff))
        await h.drain()
      } else await h.awaitRetry(r.id)
      assert.equal((await h.service.store.byId(r.id))?.status, 'completed')
      const [record] = await executionStore(h.database.db).systemSteps(r.id, 'erase')
      assert.equal(record?.recovered_at, null, 'the retry did the work: not a recovery')
      assert.equal(record?.changes?.find((c) => c.table === 'customers')?.rows, 1)
      assert.equal(
        (await h.auditEntries()).some((a) => a.action === 'request.erase.recovered'),
        false,
      )
    })
  })
