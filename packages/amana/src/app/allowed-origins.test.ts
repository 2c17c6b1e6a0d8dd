import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestApp, createTestConfig } from '../testing/test-app.ts'

test('AMANA_ALLOWED_ORIGINS: a configured second origin may call the consent API from a browser; another may not', async () => {
  const t = await createTestApp({
    config: createTestConfig({
      AMANA_ALLOWED_ORIGINS: 'https://staging.shop.example, https://shop2.example:8443/',
    }),
  })
  try {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/v1/consent',
        headers: { origin, 'access-control-request-method': 'POST' },
      })
    const staging = await preflight('https://staging.shop.example')
    assert.equal(staging.headers['access-control-allow-origin'], 'https://staging.shop.example')
    const second = await preflight('https://shop2.example:8443')
    assert.equal(second.headers['access-control-allow-origin'], 'https://shop2.example:8443')
    // The manifest's website stays allowed beside them.
    assert.equal(
      (await preflight('https://rumrom.com')).headers['access-control-allow-origin'],
      'https://rumrom.com',
    )
    const other = await preflight('https://other.shop.example')
    assert.equal(other.headers['access-control-allow-origin'], undefined)
  } finally {
    await t.close()
  }
})
