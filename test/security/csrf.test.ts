import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMember, signIn } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../../packages/amana/src/testing/test-app.ts'

test('a state-changing request by cookie without the CSRF token, or with a forged one, is refused and changes nothing', async () => {
  const t = await createTestApp()
  try {
    const owner = await addMember(t, 'owner')
    const s = await signIn(t, owner.email, owner.password)
    const invite = (headers: Record<string, string>, payload: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/staff',
        headers,
        payload: { email: 'new@rumrom.example', role: 'viewer', ...payload },
      })

    const missing = await invite({ cookie: s.cookie })
    assert.equal(missing.statusCode, 403)
    assert.equal(missing.json().error.code, 'CSRF_FAILED')
    const forged = await invite({ cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -2)}AA` })
    assert.equal(forged.statusCode, 403)
    assert.equal(forged.json().error.code, 'CSRF_FAILED')
    const other = await signIn(t, owner.email, owner.password)
    const crossSession = await invite({ cookie: s.cookie, 'x-csrf-token': other.csrf })
    assert.equal(crossSession.statusCode, 403, "another session's token does not fit")

    const list = await t.app.inject({ url: '/v1/staff', headers: { cookie: s.cookie } })
    assert.equal(list.json().staff.length, 1, 'nothing was created')

    assert.equal((await invite({ cookie: s.cookie, 'x-csrf-token': s.csrf })).statusCode, 201)
  } finally {
    await t.close()
  }
})

test('console forms carry the token in the form field; a form post without it shows "form expired"', async () => {
  const t = await createTestApp()
  try {
    const owner = await addMember(t, 'owner')
    const s = await signIn(t, owner.email, owner.password)
    const page = await t.app.inject({ url: '/admin/api-keys', headers: { cookie: s.cookie } })
    assert.equal(page.statusCode, 200)
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1]
    assert.equal(csrf, s.csrf)
    const refused = await t.app.inject({
      method: 'POST',
      url: '/admin/api-keys',
      headers: { cookie: s.cookie },
      payload: { name: 'shop', scopes: 'decisions:read' },
    })
    assert.equal(refused.statusCode, 403)
    assert.match(refused.body, /data-refusal="csrf"/)
    const created = await t.app.inject({
      method: 'POST',
      url: '/admin/api-keys',
      headers: { cookie: s.cookie },
      payload: { csrf, name: 'shop', scopes: 'decisions:read' },
    })
    assert.equal(created.statusCode, 201)
    assert.match(created.body, /amana_live_[\w-]{43}/, 'the new key is shown once')
    const again = await t.app.inject({ url: '/admin/api-keys', headers: { cookie: s.cookie } })
    assert.doesNotMatch(again.body, /amana_live_[\w-]{43}/, 'and never again')
  } finally {
    await t.close()
  }
})

test('API-key requests need no CSRF token: browsers never attach the key on their own', async () => {
  const t = await createTestApp()
  try {
    const owner = await addMember(t, 'owner')
    const s = await signIn(t, owner.email, owner.password)
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { name: 'ops', scopes: ['system:metrics', 'decisions:read'] },
    })
    const key = created.json().key
    // An Authorization header means the key and only the key: a cookie alongside is ignored.
    const withCookie = await t.app.inject({
      url: '/v1/staff',
      headers: { authorization: `Bearer ${key}`, cookie: s.cookie },
    })
    assert.equal(withCookie.statusCode, 403)
  } finally {
    await t.close()
  }
})
