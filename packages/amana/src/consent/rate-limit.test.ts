import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { sql } from 'kysely'
import { type AmanaDatabase, openDatabase } from '../platform/db/index.ts'
import { type ConsentTestApp, createConsentTestApp } from '../testing/consent-test-app.ts'
import { createTestConfig } from '../testing/test-app.ts'
import { createTestDatabase, testEngine } from '../testing/test-database.ts'

const hex = () => randomBytes(16).toString('hex')
const record = (t: ConsentTestApp, remoteAddress: string) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/consent',
    remoteAddress,
    payload: {
      recordId: hex(),
      deviceId: hex(),
      method: 'banner-reject-all',
      granted: [],
      refused: ['functional', 'analytics', 'marketing'],
      policyVersion: t.consent.policyVersion,
      locale: 'en',
      gpc: false,
      source: 'https://rumrom.com/cakes',
    },
  })

/** A second handle on the same database: its own connection pool on PostgreSQL, the same engine on PGlite. */
const secondHandle = async (database: AmanaDatabase): Promise<AmanaDatabase> =>
  database.url ? openDatabase({ kind: 'postgres', url: database.url }) : database

test(`two Amana instances on one database share each address's consent budget (${testEngine()})`, async (t) => {
  const database = await createTestDatabase()
  t.after(() => database.close())
  const other = await secondHandle(database)
  if (other !== database) t.after(() => other.close())
  // One deployment: the same configuration (and secrets) in both processes.
  const config = createTestConfig()
  const first = await createConsentTestApp({ recordRateLimit: 4, database, config })
  t.after(() => first.close())
  const second = await createConsentTestApp({ recordRateLimit: 4, database: other, config })
  t.after(() => second.close())

  const codes = []
  for (const app of [first, second, first, second, first, second])
    codes.push((await record(app, '198.51.100.23')).statusCode)
  assert.deepEqual(codes, [201, 201, 201, 201, 429, 429], 'four in all, whichever instance answers')

  const refused = await record(second, '198.51.100.23')
  assert.equal(refused.json().error.code, 'RATE_LIMITED')
  const wait = Number(refused.headers['retry-after'])
  assert.ok(wait >= 1 && wait <= 60, `Retry-After is the rest of the minute, got ${wait}`)
  assert.equal((await record(first, '198.51.100.24')).statusCode, 201, 'another address is not held back')

  const rows = await sql<{ row: string }>`select row_to_json(r)::text as row from rate_limit r`.execute(
    database.db,
  )
  assert.ok(rows.rows.length > 0)
  for (const { row } of rows.rows)
    assert.doesNotMatch(row, /198\.51\.100/, 'the table holds no client address')
})
