import assert from 'node:assert/strict'
import { test } from 'node:test'
import { adminSections } from '@amana/web'
import { createTestApp, createTestConfig, type TestApp } from '../testing/test-app.ts'
import { consoleSections } from './console-frame.ts'
import { type Role, roleCapabilities } from './domain/roles.ts'
import { addMember, signIn } from './testing.ts'

/** The console menu's links on the overview, as the member sees it in that language. */
const menuOf = async (t: TestApp, cookie: string, lang: 'en' | 'ar') => {
  const page = await t.app.inject({ url: `/admin/home?lang=${lang}`, headers: { cookie } })
  assert.equal(page.statusCode, 200, page.body)
  const nav = page.body.match(/<nav class="admin-nav"[\s\S]*?<\/nav>/)?.[0] ?? ''
  return [...nav.matchAll(/<a href="([^"?]+)\?lang=(\w+)"[^>]*>([^<]+)<\/a>/g)].map((m) => ({
    path: m[1] as string,
    lang: m[2] as string,
    label: m[3] as string,
  }))
}

/** The menu a role should see: every console section whose permission the role holds, in menu order. */
const menuFor = (role: Role, mailbox: boolean): string[] =>
  consoleSections
    .filter(
      ([section, permission]) =>
        roleCapabilities[role].includes(permission) && (section !== 'mailbox' || mailbox),
    )
    .map(([section]) => adminSections.find((s) => s.id === section)?.path ?? section)

const signedIn = async (t: TestApp, role: Role) => {
  const member = await addMember(t, role)
  return (await signIn(t, member.email, member.password)).cookie
}

test('the console menu reaches the request queue, consent statistics and the demo mailbox, the same in English and Arabic', async () => {
  const t = await createTestApp({ config: createTestConfig({ AMANA_MODE: 'demo' }) })
  try {
    const cookie = await signedIn(t, 'owner')
    const en = await menuOf(t, cookie, 'en')
    const ar = await menuOf(t, cookie, 'ar')
    const paths = menuFor('owner', true)
    for (const path of [
      '/admin/requests',
      '/admin/consent',
      '/admin/policy',
      '/admin/manifest',
      '/admin/mailbox',
    ])
      assert.ok(paths.includes(path), path)
    assert.deepEqual(
      en.map((l) => l.path),
      paths,
    )
    assert.deepEqual(
      ar.map((l) => l.path),
      paths,
    )
    assert.ok(en.every((l) => l.lang === 'en') && ar.every((l) => l.lang === 'ar'))
    const label = (links: typeof en, path: string) => links.find((l) => l.path === path)?.label
    assert.equal(label(en, '/admin/requests'), 'Requests')
    assert.equal(label(ar, '/admin/requests'), 'الطلبات')
    assert.equal(label(en, '/admin/consent'), 'Consent')
    assert.equal(label(ar, '/admin/consent'), 'الموافقات')
    assert.equal(label(en, '/admin/mailbox'), 'Demo mailbox')
    assert.equal(label(ar, '/admin/mailbox'), 'صندوق البريد التجريبي')
    // Every link the menu offers opens for this member.
    for (const link of en) {
      const page = await t.app.inject({ url: `${link.path}?lang=en`, headers: { cookie } })
      assert.equal(page.statusCode, 200, `${link.path}: ${page.statusCode}`)
    }
  } finally {
    await t.close()
  }
})

test('the menu lists only pages the role may open; the mailbox only when the demo mailbox exists', async () => {
  const t = await createTestApp()
  try {
    const viewer = await menuOf(t, await signedIn(t, 'viewer'), 'en')
    assert.deepEqual(
      viewer.map((l) => l.path),
      menuFor('viewer', false),
    )
    assert.ok(viewer.some((l) => l.path === '/admin/policy'))
    assert.ok(!viewer.some((l) => l.path === '/admin/staff'))
    // A developer has no requests:read: no link, and the page itself is refused.
    const developerCookie = await signedIn(t, 'developer')
    for (const lang of ['en', 'ar'] as const) {
      const developer = await menuOf(t, developerCookie, lang)
      assert.deepEqual(
        developer.map((l) => l.path),
        menuFor('developer', false),
      )
      assert.ok(!developer.some((l) => l.path === '/admin/requests'))
    }
    const refused = await t.app.inject({ url: '/admin/requests', headers: { cookie: developerCookie } })
    assert.equal(refused.statusCode, 403)
    // Production (no demo mailbox): the owner's menu has no mailbox link.
    const owner = await menuOf(t, await signedIn(t, 'owner'), 'en')
    assert.ok(owner.some((l) => l.path === '/admin/requests'))
    assert.ok(!owner.some((l) => l.path === '/admin/mailbox'))
  } finally {
    await t.close()
  }
})
