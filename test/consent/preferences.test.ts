import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { listRecords } from '../../packages/amana/src/consent/store.ts'
import {
  type ConsentTestApp,
  createConsentTestApp,
  staff,
} from '../../packages/amana/src/testing/consent-test-app.ts'

describe('preference centre by signed link, without JavaScript', () => {
  let t: ConsentTestApp
  let link: URL
  before(async () => {
    t = await createConsentTestApp()
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/consent/preference-links',
      headers: staff('consent:write'),
      payload: { subject: 'account:77' },
    })
    link = new URL(res.json().url)
  })
  after(() => t.close())

  test('the link opens a form with a switch per purpose and per channel', async () => {
    const page = await t.app.inject({ url: `${link.pathname}${link.search}&lang=ar` })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<html lang="ar" dir="rtl">/)
    for (const channel of ['email', 'sms', 'whatsapp', 'push'])
      assert.match(page.body, new RegExp(`name="p:marketing:${channel}"`))
    assert.match(page.body, /name="p:analytics"/)
    assert.match(page.body, /<input type="hidden" name="token"/)
    assert.doesNotMatch(page.body, /<script/)
  })

  test('saving records a preferences-page choice and the decisions follow at once', async () => {
    const token = link.searchParams.get('token')!
    const form = new URLSearchParams({
      token,
      'p:marketing:email': 'on',
      'p:marketing:whatsapp': 'on',
      'p:analytics': 'on',
    })
    const saved = await t.app.inject({
      method: 'POST',
      url: '/privacy/preferences?lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    })
    assert.equal(saved.statusCode, 303)
    const subjectHash = t.consent.keys.hashSubject({ kind: 'account', id: '77' })
    const [record] = await listRecords(t.database.db, { subjectHash, limit: 5 })
    assert.equal(record?.method, 'preferences-page')
    assert.equal(record?.items.length, 4 + 2)
    assert.deepEqual(await t.consent.decide(subjectHash, 'marketing', { channel: 'email' }), {
      allow: true,
      reason: 'consent-given',
    })
    assert.deepEqual(await t.consent.decide(subjectHash, 'marketing', { channel: 'sms' }), {
      allow: false,
      reason: 'consent-refused',
    })
    assert.deepEqual(await t.consent.decide(subjectHash, 'advertising'), {
      allow: false,
      reason: 'consent-refused',
    })
    const after = await t.app.inject({ url: saved.headers.location as string })
    assert.match(after.body, /role="status"/)
    assert.match(after.body, /name="p:marketing:email" value="on" checked/)
    assert.doesNotMatch(after.body, /name="p:marketing:sms" value="on" checked/)
  })

  test('a forged or expired link records nothing', async () => {
    const token = link.searchParams.get('token')!
    const forged = `${token.slice(0, -2)}xx`
    const page = await t.app.inject({ url: `/privacy/preferences?token=${encodeURIComponent(forged)}` })
    assert.equal(page.statusCode, 403)
    const post = await t.app.inject({
      method: 'POST',
      url: '/privacy/preferences',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: forged, 'p:analytics': 'on' }).toString(),
    })
    assert.equal(post.statusCode, 403)
    const later = await createConsentTestApp({
      database: t.database,
      config: t.ctx.config,
      now: () => new Date(Date.now() + 40 * 86_400_000),
    })
    try {
      const expired = await later.app.inject({
        url: `/privacy/preferences?token=${encodeURIComponent(token)}`,
      })
      assert.equal(expired.statusCode, 403)
      assert.match(expired.body, /expired/)
    } finally {
      await later.close()
    }
  })
})
