import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AmanaError } from '../errors/index.ts'
import { databaseRetryAfterSeconds, toErrorBody } from './error-handler.ts'

test('a lost database connection is a 503 DATABASE_UNAVAILABLE that says when to retry, without internals', () => {
  const error = Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
  })
  const { status, body } = toErrorBody(error, 'req-1')
  assert.equal(status, 503)
  assert.equal(body.error.code, 'DATABASE_UNAVAILABLE')
  assert.match(body.error.message, new RegExp(`Retry in ${databaseRetryAfterSeconds} seconds`))
  assert.doesNotMatch(body.error.message, /administrator|57P01/)
  assert.equal(body.error.requestId, 'req-1')
})

test('other failures keep their mapping: a typed error its own status, an unknown one a plain 500', () => {
  assert.equal(toErrorBody(new AmanaError('CONFLICT', 'Reload and retry.'), 'r').status, 409)
  const unknown = toErrorBody(Object.assign(new Error('division by zero'), { code: '22012' }), 'r')
  assert.equal(unknown.status, 500)
  assert.equal(unknown.body.error.code, 'INTERNAL')
})
