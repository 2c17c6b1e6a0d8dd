import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { copy } from '../../examples/rumrom-bakery/shop/app/copy.ts'
import { startShopStack } from '../../examples/rumrom-bakery/shop/app/testing.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'

/**
 * The visitor's half of the RUMROM journey in Chromium, in English and in Arabic: reject marketing
 * (the marketing script never runs), sign up, design a cake with an image, pay on the sandbox
 * processor's page; the courier receives only name, phone and address. The screenshots in
 * docs/walkthrough.md are taken here: an ordinary `npm test` writes them to a temporary directory,
 * so the checkout stays clean; `AMANA_WALKTHROUGH_SCREENSHOTS=1 npm test -- test/browser/rumrom-journey.test.ts`
 * rewrites docs/walkthrough/.
 */

const shotsDir =
  process.env.AMANA_WALKTHROUGH_SCREENSHOTS === '1'
    ? 'docs/walkthrough'
    : mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'rumrom-walkthrough-'))

const skip = skipWithoutChromium()
let browser: Browser
let stack: Awaited<ReturnType<typeof startShopStack>>

before(async () => {
  if (skip) return
  stack = await startShopStack()
  browser = await launchChromium()
  // The banner's script is built on its first request: build it here, outside any one journey's time.
  await fetch(`${stack.amanaUrl}/consent.js?lang=en`)
  mkdirSync(shotsDir, { recursive: true })
})

after(async () => {
  if (skip) return
  await browser.close()
  await stack.close()
})

const banner = {
  en: { reject: 'Reject all', accept: 'Accept all' },
  ar: { reject: 'رفض الكل', accept: 'قبول الكل' },
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true })

const marketingRan = async (page: Page) => ({
  script: await page.evaluate(() => document.documentElement.dataset.marketingRan ?? null),
  cookie: (await page.context().cookies()).some((c) => c.name === '_fbp'),
})

test('a visitor who accepts marketing runs the marketing script (the control for the journey below)', {
  skip,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const page = await context.newPage()
  await page.goto(`${stack.shopUrl}/en`)
  await page.getByRole('button', { name: banner.en.accept }).click()
  await page.waitForFunction(() => document.documentElement.dataset.marketingRan === 'yes')
  assert.deepEqual(await marketingRan(page), { script: 'yes', cookie: true })
  await context.close()
})

for (const lang of ['en', 'ar'] as const) {
  test(`${lang}: reject marketing, sign up, design a cake with an image, pay by sandbox card; the courier gets only name, phone and address`, {
    skip,
  }, async () => {
    const t = copy[lang]
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(`${stack.shopUrl}/${lang}`)
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr')
    await page.getByRole('button', { name: banner[lang].reject }).waitFor()
    await shot(page, `1-shop-banner-${lang}`)
    const [recorded] = await Promise.all([
      page.waitForResponse(
        (r) => r.url() === `${stack.amanaUrl}/v1/consent` && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: banner[lang].reject }).click(),
    ])
    assert.ok(recorded.ok(), `Amana recorded the refusal (${recorded.status()})`)
    await page.reload()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(
      await marketingRan(page),
      { script: null, cookie: false },
      'no marketing script after a rejection',
    )
    assert.deepEqual(await axeViolations(page), [], 'the catalogue has no WCAG A/AA violations')

    const email = `journey-${lang}-${Date.now()}@example.net`
    await page.goto(`${stack.shopUrl}/${lang}/sign-up`)
    await page.fill('#f-first_name', lang === 'ar' ? 'دانة' : 'Dana')
    await page.fill('#f-last_name', lang === 'ar' ? 'الصالح' : 'Saleh')
    await page.fill('#f-email', email)
    await page.fill('#f-phone', '+965 5000 2222')
    await page.fill('#f-birth_date', '1996-02-03')
    await page.fill('#f-password', 'a-long-password')
    await shot(page, `2-sign-up-${lang}`)
    await page.getByRole('button', { name: t.signUp.submit }).click()
    await page.waitForURL(`**/${lang}/account`)

    await page.goto(`${stack.shopUrl}/${lang}/design`)
    await page.selectOption('#f-size', '2 tiers')
    await page.selectOption('#f-flavour', 'pistachio')
    await page.fill('#f-message', lang === 'ar' ? 'كل عام وأنت بخير' : 'Happy birthday Sara')
    await page.locator('input[name="decorations"][value="gold leaf"]').check()
    await page.setInputFiles('#f-image', { name: 'reference.png', mimeType: 'image/png', buffer: png })
    await shot(page, `3-cake-designer-${lang}`)
    await page.getByRole('button', { name: t.design.submit }).click()
    await page.waitForURL(`**/${lang}/cart**`)

    await page.goto(`${stack.shopUrl}/${lang}/checkout`)
    for (const [name, value] of Object.entries({
      area: 'Salmiya',
      block: '7',
      street: 'Qatar St',
      building: '19',
      directions: 'green door',
    }))
      await page.fill(`#f-${name}`, value)
    await page.getByRole('button', { name: t.checkout.pay }).click()
    await page.waitForURL(/\/pay\?/)
    await page.fill('#card', '4242 4242 4242 4242')
    await page.fill('#exp', '12/30')
    await page.fill('#cvc', '123')
    await shot(page, `4-sandbox-payment-${lang}`)
    await page.getByRole('button', { name: lang === 'ar' ? 'ادفع' : 'Pay' }).click()
    await page.waitForURL(/\/orders\/\d+\/paid/)
    await page.getByText(t.checkout.placed).waitFor()
    await shot(page, `5-order-placed-${lang}`)

    const delivery = stack.sandbox.deliveries.at(-1)
    assert.ok(delivery)
    assert.deepEqual(Object.keys(delivery.fields).sort(), [
      'apartment',
      'area',
      'block',
      'building',
      'directions',
      'first_name',
      'floor',
      'phone',
      'street',
    ])
    assert.ok(!JSON.stringify(delivery.fields).includes(email), 'the courier never gets the email')
    const card = await stack.db.query(
      `select o.card_last4, o.payment_token from orders o join customers c on c.id = o.customer_id where c.email = $1`,
      [email],
    )
    assert.equal(card.rows[0]?.card_last4, '4242')
    assert.deepEqual(await marketingRan(page), { script: null, cookie: false }, 'still no marketing script')
    await context.close()
  })
}
