import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { createTestApp } from '../testing/test-app.ts'

test('health, readiness, metrics and the OpenAPI document answer', async () => {
  const { app, close } = await createTestApp()
  try {
    assert.equal((await app.inject('/healthz')).json().status, 'ok')
    const ready = await app.inject('/readyz')
    assert.equal(ready.statusCode, 200)
    assert.deepEqual(ready.json().checks, { database: 'ok', migrations: 'current' })
    const metrics = await app.inject('/metrics')
    assert.match(metrics.headers['content-type'] as string, /text\/plain/)
    assert.match(metrics.body, /# TYPE amana_http_request_duration_seconds histogram/)
    const openapi = (await app.inject('/api/openapi.json')).json()
    assert.equal(openapi.openapi, '3.1.0')
    assert.ok(openapi.paths['/healthz'])
    const docs = await app.inject('/api/docs')
    assert.ok([200, 302].includes(docs.statusCode))
  } finally {
    await close()
  }
})

test('readiness turns 503 when migrations are behind the code', async () => {
  const { app, database, close } = await createTestApp()
  try {
    await sql`delete from amana_migration where name = '0001-foundation'`.execute(database.db)
    const ready = await app.inject('/readyz')
    assert.equal(ready.statusCode, 503)
    assert.deepEqual(ready.json().pendingMigrations, ['0001-foundation'])
  } finally {
    await close()
  }
})
