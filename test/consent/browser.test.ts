import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import type { LedgerRecord } from '../../packages/amana/src/consent/domain/consent-record.ts'
import { listRecords } from '../../packages/amana/src/consent/store.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import {
  type ConsentTestApp,
  createConsentTestApp,
} from '../../packages/amana/src/testing/consent-test-app.ts'
import { freePort } from '../../packages/amana/src/testing/free-port.ts'
import { createTestConfig } from '../../packages/amana/src/testing/test-app.ts'

const skip = skipWithoutChromium()

const testShopPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>RUMROM test shop</title>
<script src="/consent.js" data-amana-config="/v1/consent/config"></script></head>
<body><main><h1>Cakes</h1><a href="#" data-amana-open>Cookie settings</a>
<script type="text/plain" data-amana-category="marketing" src="/marketing-pixel.js"></script></main></body></html>`

// Skipped test by test (not the suite), so `npm test` counts and reports each one.
describe('the consent banner in Chromium against the real app', () => {
  let t: ConsentTestApp
  let browser: Browser
  let base: string
  before(async () => {
    if (skip) return
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    t = await createConsentTestApp({
      config: createTestConfig({ AMANA_PUBLIC_URL: base }),
      routes: async (app) => {
        app.get('/test-shop', { config: { permission: 'public' } }, async (_req, reply) =>
          reply.type('text/html; charset=utf-8').send(testShopPage),
        )
      },
    })
    await t.app.listen({ port, host: '127.0.0.1' })
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
    await t?.close()
  })

  const waitForRecord = async (predicate: (r: LedgerRecord) => boolean): Promise<LedgerRecord> => {
    const deadline = Date.now() + 10_000
    for (;;) {
      const found = (await listRecords(t.database.db, { limit: 1000 })).find(predicate)
      if (found) return found
      assert.ok(Date.now() < deadline, 'no matching consent record within 10 s')
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  test('"Reject all" records a refusal in the ledger', { skip }, async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/test-shop`)
    await page.getByRole('button', { name: 'Reject all' }).click()
    const record = await waitForRecord((r) => r.method === 'banner-reject-all')
    assert.ok(record.items.every((i) => !i.granted))
    assert.ok(record.items.some((i) => i.id === 'marketing'))
    assert.equal(record.source, `${base}/test-shop`)
    await context.close()
  })

  test('a browser sending Global Privacy Control records a GPC opt-out', { skip }, async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' } })
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        get: () => true,
        configurable: true,
      }),
    )
    const page = await context.newPage()
    await page.goto(`${base}/test-shop`)
    const record = await waitForRecord((r) => r.method === 'gpc')
    assert.equal(record.gpc, true)
    assert.deepEqual(
      record.items.filter((i) => i.id === 'marketing'),
      [{ target: 'category', id: 'marketing', channel: '*', granted: false }],
    )
    const decision = await t.consent.decide(record.subjectHash, 'advertising')
    assert.deepEqual(decision, { allow: false, reason: 'gpc' })
    await context.close()
  })

  test('the preference centre in Arabic is right-to-left with no axe A/AA violation', { skip }, async () => {
    const link = new URL(t.consent.preferenceLink({ kind: 'account', id: 'ar-1' }, new Date()))
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${link.href}&lang=ar`)
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl')
    assert.equal(await page.getAttribute('html', 'lang'), 'ar')
    await context.close()
    const withJs = await browser.newContext()
    const axePage = await withJs.newPage()
    await axePage.goto(`${link.href}&lang=ar`)
    assert.deepEqual(await axeViolations(axePage), [])
    // Works without JavaScript: a plain form post saves.
    await axePage.getByLabel('البريد الإلكتروني').check()
    await axePage.getByRole('button', { name: 'حفظ تفضيلاتي' }).click()
    await axePage.getByRole('status').waitFor()
    assert.deepEqual(await axeViolations(axePage), [])
    await withJs.close()
  })
})
