import assert from 'node:assert/strict'
import { test } from 'node:test'
import pg from 'pg'
import { AmanaError } from '../errors/index.ts'
import { isConnectionLoss } from './connection-loss.ts'

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

test('a terminated session, a restart, a refused or reset socket count as a lost connection', () => {
  for (const error of [
    withCode('terminating connection due to administrator command', '57P01'),
    withCode('terminating connection due to crash of another server process', '57P02'),
    withCode('the database system is starting up', '57P03'),
    withCode('connection failure', '08006'),
    withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    withCode('read ECONNRESET', 'ECONNRESET'),
    new Error('Connection terminated unexpectedly'),
    new Error('Client has encountered a connection error and is not queryable'),
    new Error('timeout exceeded when trying to connect'),
    // node reports a refusal on every address of a host as one AggregateError.
    new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    // Wrapped by the code that met it.
    new Error('append failed', { cause: new Error('Connection terminated unexpectedly') }),
  ])
    assert.equal(isConnectionLoss(error), true, String(error))
})

test('a statement PostgreSQL refused, and anything else, is not a lost connection', () => {
  for (const error of [
    withCode('duplicate key value violates unique constraint', '23505'),
    withCode('deadlock detected', '40P01'),
    withCode('canceling statement due to statement timeout', '57014'),
    withCode('relation "x" does not exist', '42P01'),
    new AmanaError('VALIDATION_FAILED', 'Invalid request.'),
    new Error('Connection to the courier API timed out'),
    'Connection terminated',
    undefined,
    null,
  ])
    assert.equal(isConnectionLoss(error), false, String(error))
})

test('a real refused connection from node-postgres is recognised', async () => {
  const client = new pg.Client({
    connectionString: 'postgres://amana@127.0.0.1:1/amana',
    connectionTimeoutMillis: 2000,
  })
  const error = await client.connect().then(
    () => undefined,
    (e: unknown) => e,
  )
  assert.ok(error, 'port 1 refused the connection')
  assert.equal(isConnectionLoss(error), true)
})
