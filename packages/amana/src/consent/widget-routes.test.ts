import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { type ConsentTestApp, createConsentTestApp, demoManifest } from '../testing/consent-test-app.ts'

describe('the banner script with its configuration embedded', () => {
  let t: ConsentTestApp
  before(async () => {
    t = await createConsentTestApp()
  })
  after(() => t.close())

  test('/consent.js?lang=ar carries the same configuration GET /v1/consent/config answers, so the banner needs no second request', async () => {
    const script = await t.app.inject({ url: '/consent.js?lang=ar' })
    assert.equal(script.statusCode, 200)
    assert.match(script.headers['content-type'] as string, /^text\/javascript/)
    const config = await t.app.inject({ url: '/v1/consent/config?lang=ar' })
    assert.equal(config.json().locale, 'ar')
    assert.ok(
      script.body.includes(JSON.stringify(config.body)),
      'the Arabic config is not embedded in the script',
    )
    assert.ok(!script.body.includes('__AMANA_EMBEDDED_CONFIG__'))
    // The allowed origins travel with it, so a page elsewhere can say why it shows nothing.
    assert.ok(config.json().origins.includes('https://rumrom.com'))
  })

  test('the stable URL revalidates within minutes and names an immutable versioned URL with the same bytes', async () => {
    const stable = await t.app.inject({ url: '/consent.js?lang=en' })
    assert.match(stable.headers['cache-control'] as string, /^public, max-age=300\b/)
    assert.equal(stable.headers['cross-origin-resource-policy'], 'cross-origin')
    const location = stable.headers['content-location'] as string
    assert.match(location, /^\/widget\/v\/[A-Za-z0-9_-]{16}\/en\/amana\.js$/)
    const pinned = await t.app.inject({ url: location })
    assert.equal(pinned.statusCode, 200)
    assert.equal(pinned.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.equal(pinned.body, stable.body)
    const notModified = await t.app.inject({
      url: location,
      headers: { 'if-none-match': stable.headers.etag as string },
    })
    assert.equal(notModified.statusCode, 304)
    // An old version still gets today's banner, just not cached for a year.
    const old = await t.app.inject({ url: '/widget/v/AAAAAAAAAAAAAAAA/en/amana.js' })
    assert.equal(old.body, stable.body)
    assert.match(old.headers['cache-control'] as string, /^public, max-age=300\b/)
  })

  test('sent gzipped to a browser that accepts it', async () => {
    const plain = await t.app.inject({ url: '/consent.js?lang=en' })
    const zipped = await t.app.inject({
      url: '/consent.js?lang=en',
      headers: { 'accept-encoding': 'gzip, br' },
    })
    assert.equal(zipped.headers['content-encoding'], 'gzip')
    assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), plain.body)
  })

  test('an unknown language is a 400 naming the field', async () => {
    const res = await t.app.inject({ url: '/consent.js?lang=fr' })
    assert.equal(res.statusCode, 400)
    assert.match(res.json().error.message, /lang/)
  })

  test('another manifest (a new website) gives another version, so pinned URLs never serve a stale banner', async () => {
    const other = await createConsentTestApp({
      manifest: await demoManifest((m) => ({ ...m, websites: ['https://staging.rumrom.com'] })),
    })
    try {
      const a = (await t.app.inject({ url: '/consent.js?lang=en' })).headers['content-location']
      const b = (await other.app.inject({ url: '/consent.js?lang=en' })).headers['content-location']
      assert.notEqual(a, b)
    } finally {
      await other.close()
    }
  })
})
