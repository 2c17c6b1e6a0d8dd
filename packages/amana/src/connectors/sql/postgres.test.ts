import assert from 'node:assert/strict'
import { test } from 'node:test'
import { connectorSuite } from '../../../../../test/fixtures/shop/connector-suite.ts'
import { startEmbeddedPostgresServer } from '../../testing/embedded-postgres-server.ts'
import { createPostgresDriver } from './postgres.ts'

// Without TEST_DATABASE_URL these run on an embedded PGlite served over the wire protocol.
const url = process.env.TEST_DATABASE_URL

connectorSuite('postgres', url, 'set TEST_DATABASE_URL to run against PostgreSQL')

test('prepared statements lost to a pooler: the statement, or the whole transaction, runs again unprepared', async (t) => {
  const server = url ? undefined : await startEmbeddedPostgresServer()
  t.after(() => server?.close())
  const statement = { text: 'select $1::int + 1 as n', params: [1], reusable: true }
  // One connection; `deallocate all` is what a pooler's other server connection looks like.
  for (const inTransaction of [false, true]) {
    const driver = createPostgresDriver('shop-db', { url: url ?? (server?.url as string), maxConnections: 1 })
    try {
      assert.equal((await driver.run(statement)).rows[0]?.n, 2)
      await driver.run({ text: 'deallocate all', params: [] })
      const again = inTransaction
        ? await driver.transaction((tx) => tx.run(statement))
        : await driver.run(statement)
      assert.equal(again.rows[0]?.n, 2)
    } finally {
      await driver.close()
    }
  }
})

test('keys bound as one array match exactly: big, negative and zero-padded integers, text that only looks like one', async (t) => {
  const server = url ? undefined : await startEmbeddedPostgresServer()
  t.after(() => server?.close())
  const driver = createPostgresDriver('shop-db', { url: url ?? (server?.url as string), maxConnections: 1 })
  t.after(() => driver.close())
  await driver.transaction(async (tx) => {
    await tx.run({
      text: 'create temp table k (id bigint primary key, code text, note text) on commit drop',
      params: [],
    })
    await tx.run({
      text: `insert into k values (9007199254740993, '007', 'a'), (-5, '7', 'b,c'), (12, '12', '{x}')`,
      params: [],
    })
    const ids = async (where: string, values: unknown[]) =>
      (
        await tx.run({ text: `select id from k where ${where} = any($1) order by id`, params: [values] })
      ).rows.map((r) => String(r.id))
    // Beyond 2^53: exact as text, never rounded through a number.
    assert.deepEqual(await ids('id', ['9007199254740993', -5, 13]), ['-5', '9007199254740993'])
    // A text column: '007' is not '7'.
    assert.deepEqual(await ids('code', ['007']), ['9007199254740993'])
    assert.deepEqual(await ids('code', [7, '12']), ['-5', '12'])
    // Values that are not integers keep pg's own quoting: a comma or braces stay inside the value.
    assert.deepEqual(await ids('note', ['b,c', '{x}']), ['-5', '12'])
    assert.deepEqual(await ids('id', []), [])
  })
})
