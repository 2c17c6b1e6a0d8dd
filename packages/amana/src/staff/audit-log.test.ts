import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestApp } from '../testing/test-app.ts'
import { addMember, signIn } from './testing.ts'

test('the audit log names people and requests, filters by email, action start and reference, and its CSV download is itself logged', async () => {
  const t = await createTestApp()
  try {
    const owner = await addMember(t, 'owner')
    const { cookie } = await signIn(t, owner.email, owner.password)
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'erasure', email: 'noor@example.com', country: 'KW' },
    })
    assert.equal(submitted.statusCode, 202, submitted.body)
    const reference = submitted.json().reference as string
    await t.services.audit.flush()

    const page = async (query: string) => {
      const response = await t.app.inject({ url: `/admin/audit?lang=en&${query}`, headers: { cookie } })
      assert.equal(response.statusCode, 200, response.body)
      return response.body
    }
    // People, not ids: the owner by email; the request by its reference, linked to its page.
    const all = await page('')
    assert.ok(all.includes(owner.email), 'the sign-in names the owner')
    assert.doesNotMatch(all, /<bdi>staff:[0-9a-f-]{36}<\/bdi>/)
    assert.match(all, new RegExp(`href="/admin/requests/[0-9a-f-]{36}\\?lang=en"><bdi>${reference}</bdi>`))

    // Filters as people type them.
    const byEmail = await page(`actor=${encodeURIComponent(owner.email)}`)
    assert.match(byEmail, /staff\.login/)
    assert.doesNotMatch(byEmail, /request\.received/)
    const byStart = await page('action=staff.log')
    assert.match(byStart, /<code>staff\.login<\/code>/)
    assert.doesNotMatch(byStart, /<code>request\./)
    const byReference = await page(`subject=${reference}`)
    assert.match(byReference, /<code>request\.received<\/code>/)
    assert.doesNotMatch(byReference, /<code>staff\.login<\/code>/)

    // The same entries as CSV; the download is recorded, without the filter's value.
    const csv = await t.app.inject({
      url: `/admin/audit/export.csv?subject=${reference}`,
      headers: { cookie },
    })
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(lines[0], 'seq,at,actor,action,subject')
    assert.ok(
      lines.slice(1).every((l) => l.endsWith(`,${reference}`)),
      csv.body,
    )
    assert.ok(lines.length >= 2)
    await t.services.audit.flush()
    const exported = await page('action=audit.exported')
    assert.match(exported, /<code>audit\.exported<\/code>/)
    assert.ok(exported.includes(owner.email), 'the export names who downloaded it')

    // A viewer without audit:read gets neither the page nor the file.
    const viewer = await addMember(t, 'support-agent')
    const other = await signIn(t, viewer.email, viewer.password)
    const refused = await t.app.inject({ url: '/admin/audit/export.csv', headers: { cookie: other.cookie } })
    assert.equal(refused.statusCode, 403)
  } finally {
    await t.close()
  }
})
