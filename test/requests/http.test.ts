/** The requests feature over HTTP: the public API and pages, and the staff queue in the console. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp } from '../../packages/amana/src/testing/test-app.ts'

test('the request page answers in English and Arabic (RTL) and refuses a malformed form with a clear page', async () => {
  const t = await createTestApp()
  try {
    const ar = await t.app.inject('/privacy/requests?lang=ar')
    assert.equal(ar.statusCode, 200)
    assert.match(ar.body, /dir="rtl"/)
    assert.doesNotMatch(ar.body, /<script(?![^>]*src=)/, 'no inline script')
    const bad = await t.app.inject({
      method: 'POST',
      url: '/privacy/requests?lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'type=teleport&email=x',
    })
    assert.ok([400, 415].includes(bad.statusCode), `refused (${bad.statusCode})`)
    assert.doesNotMatch(bad.body, /at \w+ \(|stack/i)
  } finally {
    await t.close()
  }
})

test('a request submitted over the API shows in the staff queue with its deadline, and can be declined with a reason', async () => {
  const t = await createTestApp()
  try {
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'erasure', email: 'noor@example.com', country: 'KW' },
    })
    assert.equal(submitted.statusCode, 202, submitted.body)
    const { reference, token } = submitted.json()
    assert.match(reference, /^DSR-/)
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'erasure', email: 'nobody-at-all@example.com' },
    })
    assert.deepEqual(
      Object.keys(unknown.json()).sort(),
      Object.keys(submitted.json()).sort(),
      'no hint whether an account exists',
    )

    const status = await t.app.inject({ url: `/v1/requests/${reference}?token=${token}` })
    assert.equal(status.statusCode, 200, status.body)

    assert.equal((await t.app.inject({ url: '/v1/admin/requests' })).statusCode, 401)
    const officer = await addMember(t, 'privacy-officer')
    const session = await signIn(t, officer.email, officer.password)
    const queue = await t.app.inject({ url: '/v1/admin/requests', headers: asStaff(session) })
    assert.equal(queue.statusCode, 200, queue.body)
    const listed = JSON.stringify(queue.json())
    assert.match(listed, new RegExp(reference))

    const page = await t.app.inject({
      url: '/admin/requests?lang=ar',
      headers: { ...asStaff(session), accept: 'text/html' },
    })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /dir="rtl"/)
    assert.match(page.body, new RegExp(reference))
    const id = page.body.match(/href="\/admin\/requests\/([0-9a-f-]{36})/)?.[1]
    assert.ok(id, 'the queue links to the request')

    const detail = await t.app.inject({
      url: `/admin/requests/${id}?lang=en`,
      headers: { ...asStaff(session), accept: 'text/html' },
    })
    assert.equal(detail.statusCode, 200)
    const viewer = await addMember(t, 'viewer')
    const viewerSession = await signIn(t, viewer.email, viewer.password)
    const forbidden = await t.app.inject({
      method: 'POST',
      url: `/admin/requests/${id}/deny`,
      headers: asStaff(viewerSession),
      payload: { reason: 'not allowed to decide' },
    })
    assert.equal(forbidden.statusCode, 403, 'a viewer cannot decline')

    const denied = await t.app.inject({
      method: 'POST',
      url: `/admin/requests/${id}/deny?lang=en`,
      headers: asStaff(session),
      payload: { reason: 'We hold no data for this address.' },
    })
    assert.equal(denied.statusCode, 303, denied.body)
    const after = await t.app.inject({ url: `/v1/requests/${reference}?token=${token}` })
    assert.match(after.body, /denied/)
    const trail = await t.database.db
      .selectFrom('audit_entry')
      .select(['action'])
      .where('action', 'like', 'request.%')
      .execute()
    assert.ok(trail.length >= 2, `the request's steps are audited (${trail.map((r) => r.action).join(', ')})`)
  } finally {
    await t.close()
  }
})
