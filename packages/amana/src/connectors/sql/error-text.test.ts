import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import {
  createShopDatabase,
  type ShopDatabase,
} from '../../../../../test/fixtures/shop/create-shop-database.ts'
import { customerEmail } from '../../../../../test/fixtures/shop/seed.ts'
import { isAmanaError } from '../../platform/errors/index.ts'
import { createLogger } from '../../platform/logging/index.ts'
import { describeMysqlError, describePostgresError } from './error-text.ts'
import { createMysqlDriver } from './mysql.ts'
import { createPostgresDriver } from './postgres.ts'
import type { SqlDriver } from './sql-connector.ts'

/** The line the server logs for a failed request (platform/http/error-handler.ts): the error and its causes. */
const loggedLine = (error: unknown) => {
  const lines: string[] = []
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    }) as never,
  })
  logger.error({ err: error }, 'request failed')
  return lines.join('')
}

/** Runs a statement the database refuses; the Amana error's message, details and log line. */
const refusal = async (driver: SqlDriver, text: string, params: unknown[]) => {
  const error = await driver.run({ text, params }).then(
    () => assert.fail(`expected ${text} to fail`),
    (e: unknown) => e,
  )
  assert.ok(isAmanaError(error) && error.code === 'CONNECTOR_FAILED', String(error))
  return {
    message: error.message,
    stored: `${error.message} ${JSON.stringify(error.details)}`,
    log: loggedLine(error),
  }
}

const servers = [
  { kind: 'postgres' as const, url: process.env.TEST_DATABASE_URL, skip: false as const },
  {
    kind: 'mysql' as const,
    url: process.env.TEST_MYSQL_URL,
    skip: process.env.TEST_MYSQL_URL ? (false as const) : 'TEST_MYSQL_URL is not set',
  },
]

// Without TEST_DATABASE_URL the PostgreSQL shop is an embedded PGlite served over the wire protocol.
for (const server of servers)
  describe(`a refusal of the ${server.kind === 'mysql' ? 'MariaDB' : 'PostgreSQL'} shop quotes no value`, () => {
    let shop: ShopDatabase
    let driver: SqlDriver
    const pg = server.kind === 'postgres'
    const mark = (i: number) => (pg ? `$${i}` : '?')
    before(async () => {
      if (server.skip) return
      shop = await createShopDatabase(server.kind, server.url, { customers: 4 })
      driver = pg
        ? createPostgresDriver('shop-db', { url: shop.url })
        : createMysqlDriver('shop-db', { url: shop.url })
    })
    after(async () => {
      await driver?.close()
      await shop?.drop()
    })

    test('a duplicate email: the unique key and what to do, not the address', {
      skip: server.skip,
    }, async () => {
      // A value with a quote in it must not split the message into readable parts.
      const email = "o'brien.duplicate@example.com"
      await shop.query(`update customers set email = ${mark(1)} where id = 1`, [email])
      const r = await refusal(driver, `update customers set email = ${mark(1)} where id = 2`, [email])
      for (const text of [r.stored, r.log]) {
        assert.equal(text.includes('brien'), false, text)
        assert.equal(text.includes(customerEmail(2)), false, text)
      }
      assert.match(
        r.message,
        pg
          ? /^shop-db: SQLSTATE 23505: .*"customers_email_key"/
          : /ER_DUP_ENTRY \(errno 1062\): Duplicate entry '…' for key '(customers\.)?email'/,
      )
      assert.match(r.message, /Fix: another row (of "customers" )?already holds the value this step writes/)
    })

    test('a row still referred to: the constraint and table that refer to it, and the fix', {
      skip: server.skip,
    }, async () => {
      const r = await refusal(driver, `delete from customers where email = ${mark(1)}`, [customerEmail(3)])
      for (const text of [r.stored, r.log]) assert.equal(text.includes(customerEmail(3)), false, text)
      assert.match(
        r.message,
        pg
          ? /SQLSTATE 23503: update or delete on table "customers" violates foreign key constraint "\w+" on table "\w+"/
          : /\(errno 1451\): Cannot delete or update a parent row/,
      )
      assert.match(
        r.message,
        /Fix: rows of "\w+" still refer to the rows this step deletes or changes \(constraint "\w+"\)/,
      )
    })

    test('a value of the wrong type: the type or column, not the value', { skip: server.skip }, async () => {
      const r = pg
        ? await refusal(driver, 'select id from customers where id = $1', [customerEmail(4)])
        : await refusal(
            driver,
            'insert into reviews (customer_id, display_name, rating, body) values (?, ?, ?, ?)',
            [1, 'x', customerEmail(4), 'b'],
          )
      for (const text of [r.stored, r.log]) assert.equal(text.includes(customerEmail(4)), false, text)
      assert.match(
        r.message,
        pg
          ? /SQLSTATE 22P02: invalid input syntax for type bigint: "…"/
          : /Incorrect integer value: '…' for column .*rating.* at row 1/,
      )
      assert.match(r.message, /Fix: a value does not fit its column's type or size/)
    })
  })

test('a PostgreSQL message quoting a value ends at the quote; one naming things is kept whole', () => {
  assert.equal(
    describePostgresError({ code: '22P02', message: 'invalid input value for enum mood: "a@b.c"' }),
    `SQLSTATE 22P02: invalid input value for enum mood: "…". Fix: a value does not fit its column's type or size: compare the column in amana.yaml with the system's schema; then retry the step`,
  )
  assert.equal(
    describePostgresError({
      code: '23502',
      message: 'null value in column "email" of relation "customers" violates not-null constraint',
      table: 'customers',
      column: 'email',
    }),
    'SQLSTATE 23502: null value in column "email" of relation "customers" violates not-null constraint. Fix: column "email" of "customers" cannot be empty: anonymise it to a value in amana.yaml instead of clearing it, or make the column nullable; then retry the step',
  )
  assert.equal(
    describePostgresError({ code: '40P01', message: 'deadlock detected' }),
    'SQLSTATE 40P01: deadlock detected',
    'a deadlock passes when tried again: no fix to name',
  )
})

test("a MySQL duplicate entry keeps only its key, even when the value holds ' for key '", () => {
  assert.equal(
    describeMysqlError({
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      sqlMessage: "Duplicate entry 'x' for key 'y@z.example' for key 'customers.email'",
    }).split('. Fix:')[0],
    "ER_DUP_ENTRY (errno 1062): Duplicate entry '…' for key 'customers.email'",
  )
})
