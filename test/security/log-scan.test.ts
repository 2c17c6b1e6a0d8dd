import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../../packages/amana/src/testing/test-app.ts'

/**
 * Plants a unique email, phone number, password and API key through real requests — sign-ins that
 * fail and succeed, URLs no route matches, an invitation, a password change, API calls with a good
 * and a revoked key, and values in query strings — then reads every log line the suite wrote so far and fails if any
 * planted value appears.
 */
test('no planted email, phone, password or API key reaches the logs', async (ctx) => {
  const dir = process.env.AMANA_TEST_TMP ? join(process.env.AMANA_TEST_TMP, 'logs') : undefined
  if (!dir) {
    ctx.skip('run through npm test: the test logger writes files only under AMANA_TEST_TMP')
    return
  }
  const tag = randomBytes(6).toString('hex')
  const planted = {
    email: `planted.${tag}@leak.example`,
    phone: `+9655${String(Number.parseInt(tag.slice(0, 6), 16))
      .padStart(7, '0')
      .slice(0, 7)}`,
    password: `Planted-${tag}-secret`,
    newPassword: `Planted-${tag}-newer`,
  }
  const t = await createTestApp()
  const seen: Record<string, string> = { ...planted }
  try {
    const owner = await addMember(t, 'owner')
    const session = await signIn(t, owner.email, owner.password)

    await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: planted.email, password: planted.password },
    })
    await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: planted.phone, password: planted.password },
    })
    await t.app.inject({
      method: 'POST',
      url: `/v1/session?email=${encodeURIComponent(planted.email)}`,
      payload: { email: owner.email, password: planted.password },
    })
    // A URL no route matches is logged by pattern ("unmatched"), not as the path holding the email.
    await t.app.inject({
      url: `/customers/${planted.email}/orders?phone=${encodeURIComponent(planted.phone)}`,
    })
    await t.app.inject({ url: `/api/docs/static/${encodeURIComponent(planted.email)}` })
    const invite = await t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: asStaff(session),
      payload: { email: planted.email, role: 'viewer' },
    })
    assert.equal(invite.statusCode, 201)
    seen.setupUrl = invite.json().setupUrl

    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: asStaff(session),
      payload: { name: 'backend', scopes: ['decisions:read'] },
    })
    assert.equal(created.statusCode, 201)
    const key = created.json().key as string
    seen.apiKey = key
    await t.app.inject({ url: '/v1/staff', headers: { authorization: `Bearer ${key}` } })
    await t.app.inject({ url: `/v1/api-keys?key=${key}`, headers: { authorization: `Bearer ${key}` } })
    await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${created.json().apiKey.id}`,
      headers: asStaff(session),
    })
    await t.app.inject({ url: '/v1/staff', headers: { authorization: `Bearer ${key}` } })

    const changed = await t.app.inject({
      method: 'PUT',
      url: '/v1/session/password',
      headers: asStaff(session),
      payload: { current: owner.password, next: planted.newPassword },
    })
    assert.equal(changed.statusCode, 200)
    await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: owner.email, password: planted.newPassword },
    })
    seen.sessionCookie = session.sessionId
    seen.csrf = session.csrf
  } finally {
    await t.close()
  }

  assert.ok(existsSync(dir), 'the test logger wrote log files')
  const files = readdirSync(dir).filter((f) => f.endsWith('.ndjson'))
  const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n')
  assert.match(text, /\/v1\/session/, 'the scanned logs include this test’s requests')
  const leaks = Object.entries(seen).filter(
    ([, value]) => text.includes(value) || text.includes(encodeURIComponent(value)),
  )
  assert.deepEqual(
    leaks.map(([name]) => name),
    [],
    'planted values found in the logs',
  )
})
