import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createStaffAccess } from '../../packages/amana/src/staff/access.ts'
import { deriveStaffKeys } from '../../packages/amana/src/staff/domain/tokens.ts'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp, type TestApp } from '../../packages/amana/src/testing/test-app.ts'

/** A member signed in to the console, asking for an API key with these scopes. */
const requestKey = async (t: TestApp, role: 'developer' | 'owner', name: string, scopes: string[]) => {
  const member = await addMember(t, role)
  const s = await signIn(t, member.email, member.password)
  const created = await t.app.inject({
    method: 'POST',
    url: '/v1/api-keys',
    headers: asStaff(s),
    payload: { name, scopes },
  })
  return { s, created }
}

test('an API key is shown once, stored as a hash, carries only its scopes, and stops working when revoked', async () => {
  const t = await createTestApp()
  try {
    const { s, created } = await requestKey(t, 'developer', 'bakery backend', ['manifest:read'])
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
    const { created: beyond } = await requestKey(t, 'developer', 'too much', ['requests:manage'])
    assert.equal(beyond.statusCode, 400)
    assert.match(beyond.json().error.message, /requests:manage/)
  } finally {
    await t.close()
  }
})

test('a key revoked in one process stops working in another within a second', async () => {
  const t = await createTestApp()
  try {
    const { s, created } = await requestKey(t, 'owner', 'backend', ['manifest:read'])
    const { key, apiKey } = created.json()
    // A second server process on the same database: its own access service, its own key cache.
    const other = createStaffAccess({
      db: t.database.db,
      keys: deriveStaffKeys(t.ctx.config.secrets),
      audit: { append: async () => {} },
      now: () => new Date(),
      publicUrl: t.ctx.config.http.publicUrl,
      issuer: 'other process',
    })
    const call = { ip: '127.0.0.1' }
    assert.equal((await other.authenticateApiKey(key, call))?.id, apiKey.id, 'accepted (and cached) there')
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${apiKey.id}`,
      headers: asStaff(s),
    })
    assert.equal(revoke.statusCode, 204)
    const started = Date.now()
    while ((await other.authenticateApiKey(key, call)) !== undefined) {
      assert.ok(Date.now() - started < 1100, 'still accepted more than a second after revocation')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  } finally {
    await t.close()
  }
})

test('the Authorization header: the Bearer scheme in any case and spacing; a token with spaces in or after it is refused', async () => {
  const t = await createTestApp()
  try {
    const { created } = await requestKey(t, 'developer', 'bakery backend', ['decisions:read'])
    const { key } = created.json()
    const status = async (authorization: string) =>
      (await t.app.inject({ url: '/v1/decisions?subject=1&purpose=marketing', headers: { authorization } }))
        .statusCode
    // Each form twice: the first may look the key up, the second finds it checked within the second.
    for (const round of ['looked up', 'cached']) {
      for (const accepted of [
        `Bearer ${key}`,
        `bearer ${key}`,
        `BEARER ${key}`,
        `Bearer  ${key}`,
        `Bearer\t${key}`,
      ])
        assert.equal(await status(accepted), 200, `${JSON.stringify(accepted)} (${round})`)
      for (const refused of [
        `Bearer ${key} `,
        `Bearer ${key} x`,
        `Bearer ${key.slice(0, 20)} ${key.slice(20)}`,
        `Bearer`,
        `Bearer `,
        `Basic ${key}`,
        key,
      ])
        assert.equal(await status(refused), 401, `${JSON.stringify(refused)} (${round})`)
    }
  } finally {
    await t.close()
  }
})

test('a key follows its creator’s current role: demoted, it loses what they lost, here at once and in another process within a second', async () => {
  const t = await createTestApp()
  try {
    const { s: creatorSession, created } = await requestKey(t, 'owner', 'ops', [
      'system:metrics',
      'decisions:read',
    ])
    assert.equal(created.statusCode, 201)
    const bearer = { authorization: `Bearer ${created.json().key}` }
    const creatorId = (await t.app.inject({ url: '/v1/session', headers: asStaff(creatorSession) })).json()
      .staff.id
    const other = createStaffAccess({
      db: t.database.db,
      keys: deriveStaffKeys(t.ctx.config.secrets),
      audit: { append: async () => {} },
      now: () => new Date(),
      publicUrl: t.ctx.config.http.publicUrl,
      issuer: 'other process',
    })
    const call = { ip: '127.0.0.1' }
    assert.ok((await other.authenticateApiKey(created.json().key, call))?.permissions.has('system:metrics'))
    assert.equal((await t.app.inject({ url: '/metrics', headers: bearer })).statusCode, 200)

    const boss = await addMember(t, 'owner')
    const bossSession = await signIn(t, boss.email, boss.password)
    const setRole = (role: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/v1/staff/${creatorId}/role`,
        headers: asStaff(bossSession),
        payload: { role },
      })
    assert.equal((await setRole('viewer')).statusCode, 200)
    const lost = await t.app.inject({ url: '/metrics', headers: bearer })
    assert.equal(lost.statusCode, 403, 'a viewer cannot read metrics, so neither can their key')
    assert.equal(lost.json().error.details.permission, 'system:metrics')
    assert.equal(
      (await t.app.inject({ url: '/v1/decisions?subject=1&purpose=marketing', headers: bearer })).statusCode,
      200,
      'what the viewer still holds, the key keeps',
    )
    const started = Date.now()
    while ((await other.authenticateApiKey(created.json().key, call))?.permissions.has('system:metrics')) {
      assert.ok(Date.now() - started < 1100, 'still granted more than a second after the demotion')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }

    assert.equal((await setRole('owner')).statusCode, 200)
    assert.equal(
      (await t.app.inject({ url: '/metrics', headers: bearer })).statusCode,
      200,
      'restored with the role: the key never held more than its own scopes',
    )
  } finally {
    await t.close()
  }
})
