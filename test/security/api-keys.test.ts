import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../../packages/amana/src/testing/test-app.ts'

test('an API key is shown once, stored as a hash, carries only its scopes, and stops working when revoked', async () => {
  const t = await createTestApp()
  try {
    const developer = await addMember(t, 'developer')
    const s = await signIn(t, developer.email, developer.password)
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: asStaff(s),
      payload: { name: 'bakery backend', scopes: ['manifest:read'] },
    })
    assert.equal(created.statusCode, 201)
    const { key, apiKey } = created.json()
    assert.match(key, /^amana_live_[\w-]{43}$/)
    assert.equal(apiKey.prefix, key.slice(0, 19))

    const rows = await t.database.db.selectFrom('staff_api_key').selectAll().execute()
    assert.equal(rows.length, 1)
    assert.ok(!JSON.stringify(rows).includes(key), 'the key itself is not stored')
    const listed = await t.app.inject({ url: '/v1/api-keys', headers: asStaff(s) })
    assert.ok(!listed.body.includes(key), 'and never listed')
    assert.equal(listed.json().apiKeys[0].lastUsedAt, null)

    const bearer = { authorization: `Bearer ${key}` }
    const outOfScope = await t.app.inject({ url: '/v1/api-keys', headers: bearer })
    assert.equal(outOfScope.statusCode, 403)
    assert.equal(outOfScope.json().error.details.permission, 'api-keys:manage')
    const afterUse = await t.app.inject({ url: '/v1/api-keys', headers: asStaff(s) })
    assert.ok(afterUse.json().apiKeys[0].lastUsedAt, 'last-used time recorded')

    assert.equal(
      (await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${apiKey.id}`, headers: asStaff(s) }))
        .statusCode,
      204,
    )
    const revoked = await t.app.inject({ url: '/v1/api-keys', headers: bearer })
    assert.equal(revoked.statusCode, 401)
    assert.equal(revoked.json().error.code, 'UNAUTHENTICATED')
    const forged = await t.app.inject({
      url: '/v1/api-keys',
      headers: { authorization: `Bearer amana_live_${'A'.repeat(43)}` },
    })
    assert.equal(forged.statusCode, 401)
  } finally {
    await t.close()
  }
})

test('a key cannot be given scopes its creator lacks', async () => {
  const t = await createTestApp()
  try {
    const developer = await addMember(t, 'developer')
    const s = await signIn(t, developer.email, developer.password)
    const beyond = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: asStaff(s),
      payload: { name: 'too much', scopes: ['requests:manage'] },
    })
    assert.equal(beyond.statusCode, 400)
    assert.match(beyond.json().error.message, /requests:manage/)
  } finally {
    await t.close()
  }
})
