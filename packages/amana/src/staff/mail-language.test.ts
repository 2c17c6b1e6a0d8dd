import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestApp } from '../testing/test-app.ts'
import { addMember, asStaff, type SignedIn, signIn, staffAccessFor } from './testing.ts'

const form = (who: SignedIn, payload: Record<string, string>) => ({
  headers: { ...asStaff(who), 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams({ csrf: who.csrf, ...payload }).toString(),
})

test('a member invited in Arabic reads Amana’s mail in Arabic; on My account each member changes it, audited', async () => {
  const t = await createTestApp()
  try {
    const owner = await addMember(t, 'owner')
    const ownerSession = await signIn(t, owner.email, owner.password)
    const invited = await t.app.inject({
      method: 'POST',
      url: '/admin/staff/invite?lang=en',
      ...form(ownerSession, { email: 'amal@staff.example', role: 'viewer', language: 'ar' }),
    })
    assert.equal(invited.statusCode, 201, invited.body)
    const languageOf = async (email: string) => {
      const listed = await t.app.inject({ url: '/v1/staff', headers: asStaff(ownerSession) })
      assert.equal(listed.statusCode, 200, listed.body)
      return (listed.json().staff as { email: string; language: string }[]).find((s) => s.email === email)
        ?.language
    }
    assert.equal(await languageOf('amal@staff.example'), 'ar', 'the invitation’s language')

    // A member who reads English switches to Arabic on "My account".
    const member = await addMember(t, 'viewer', 'omar@staff.example', 'en')
    const session = await signIn(t, member.email, member.password)
    const page = await t.app.inject({ url: '/admin/account?lang=ar', headers: asStaff(session) })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /لغة رسائلك/)
    assert.match(page.body, /<option value="en" lang="en" selected>English<\/option>/)
    const changed = await t.app.inject({
      method: 'POST',
      url: '/admin/account/language?lang=ar',
      ...form(session, { language: 'ar' }),
    })
    assert.equal(changed.statusCode, 200, changed.body)
    assert.match(changed.body, /ستصلك التذكيرات بهذه اللغة/)
    assert.match(changed.body, /<option value="ar" lang="ar" selected>العربية<\/option>/)
    assert.equal(await languageOf('omar@staff.example'), 'ar')
    const refused = await t.app.inject({
      method: 'POST',
      url: '/admin/account/language?lang=en',
      ...form(session, { language: 'fr' }),
    })
    assert.equal(refused.statusCode, 400, 'only English or Arabic')
    assert.equal(await languageOf('omar@staff.example'), 'ar')

    // The change is in the audit log, as other account changes are.
    await t.services.audit.flush()
    const log = await t.app.inject({
      url: '/admin/audit?lang=en&action=staff.language',
      headers: asStaff(ownerSession),
    })
    assert.equal(log.statusCode, 200, log.body)
    assert.match(log.body, /<code>staff\.language-changed<\/code>/)
    assert.ok(log.body.includes('omar@staff.example'), 'names who changed it')
  } finally {
    await t.close()
  }
})

test('the first owner reads Amana’s mail in the language of the setup page they created the account on', async () => {
  const t = await createTestApp()
  try {
    const link = await staffAccessFor(t).firstOwnerLink()
    assert.ok(link)
    const token = new URL(link.url).searchParams.get('token') ?? ''
    const page = await t.app.inject(`/admin/setup?token=${token}&lang=ar`)
    assert.equal(page.statusCode, 200)
    const formCookie = page.cookies.find((c) => c.name === 'amana_form')
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
    const password = `pw-${crypto.randomUUID()}`
    const done = await t.app.inject({
      method: 'POST',
      url: '/admin/setup?lang=ar',
      headers: { cookie: `amana_form=${formCookie?.value}` },
      payload: { csrf, token, email: 'owner@rumrom.example', password, confirm: password },
    })
    assert.equal(done.statusCode, 303, done.body)
    const owner = (await staffAccessFor(t).listStaff()).find((s) => s.email === 'owner@rumrom.example')
    assert.equal(owner?.language, 'ar')
  } finally {
    await t.close()
  }
})
