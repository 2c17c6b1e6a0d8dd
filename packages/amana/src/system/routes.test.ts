import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { capabilitiesOf } from '../staff/index.ts'
import { addMember, asStaff, signIn, staffAccessFor } from '../staff/testing.ts'
import { createTestApp } from '../testing/test-app.ts'

test('health, readiness and the OpenAPI document answer anyone', async () => {
  const { app, close } = await createTestApp()
  try {
    assert.equal((await app.inject('/healthz')).json().status, 'ok')
    const ready = await app.inject('/readyz')
    assert.equal(ready.statusCode, 200)
    assert.deepEqual(ready.json().checks, { database: 'ok', migrations: 'current' })
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

test('metrics answer a key with the system:metrics scope and a developer, nobody else', async () => {
  const t = await createTestApp()
  try {
    const anonymous = await t.app.inject('/metrics')
    assert.equal(anonymous.statusCode, 401)
    assert.doesNotMatch(anonymous.body, /amana_http/)

    const developer = await addMember(t, 'developer')
    const actor = {
      id: developer.id,
      role: 'developer' as const,
      permissions: capabilitiesOf('developer'),
    }
    const access = staffAccessFor(t)
    const scraper = await access.createApiKey(actor, { name: 'prometheus', scopes: ['system:metrics'] })
    const other = await access.createApiKey(actor, { name: 'backend', scopes: ['decisions:read'] })
    assert.ok(scraper.ok && other.ok)
    const scraped = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${scraper.key}` },
    })
    assert.equal(scraped.statusCode, 200)
    assert.match(scraped.headers['content-type'] as string, /text\/plain/)
    assert.match(scraped.body, /# TYPE amana_http_request_duration_seconds histogram/)
    const wrongScope = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${other.key}` },
    })
    assert.equal(wrongScope.statusCode, 403)
    assert.equal(wrongScope.json().error.details.permission, 'system:metrics')

    const session = await signIn(t, developer.email, developer.password)
    assert.equal((await t.app.inject({ url: '/metrics', headers: asStaff(session) })).statusCode, 200)
    const viewer = await addMember(t, 'viewer')
    const viewing = await signIn(t, viewer.email, viewer.password)
    assert.equal((await t.app.inject({ url: '/metrics', headers: asStaff(viewing) })).statusCode, 403)
  } finally {
    await t.close()
  }
})
