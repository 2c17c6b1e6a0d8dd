import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../../packages/amana/src/testing/test-app.ts'

test('a privacy officer cannot create an owner, promote anyone to owner, touch an owner, or raise their own role', async () => {
  const t = await createTestApp()
  try {
    const owner = await addMember(t, 'owner')
    const officer = await addMember(t, 'privacy-officer')
    const agent = await addMember(t, 'support-agent')
    const s = await signIn(t, officer.email, officer.password)
    const h = asStaff(s)

    const createOwner = await t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: h,
      payload: { email: 'boss@rumrom.example', role: 'owner' },
    })
    assert.equal(createOwner.statusCode, 403)
    assert.equal(createOwner.json().error.details.reason, 'above-actor')
    const promote = await t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${agent.id}/role`,
      headers: h,
      payload: { role: 'owner' },
    })
    assert.equal(promote.statusCode, 403)
    const demoteOwner = await t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${owner.id}/role`,
      headers: h,
      payload: { role: 'viewer' },
    })
    assert.equal(demoteOwner.statusCode, 403)
    const signOutOwner = await t.app.inject({
      method: 'DELETE',
      url: `/v1/staff/${owner.id}/sessions`,
      headers: h,
    })
    assert.equal(signOutOwner.statusCode, 403)
    const self = await t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${officer.id}/role`,
      headers: h,
      payload: { role: 'owner' },
    })
    assert.equal(self.statusCode, 403)
    assert.equal(self.json().error.details.reason, 'self')

    const staff = (await t.app.inject({ url: '/v1/staff', headers: h })).json().staff as {
      id: string
      role: string
    }[]
    assert.deepEqual(
      staff.map((m) => m.role).sort(),
      ['owner', 'privacy-officer', 'support-agent'],
      'no role changed',
    )

    const ok = await t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${agent.id}/role`,
      headers: h,
      payload: { role: 'viewer' },
    })
    assert.equal(ok.statusCode, 200, 'below themselves they may act')
  } finally {
    await t.close()
  }
})

test('a role change ends the member’s sessions at once; the new role applies at the next sign-in', async () => {
  const t = await createTestApp()
  try {
    const owner = await addMember(t, 'owner')
    const agent = await addMember(t, 'support-agent')
    const o = await signIn(t, owner.email, owner.password)
    const a = await signIn(t, agent.email, agent.password)
    assert.equal((await t.app.inject({ url: '/v1/session', headers: asStaff(a) })).statusCode, 200)
    assert.equal(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/v1/staff/${agent.id}/role`,
          headers: asStaff(o),
          payload: { role: 'viewer' },
        })
      ).statusCode,
      200,
    )
    assert.equal((await t.app.inject({ url: '/v1/session', headers: asStaff(a) })).statusCode, 401)
    const again = await signIn(t, agent.email, agent.password)
    assert.equal(
      (await t.app.inject({ url: '/v1/session', headers: asStaff(again) })).json().staff.role,
      'viewer',
    )
  } finally {
    await t.close()
  }
})

test('an owner can sign out every session of another owner and demote them, but never change their own role', async () => {
  const t = await createTestApp()
  try {
    const owner = await addMember(t, 'owner')
    const second = await addMember(t, 'owner')
    const o = await signIn(t, owner.email, owner.password)
    const victim = await signIn(t, second.email, second.password)
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/v1/staff/${second.id}/sessions`,
      headers: asStaff(o),
    })
    assert.equal(revoke.json().revoked, 1)
    assert.equal((await t.app.inject({ url: '/v1/session', headers: asStaff(victim) })).statusCode, 401)
    assert.equal(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/v1/staff/${second.id}/role`,
          headers: asStaff(o),
          payload: { role: 'viewer' },
        })
      ).statusCode,
      200,
    )
    const last = await t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${owner.id}/role`,
      headers: asStaff(o),
      payload: { role: 'viewer' },
    })
    assert.equal(last.statusCode, 403)
    assert.equal(last.json().error.details.reason, 'self')
  } finally {
    await t.close()
  }
})
