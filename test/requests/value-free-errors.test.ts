import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, test } from 'node:test'
import { createLogger } from '../../packages/amana/src/platform/logging/index.ts'
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

/** Every line the service and job engine log, as written. */
const capturedLogger = () => {
  const lines: string[] = []
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    }) as never,
  })
  return { logger, lines }
}

/**
 * The shop's billing keeps invoices in another schema (PostgreSQL) or database (MariaDB), which
 * refer to a customer by email with ON DELETE/UPDATE RESTRICT: Amana's pre-flight reads only the
 * shop's own schema, so the erasure itself meets the constraint.
 */
const billingRefersTo = async (h: Harness, email: string) => {
  const shop = h.shop as NonNullable<Harness['shop']>
  if (shop.kind === 'postgres') {
    await shop.query('create schema billing')
    await shop.query(`create table billing.invoices (id serial primary key,
      customer_email varchar(120) not null references public.customers (email) on delete restrict on update restrict)`)
    await shop.query('insert into billing.invoices (customer_email) values ($1)', [email])
    return async () => {}
  }
  const billing = `${shop.name}_billing`
  await shop.query(`create database \`${billing}\``)
  await shop.query(`create table \`${billing}\`.invoices (id int auto_increment primary key,
    customer_email varchar(120) not null,
    constraint invoices_customer_email foreign key (customer_email)
      references \`${shop.name}\`.customers (email) on delete restrict on update restrict)`)
  await shop.query(`insert into \`${billing}\`.invoices (customer_email) values (?)`, [email])
  return async () => {
    await shop.query(`drop database \`${billing}\``)
  }
}

/** What staff and the log hold of a failed request: the step's error, the request's, the history, each system's. */
const storedErrors = async (h: Harness, id: string) => {
  const row = await h.service.store.byId(id)
  const steps = await h.service.store.steps(id)
  const events = await h.service.store.events(id)
  const systems = await executionStore(h.database.db).systemSteps(id, 'erase')
  // The row's approved `changes` are the values to write, kept on purpose: the errors are checked.
  return { row, steps, text: JSON.stringify({ error: row?.last_error, steps, events, systems }) }
}

for (const server of servers)
  describe(`a refused step on ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'} is stored and logged without the person's values`, () => {
    test('an erasure meeting a RESTRICT foreign key on the email, and a rectification to an email another customer has', {
      skip: server.skip,
    }, async (t) => {
      const { logger, lines } = capturedLogger()
      const h = await setupRequests({
        shop: { kind: server.kind, url: server.url },
        processors: false,
        logger,
      })
      const dropBilling = await billingRefersTo(h, customerEmail(9))
      t.after(async () => {
        await dropBilling()
        await h.close()
      })

      const erasure = await verifiedRequest(h, { type: 'erasure', email: customerEmail(9) })
      assert.ok(await h.service.approve(erasure.id, staff))
      await h.drain({ expectFailures: true })
      const erased = await storedErrors(h, erasure.id)
      assert.equal(erased.row?.status, 'awaiting-staff', 'a constraint waits for staff, not for retries')
      const eraseError = erased.steps.find((s) => s.step === 'erase')?.error ?? ''
      assert.match(
        eraseError,
        server.kind === 'postgres'
          ? /SQLSTATE 23(001|503): .*"customers" violates .*foreign key constraint "invoices_customer_email_fkey" on table "invoices"/
          : /\(errno 1451\): .*`invoices`, CONSTRAINT `invoices_customer_email`/,
      )
      assert.match(eraseError, /Fix: rows of "invoices" still refer to the rows this step deletes or changes/)
      assert.equal(erased.text.includes(customerEmail(9)), false, erased.text)

      const rectification = await verifiedRequest(h, { type: 'rectification', email: customerEmail(3) })
      const change = {
        system: 'shop_db',
        table: 'customers',
        key: { id: 3 },
        changes: { email: customerEmail(4) },
      }
      assert.ok(await h.service.approve(rectification.id, staff, [change]))
      await h.drain({ expectFailures: true })
      const rectified = await storedErrors(h, rectification.id)
      const rectifyError = rectified.steps.find((s) => s.step === 'rectify')?.error ?? ''
      assert.match(
        rectifyError,
        server.kind === 'postgres'
          ? /SQLSTATE 23505: duplicate key value violates unique constraint "customers_email_key"/
          : /ER_DUP_ENTRY \(errno 1062\): Duplicate entry '…' for key '(customers\.)?email'/,
      )
      assert.match(rectifyError, /Fix: another row .*already holds the value this step writes/)
      assert.equal(rectified.text.includes(customerEmail(4)), false, rectified.text)
      assert.equal(rectified.text.includes(customerEmail(3)), false, rectified.text)

      const failedLines = lines.filter((l) => l.includes('request step failed'))
      assert.equal(failedLines.length, 2, 'one line per failed step')
      assert.match(failedLines.join(''), /invoices/)
      const log = lines.join('')
      for (const i of [3, 4, 9]) assert.equal(log.includes(customerEmail(i)), false, log)
    })
  })
