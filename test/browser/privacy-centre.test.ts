import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { sectionIds } from '../../packages/amana/src/policy/index.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import { createTestApp, type TestApp } from '../../packages/amana/src/testing/test-app.ts'

const skip = skipWithoutChromium()
let browser: Browser
let shop: TestApp
let base: string

before(async () => {
  if (skip) return
  shop = await createTestApp()
  base = await shop.app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchChromium()
})

after(async () => {
  if (skip) return
  await browser.close()
  await shop.close()
})

for (const lang of ['ar', 'en'] as const) {
  test(`the privacy centre in ${lang === 'ar' ? 'Arabic is laid out right-to-left' : 'English is laid out left-to-right'} and has no WCAG A/AA violations`, {
    skip,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(`${base}/privacy?lang=${lang}`)
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr')
    assert.equal(await page.getAttribute('html', 'lang'), lang)
    if (lang === 'ar') {
      await page.evaluate(() => document.fonts.ready)
      assert.ok(
        await page.evaluate(() => document.fonts.check('16px "Noto Sans Arabic"', 'مركز')),
        'the self-hosted Arabic font is loaded',
      )
      // In RTL the brand sits on the right, the language switch on the left.
      const brand = await page.locator('.brand').boundingBox()
      const langLink = await page.locator('.lang').boundingBox()
      assert.ok(brand && langLink && brand.x > langLink.x)
    }
    assert.deepEqual(
      requests.filter((u) => !u.startsWith(base)),
      [],
      'no third-party requests',
    )
    mkdirSync('test/screenshots', { recursive: true })
    await page.screenshot({ path: `test/screenshots/privacy-centre-${lang}.png`, fullPage: true })
    assert.deepEqual(await axeViolations(page), [])
    await page.close()
  })
}

test('the admin console sign-in page has no WCAG A/AA violations in Arabic', { skip }, async () => {
  const page = await browser.newPage()
  await page.goto(`${base}/admin?lang=ar`)
  assert.match(page.url(), /\/admin\/sign-in\?lang=ar/)
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl')
  assert.deepEqual(await axeViolations(page), [])
  await page.close()
})

for (const lang of ['en', 'ar'] as const) {
  test(`the privacy policy in ${lang === 'ar' ? 'Arabic (right-to-left)' : 'English'} is screenshotted and has no WCAG A/AA violations`, {
    skip,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } })
    await page.goto(`${base}/privacy/policy?lang=${lang}`)
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr')
    // Every section of the RUMROM checklist is on the page.
    for (const id of sectionIds) {
      assert.equal(await page.locator(`section#${id}`).count(), 1, `section ${id}`)
    }
    await page.screenshot({ path: `test/screenshots/policy-${lang}.png`, fullPage: true })
    assert.deepEqual(await axeViolations(page), [])
    await page.close()
  })
}

for (const lang of ['en', 'ar'] as const) {
  test(`the request form in ${lang === 'ar' ? 'Arabic' : 'English'} is one column with labels above fields and no sideways scroll at 320 px; the country starts at the shop's`, {
    skip,
  }, async () => {
    for (const width of [320, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } })
      await page.goto(`${base}/privacy/requests?lang=${lang}`)
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        `no horizontal overflow at ${width} px`,
      )
      // Each label sits above its field: the field starts below where the label ends.
      for (const id of ['f-email', 'f-phone', 'f-country', 'f-order']) {
        const label = await page.locator(`label[for="${id}"]`).boundingBox()
        const field = await page.locator(`#${id}`).boundingBox()
        assert.ok(label && field && field.y >= label.y + label.height - 1, `${id}: label above the field`)
      }
      assert.doesNotMatch(await page.locator('#f-order-hint').innerText(), /\(\s*\)/)
      // RUMROM is a Kuwaiti shop: Kuwait is preselected, not "another country".
      assert.equal(await page.locator('#f-country').inputValue(), 'KW')
      await page.close()
    }
  })
}
