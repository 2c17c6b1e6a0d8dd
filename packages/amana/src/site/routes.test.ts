import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestApp } from '../testing/test-app.ts'

test('the privacy centre answers in English and in Arabic with right-to-left layout', async () => {
  const { app, close } = await createTestApp()
  try {
    const en = await app.inject('/privacy')
    assert.equal(en.statusCode, 200)
    assert.match(en.body, /<html lang="en" dir="ltr">/)
    assert.match(en.body, /Privacy centre/)
    const ar = await app.inject('/privacy?lang=ar')
    assert.match(ar.body, /<html lang="ar" dir="rtl">/)
    assert.match(ar.body, /مركز الخصوصية/)
    assert.match(ar.body, /رمروم/)
  } finally {
    await close()
  }
})

test('Accept-Language picks the language when ?lang is absent, and ?lang wins over it', async () => {
  const { app, close } = await createTestApp()
  try {
    const ar = await app.inject({
      url: '/privacy',
      headers: { 'accept-language': 'ar-KW,ar;q=0.9,en;q=0.5' },
    })
    assert.match(ar.body, /dir="rtl"/)
    const en = await app.inject({ url: '/privacy?lang=en', headers: { 'accept-language': 'ar' } })
    assert.match(en.body, /dir="ltr"/)
  } finally {
    await close()
  }
})

test('every stable page answers in both languages, and the Arabic font is served from Amana itself', async () => {
  const { app, close } = await createTestApp()
  try {
    for (const path of ['/privacy', '/admin/sign-in']) {
      for (const lang of ['en', 'ar']) {
        const response = await app.inject(`${path}?lang=${lang}`)
        assert.equal(response.statusCode, 200, `${path}?lang=${lang}`)
      }
    }
    const font = await app.inject('/assets/fonts/noto-sans-arabic-400.woff2')
    assert.equal(font.statusCode, 200)
    assert.equal(font.headers['content-type'], 'font/woff2')
    const css = await app.inject('/assets/amana.css')
    assert.doesNotMatch(css.body, /https?:\/\//, 'no third-party requests')
    assert.doesNotMatch(
      css.body,
      /margin-left|margin-right|padding-left|padding-right|[^-]left:|[^-]right:/,
      'logical properties only',
    )
  } finally {
    await close()
  }
})

test('a person opening the console without a session is sent to sign in, in their language', async () => {
  const { app, close } = await createTestApp()
  try {
    const front = await app.inject('/admin?lang=ar')
    assert.equal(front.headers.location, '/admin/home?lang=ar')
    const home = await app.inject({ url: '/admin/home?lang=ar', headers: { accept: 'text/html' } })
    assert.equal(home.statusCode, 303)
    assert.equal(home.headers.location, '/admin/sign-in?lang=ar&m=session')
    const requests = await app.inject({ url: '/admin/requests?lang=ar', headers: { accept: 'text/html' } })
    assert.equal(requests.headers.location, '/admin/sign-in?lang=ar&m=session')
    const api = await app.inject({ url: '/v1/admin/requests', headers: { accept: 'application/json' } })
    assert.equal(api.statusCode, 401, 'a program gets the JSON error')
  } finally {
    await close()
  }
})

test('a browser gets a friendly page in its language for an unknown address; API clients keep JSON', async () => {
  const { app, close } = await createTestApp()
  try {
    const page = { accept: 'text/html,application/xhtml+xml' }
    const en = await app.inject({ url: '/no-such-page', headers: page })
    assert.equal(en.statusCode, 404)
    assert.match(String(en.headers['content-type']), /^text\/html/)
    assert.match(en.body, /<html lang="en" dir="ltr">/)
    assert.match(en.body, /<h1>Page not found<\/h1>/)
    assert.match(en.body, /href="\/privacy\?lang=en"/)

    const ar = await app.inject({ url: '/no-such-page', headers: { ...page, 'accept-language': 'ar-KW' } })
    assert.equal(ar.statusCode, 404)
    assert.match(ar.body, /<html lang="ar" dir="rtl">/)
    assert.match(ar.body, /الصفحة غير موجودة/)

    // An unknown console address: the same page in the console's frame, no session needed to see it.
    const admin = await app.inject({ url: '/admin/no-such-page?lang=ar', headers: page })
    assert.equal(admin.statusCode, 404)
    assert.match(admin.body, /الصفحة غير موجودة/)

    // An API client, or any address under /v1/, still gets the JSON error body.
    const api = await app.inject({ url: '/no-such-page' })
    assert.equal(api.statusCode, 404)
    assert.equal(api.json().error.code, 'NOT_FOUND')
    const v1 = await app.inject({ url: '/v1/no-such-thing', headers: page })
    assert.equal(v1.json().error.code, 'NOT_FOUND')
  } finally {
    await close()
  }
})
