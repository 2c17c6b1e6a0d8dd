import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../../packages/amana/src/testing/test-app.ts'

test('sign-ins, failures, role changes, key changes and refusals reach the audit ledger without secrets', async () => {
  const t = await createTestApp()
  try {
    const owner = await addMember(t, 'owner')
    const viewer = await addMember(t, 'viewer')
    const wrong = `wrong-${crypto.randomUUID()}`
    await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: owner.email, password: wrong },
    })
    await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: 'nobody@nowhere.example', password: wrong },
    })
    const o = await signIn(t, owner.email, owner.password)
    const v = await signIn(t, viewer.email, viewer.password)
    await t.app.inject({ url: '/v1/staff', headers: asStaff(v) })
    await t.app.inject({ url: '/v1/staff' })
    await t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: { cookie: o.cookie },
      payload: { email: 'x@rumrom.example', role: 'viewer' },
    })
    await t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${viewer.id}/role`,
      headers: asStaff(o),
      payload: { role: 'support-agent' },
    })
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: asStaff(o),
      payload: { name: 'shop', scopes: ['decisions:read'] },
    })
    const { key, apiKey } = created.json()
    await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${apiKey.id}`, headers: asStaff(o) })
    await t.app.inject({ url: '/v1/staff', headers: { authorization: `Bearer ${key}` } })

    const rows = await t.database.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_type', 'actor_id', 'body'])
      .orderBy('seq')
      .execute()
    const actions = rows.map((r) => r.action)
    for (const expected of [
      'staff.login-failed',
      'staff.login',
      'access.refused',
      'staff.role-changed',
      'api-key.created',
      'api-key.revoked',
      'api-key.refused',
    ]) {
      assert.ok(actions.includes(expected), `${expected} is audited (got ${actions.join(', ')})`)
    }
    assert.equal(
      actions.filter((a) => a === 'staff.login-failed').length,
      2,
      'unknown email and wrong password',
    )
    assert.ok(
      rows.some((r) => r.action === 'access.refused' && r.body.includes('CSRF_FAILED')),
      'a missing CSRF token is audited',
    )
    const all = JSON.stringify(rows)
    for (const secret of [
      owner.password,
      viewer.password,
      wrong,
      key,
      owner.email,
      'nobody@nowhere.example',
      o.sessionId,
      o.csrf,
    ]) {
      assert.ok(!all.includes(secret), 'no password, key, session, token or email in the ledger')
    }

    const page = await t.app.inject({
      url: '/admin/audit?action=staff.login*',
      headers: { cookie: o.cookie },
    })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Chain verified/)
    assert.match(page.body, /staff\.login-failed/)
    assert.doesNotMatch(page.body, /api-key\.created/, 'the action filter applies')
    const ar = await t.app.inject({ url: '/admin/audit?lang=ar', headers: { cookie: o.cookie } })
    assert.match(ar.body, /dir="rtl"/)
    assert.match(ar.body, /تم التحقق من السلسلة/)
  } finally {
    await t.close()
  }
})
