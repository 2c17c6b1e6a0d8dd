import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMember, signIn } from '../staff/testing.ts'
import { createTestApp } from '../testing/test-app.ts'

/** A shop whose name mixes scripts in both languages: it must keep its own order inside either page. */
const MIXED = { en: 'RUMROM روم روم Bakery', ar: 'مخبز RUMROM روم روم' }

/** The page's text outside <title> and outside every <bdi>…</bdi> (nested ones included). */
const outsideIsolation = (page: string): string => {
  let rest = page.replace(/<title>[\s\S]*?<\/title>/, '')
  for (let previous = ''; previous !== rest; ) {
    previous = rest
    rest = rest.replace(/<bdi>(?:(?!<bdi>)[\s\S])*?<\/bdi>/g, '')
  }
  return rest
}

test('the shop name and a customer’s mixed Arabic/Latin values are isolated in <bdi> on customer and console pages, EN and AR', async () => {
  const t = await createTestApp({ shop: { name: MIXED, contacts: [] } })
  try {
    const owner = await addMember(t, 'owner')
    const { cookie } = await signIn(t, owner.email, owner.password)
    const filed = await t.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'access', email: 'ليلى.layla@example.com', country: 'KW' },
    })
    assert.equal(filed.statusCode, 202, filed.body)
    const customerPages = [
      '/privacy',
      '/privacy/requests',
      '/privacy/complaints',
      '/privacy/preferences/link',
    ]
    const consolePages = [
      '/admin/home',
      '/admin/requests',
      '/admin/audit',
      '/admin/policy',
      '/admin/manifest',
    ]
    const home = await t.app.inject({ url: '/privacy?lang=ar' })
    assert.ok(
      home.body.includes(`<bdi>${MIXED.ar}</bdi>`),
      'the privacy centre shows the mixed name isolated',
    )
    for (const lang of ['en', 'ar'] as const) {
      for (const path of [...customerPages, ...consolePages]) {
        const response = await t.app.inject({
          url: `${path}?lang=${lang}`,
          headers: path.startsWith('/admin') ? { cookie } : {},
        })
        assert.equal(response.statusCode, 200, `${path}: ${response.statusCode}`)
        assert.match(
          response.body,
          /<a class="brand" [^>]*><bdi>/,
          `${path} (${lang}): the shop's name in the header is isolated`,
        )
        const loose = outsideIsolation(response.body)
        assert.ok(!loose.includes(MIXED[lang]), `${path} (${lang}): the shop's name outside <bdi>`)
        assert.ok(
          !loose.includes('layla@example.com'),
          `${path} (${lang}): the customer's address outside <bdi>`,
        )
      }
    }
  } finally {
    await t.close()
  }
})
