import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  adminMessageKeys,
  consolePageMessageKeys,
  messageKeys,
  preferenceLinkMail,
  requestMessageKeys,
  requestPageMessageKeys,
  t,
  ta,
  tp,
  tr,
  trp,
} from '@amana/web'
import { publishPolicy } from '../policy/index.ts'
import { addMember, signIn } from '../staff/testing.ts'
import { createTestApp } from '../testing/test-app.ts'

/**
 * English sentences from the catalogues: each value's literal parts (placeholders cut out) of two
 * words or more and 14 characters or more, unless the Arabic value of the same key holds them too
 * (a brand, an example address).
 */
const englishFragments = (): Map<string, string> => {
  const catalogues: [readonly string[], (locale: 'en' | 'ar', key: never) => string][] = [
    [adminMessageKeys, ta as never],
    [consolePageMessageKeys, tp as never],
    [messageKeys, t as never],
    [requestMessageKeys, tr as never],
    [requestPageMessageKeys, trp as never],
  ]
  const fragments = new Map<string, string>()
  for (const [keys, translate] of catalogues)
    for (const key of keys) {
      const en = translate('en', key as never)
      const ar = translate('ar', key as never)
      for (const part of en.split(/\{\w+\}/)) {
        const fragment = part.trim().replace(/[.:,;·—]+$/, '')
        if (fragment.length >= 14 && fragment.includes(' ') && !ar.includes(fragment))
          fragments.set(fragment, key)
      }
    }
  return fragments
}

/** What an Arabic reader sees as text: no markup, no isolated values (<bdi>, <code>), no English marked as such. */
const visibleText = (page: string): string =>
  page
    .replace(/<(script|style|title|code|bdi)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(?!html\b)(\w+)[^>]*\blang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')

test('Arabic pages (customer and console) and the preference-link mail contain no untranslated English catalogue sentence', async () => {
  const t0 = await createTestApp()
  try {
    const published = await publishPolicy(t0.database.db, t0.ctx.manifest.manifest, {
      effectiveDate: '2026-01-01',
      now: new Date(),
    })
    assert.ok(published.ok)
    const filed = await t0.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'erasure', email: 'noor@example.com', country: 'KW' },
    })
    assert.equal(filed.statusCode, 202, filed.body)
    const request = await t0.services.requests.store.byReference(filed.json().reference)
    assert.ok(request)
    const owner = await addMember(t0, 'owner')
    const { cookie } = await signIn(t0, owner.email, owner.password)
    const home = await t0.app.inject({ url: '/admin/home?lang=ar', headers: { cookie } })
    const menu = [...home.body.matchAll(/<a href="(\/admin\/[^"?]+)\?lang=ar"/g)].map((m) => m[1] as string)
    assert.ok(menu.includes('/admin/policy') && menu.includes('/admin/manifest'), 'the menu is read')
    const pages = [
      '/privacy',
      '/privacy/requests',
      '/privacy/complaints',
      '/privacy/preferences',
      '/privacy/preferences/link',
      ...new Set(menu),
      `/admin/requests/${request.id}`,
      '/admin/policy/1',
    ]
    const fragments = englishFragments()
    assert.ok(fragments.size > 100, `${fragments.size} English sentences to look for`)
    // The same search finds the English sentences on the English pages: it can see a leak.
    for (const path of ['/privacy', '/admin/policy']) {
      const english = visibleText(
        (
          await t0.app.inject({
            url: `${path}?lang=en`,
            headers: path.startsWith('/admin') ? { cookie } : {},
          })
        ).body,
      )
      assert.ok(
        [...fragments.keys()].some((f) => english.includes(f)),
        `${path} in English holds catalogue sentences`,
      )
    }
    const leaks: string[] = []
    for (const path of pages) {
      const response = await t0.app.inject({
        url: `${path}?lang=ar`,
        headers: path.startsWith('/admin') ? { cookie } : {},
      })
      assert.equal(response.statusCode, 200, `${path}: ${response.statusCode}`)
      const text = visibleText(response.body)
      for (const [fragment, key] of fragments)
        if (text.includes(fragment)) leaks.push(`${path}: "${fragment}" (${key})`)
    }
    const mail = preferenceLinkMail(
      'ar',
      t0.ctx.shop.name.ar,
      'https://shop.example/privacy/preferences?token=x',
    )
    for (const [fragment, key] of fragments)
      if (`${mail.subject}\n${mail.text}`.includes(fragment))
        leaks.push(`preference-link mail: "${fragment}" (${key})`)
    assert.deepEqual(leaks, [])
  } finally {
    await t0.close()
  }
})
