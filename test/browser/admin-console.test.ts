import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { addMember, signIn } from '../../packages/amana/src/staff/testing.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import { createTestApp, createTestConfig, type TestApp } from '../../packages/amana/src/testing/test-app.ts'

const skip = skipWithoutChromium()
let browser: Browser
let shop: TestApp
let base: string
let session: string

before(async () => {
  if (skip) return
  // Demo mode without SMTP: the menu also has the demo mailbox.
  shop = await createTestApp({ config: createTestConfig({ AMANA_MODE: 'demo' }) })
  base = await shop.app.listen({ port: 0, host: '127.0.0.1' })
  const owner = await addMember(shop, 'owner')
  session = (await signIn(shop, owner.email, owner.password)).sessionId
  browser = await launchChromium()
})

after(async () => {
  if (skip) return
  await browser.close()
  await shop.close()
})

for (const lang of ['en', 'ar'] as const) {
  test(`the console overview in ${lang === 'ar' ? 'Arabic' : 'English'}: the menu reaches requests, consent and the mailbox on a phone, no WCAG A/AA violations`, {
    skip,
  }, async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    await context.addCookies([{ name: 'amana_session', value: session, url: base }])
    const page = await context.newPage()
    await page.goto(`${base}/admin/home?lang=${lang}`)
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr')
    const menu = page.locator('nav.admin-nav')
    for (const path of ['/admin/requests', '/admin/consent', '/admin/mailbox'])
      assert.ok(await menu.locator(`a[href="${path}?lang=${lang}"]`).isVisible(), `${path} is in the menu`)
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'the menu wraps instead of scrolling sideways',
    )
    await menu.locator(`a[href="/admin/requests?lang=${lang}"]`).click()
    assert.match(page.url(), /\/admin\/requests\?lang=/)
    await page.goto(`${base}/admin/home?lang=${lang}`)
    assert.deepEqual(await axeViolations(page), [])
    await context.close()
  })
}
