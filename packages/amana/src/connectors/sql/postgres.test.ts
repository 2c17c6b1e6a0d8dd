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
