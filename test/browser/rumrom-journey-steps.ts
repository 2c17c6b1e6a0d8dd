import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { tr } from '@amana/web'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { copy } from '../../examples/rumrom-bakery/shop/app/copy.ts'
import type { ShopStack } from '../../examples/rumrom-bakery/shop/app/testing.ts'
import { axeViolations } from '../../packages/amana/src/testing/browser.ts'

/**
 * The RUMROM journey's steps in Chromium, shared by the demo-mailbox run (rumrom-journey.test.ts)
 * and the real-SMTP run (rumrom-journey-smtp.test.ts). Each step acts as the visitor (or the owner)
 * would, on the real pages, and asserts what they would notice.
 */

export type Lang = 'en' | 'ar'

/**
 * Where screenshots go: docs/walkthrough/ with AMANA_WALKTHROUGH_SCREENSHOTS=1 (they are the
 * walkthrough's), otherwise a temporary directory, so an ordinary `npm test` leaves the checkout clean.
 */
export const screenshotsDir = (): string =>
  process.env.AMANA_WALKTHROUGH_SCREENSHOTS === '1'
    ? 'docs/walkthrough'
    : mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'rumrom-walkthrough-'))

export type Shot = (page: Page, name: string) => Promise<unknown>

export const shooter =
  (dir: string): Shot =>
  (page, name) =>
    page.screenshot({ path: join(dir, `${name}.png`), fullPage: true })

/** A 1×1 PNG of one colour: each visitor uploads their own, so a package holding another's image fails. */
export const pngOf = (rgb: readonly [number, number, number]): Buffer => {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1, 0)
  header.writeUInt32BE(1, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const banner = {
  en: { reject: 'Reject all', accept: 'Accept all' },
  ar: { reject: 'رفض الكل', accept: 'قبول الكل' },
}

export const marketingRan = async (page: Page) => ({
  script: await page.evaluate(() => document.documentElement.dataset.marketingRan ?? null),
  cookie: (await page.context().cookies()).some((c) => c.name === '_fbp'),
})

/** The visitor's facts, each unique to the run and language, so the erasure's checks find only theirs. */
export interface Visitor {
  readonly lang: Lang
  readonly context: BrowserContext
  readonly page: Page
  readonly email: string
  readonly firstName: string
  readonly lastName: string
  readonly phone: string
  readonly street: string
  readonly directions: string
  readonly message: string
  readonly image: Buffer
  /** Filled in at checkout and after it. */
  orderId?: string
  orderTotal?: string
  customerId?: string
  uploadPath?: string
}

export const newVisitor = async (browser: Browser, lang: Lang, run: string): Promise<Visitor> => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const n = Date.now() % 10_000
  return {
    lang,
    context,
    page: await context.newPage(),
    email: `journey-${run}-${lang}-${Date.now()}@example.net`,
    firstName: lang === 'ar' ? 'دانة' : 'Dana',
    lastName: lang === 'ar' ? `الصالح ${run}` : `Saleh-${run}`,
    phone: `+965 5${lang === 'ar' ? 1 : 2}${String(n).padStart(2, '0').slice(0, 2)} ${String(n).padStart(4, '0')}`,
    street: lang === 'ar' ? `شارع قطر ${run}` : `Qatar St ${run}`,
    directions: lang === 'ar' ? `الباب الأخضر ${run}` : `green door ${run}`,
    message: lang === 'ar' ? `كل عام وأنت بخير ${run}` : `Happy birthday Sara ${run}`,
    image: pngOf(lang === 'ar' ? [200, 30, 90] : [20, 160, 90]),
  }
}

/** Rejects marketing on the catalogue and checks that the marketing script never runs. */
const rejectMarketing = async (v: Visitor, stack: ShopStack, shot: Shot) => {
  const { page, lang } = v
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
}

const signUpAndDesign = async (v: Visitor, stack: ShopStack, shot: Shot) => {
  const { page, lang } = v
  const t = copy[lang]
  await page.goto(`${stack.shopUrl}/${lang}/sign-up`)
  await page.fill('#f-first_name', v.firstName)
  await page.fill('#f-last_name', v.lastName)
  await page.fill('#f-email', v.email)
  await page.fill('#f-phone', v.phone)
  await page.fill('#f-birth_date', '1996-02-03')
  await page.fill('#f-password', 'a-long-password')
  await shot(page, `2-sign-up-${lang}`)
  await page.getByRole('button', { name: t.signUp.submit }).click()
  await page.waitForURL(`**/${lang}/account`)

  await page.goto(`${stack.shopUrl}/${lang}/design`)
  await page.selectOption('#f-size', '2 tiers')
  await page.selectOption('#f-flavour', 'pistachio')
  await page.fill('#f-message', v.message)
  await page.locator('input[name="decorations"][value="gold leaf"]').check()
  await page.setInputFiles('#f-image', { name: 'reference.png', mimeType: 'image/png', buffer: v.image })
  await shot(page, `3-cake-designer-${lang}`)
  await page.getByRole('button', { name: t.design.submit }).click()
  await page.waitForURL(`**/${lang}/cart**`)
}

const checkoutAndPay = async (v: Visitor, stack: ShopStack, shot: Shot) => {
  const { page, lang } = v
  const t = copy[lang]
  await page.goto(`${stack.shopUrl}/${lang}/checkout`)
  const address = { area: 'Salmiya', block: '7', street: v.street, building: '19', directions: v.directions }
  for (const [name, value] of Object.entries(address)) await page.fill(`#f-${name}`, value)
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
  const orderId = page.url().match(/\/orders\/(\d+)\/paid/)?.[1]
  assert.ok(orderId, 'the paid page names the order')
  v.orderId = orderId
}

/** The courier got exactly first name, phone and address; the shop kept the token and last four. */
const checkHandOver = async (v: Visitor, stack: ShopStack) => {
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
  assert.ok(!JSON.stringify(delivery.fields).includes(v.email), 'the courier never gets the email')
  const row = await stack.db.query(
    `select o.id, o.total, o.card_last4, c.id as customer_id, u.path
       from orders o join customers c on c.id = o.customer_id join uploads u on u.customer_id = c.id
      where c.email = $1`,
    [v.email],
  )
  assert.equal(row.rows.length, 1, 'one order, one uploaded image')
  assert.equal(String(row.rows[0].id), v.orderId)
  assert.equal(row.rows[0].card_last4, '4242')
  v.orderTotal = row.rows[0].total
  v.customerId = String(row.rows[0].customer_id)
  v.uploadPath = row.rows[0].path
  assert.deepEqual(await marketingRan(v.page), { script: null, cookie: false }, 'still no marketing script')
}

/**
 * The journey's first half: reject marketing (the marketing script never runs), sign up, design a
 * cake with an image, pay on the sandbox processor's page; the courier receives only name, phone
 * and address. The visitor stays signed in to the shop for the second half.
 */
export const shopFirstHalf = async (v: Visitor, stack: ShopStack, shot: Shot) => {
  await rejectMarketing(v, stack, shot)
  await signUpAndDesign(v, stack, shot)
  await checkoutAndPay(v, stack, shot)
  await checkHandOver(v, stack)
}

/** The owner signed in to the console in its own browser context. */
export const signInOwner = async (browser: Browser, stack: ShopStack, lang: Lang): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const page = await context.newPage()
  await page.goto(`${stack.amanaUrl}/admin/sign-in?lang=${lang}`)
  await page.fill('#email', stack.owner.email)
  await page.fill('#password', stack.owner.password)
  await page.locator('form[action^="/admin/sign-in"] button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/sign-in'))
  return page
}

export interface FiledRequest {
  readonly reference: string
  /** The private status page (reference and token), where the visitor follows it. */
  readonly statusUrl: string
}

/**
 * From the shop's My account, the privacy centre link, then the request form: the visitor picks the
 * request and types the email they signed up with. Ends on the status page, asking for the code.
 */
export const fileRequestFromAccount = async (
  v: Visitor,
  stack: ShopStack,
  type: 'access' | 'erasure',
  shot?: Shot,
): Promise<FiledRequest> => {
  const { page, lang } = v
  await page.goto(`${stack.shopUrl}/${lang}/account`)
  await page.getByRole('link', { name: copy[lang].account.privacyLink }).click()
  await page.waitForURL(`${stack.amanaUrl}/privacy?lang=${lang}`)
  assert.equal(await page.getAttribute('html', 'lang'), lang)
  await page.locator('a[href^="/privacy/requests"]').first().click()
  await page.waitForURL(/\/privacy\/requests\?/)
  const choice = page.getByLabel(tr(lang, `req.type.${type}`))
  await choice.check()
  const radio = await choice.boundingBox()
  const label = await page.locator(`label[for="type-${type}"]`).boundingBox()
  assert.ok(
    radio &&
      label &&
      radio.y + radio.height / 2 > label.y &&
      radio.y + radio.height / 2 < label.y + label.height,
    'the radio sits on its label’s line',
  )
  await page.fill('#f-email', v.email)
  await shot?.(page, `6-privacy-request-${lang}`)
  await page.getByRole('button', { name: tr(lang, 'req.submit') }).click()
  await page.waitForURL(/\/privacy\/requests\/DSR-[^/?]+\?/)
  await page.locator('#f-code').waitFor()
  const url = new URL(page.url())
  return { reference: url.pathname.split('/').pop() ?? '', statusUrl: url.toString() }
}

/**
 * The code, read where the owner of a demo reads it: the console's demo mailbox, the message opened.
 * The message keeps the visitor's language whatever the console's.
 */
export const codeFromMailbox = async (
  owner: Page,
  stack: ShopStack,
  v: Visitor,
  reference: string,
  shot?: Shot,
): Promise<string> => {
  const deadline = Date.now() + 30_000
  const link = owner.locator(`a[href^="/admin/mailbox/"]`, { hasText: reference })
  for (;;) {
    await owner.goto(`${stack.amanaUrl}/admin/mailbox?lang=${v.lang}`)
    if ((await link.count()) > 0) break
    assert.ok(Date.now() < deadline, `the code for ${reference} reaches the demo mailbox`)
    await owner.waitForTimeout(300)
  }
  await link.first().click()
  const mail = owner.locator('article.mail')
  assert.equal(await mail.getAttribute('lang'), v.lang, 'the message is in the visitor’s language')
  const to = await owner.locator('article.mail p span[dir="ltr"]').textContent()
  assert.ok(to?.includes(v.email), `the message is to the visitor (${to})`)
  const code = ((await owner.locator('article.mail pre').textContent()) ?? '').match(/\b(\d{6})\b/)?.[1]
  assert.ok(code, 'the message holds a 6-digit code')
  const wider = await owner.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().width > window.innerWidth)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  )
  assert.deepEqual(wider, [], 'the mailbox fits the phone: no sideways scroll')
  await shot?.(owner, `7-demo-mailbox-${v.lang}`)
  return code
}

/** The visitor types the code on their status page; the page no longer asks for it. */
export const enterCode = async (v: Visitor, request: FiledRequest, code: string) => {
  const { page, lang } = v
  if (page.url() !== request.statusUrl) await page.goto(request.statusUrl)
  await page.fill('#f-code', code)
  const [verified] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/verify') && r.request().method() === 'POST'),
    page.waitForEvent('framenavigated'),
    page.getByRole('button', { name: tr(lang, 'status.code.submit'), exact: true }).click(),
  ])
  assert.doesNotMatch(verified.headers().location ?? '', /notice=/, 'the code is accepted')
  await page.waitForLoadState('load')
  assert.equal(await page.locator('#f-code').count(), 0, 'the code was accepted')
  assert.equal(await page.locator('.error[role="alert"]').count(), 0, 'no error on the status page')
}

/** Reloads the status page until it says the request is completed (the worker runs it meanwhile). */
export const awaitCompleted = async (v: Visitor, request: FiledRequest, timeoutMs = 60_000) => {
  const { page, lang } = v
  const done = tr(lang, 'status.completed.label')
  const deadline = Date.now() + timeoutMs
  for (;;) {
    await page.goto(request.statusUrl)
    const status = (await page.locator('dl.contacts strong').textContent())?.trim()
    if (status === done) return
    assert.ok(Date.now() < deadline, `request ${request.reference} completes (still "${status}")`)
    await page.waitForTimeout(500)
  }
}

/** Clicks "Download my data" and returns the ZIP's bytes, as the browser saved them. */
export const downloadPackage = async (v: Visitor, shot?: Shot): Promise<Uint8Array> => {
  const { page, lang } = v
  const button = page.getByRole('button', { name: tr(lang, 'status.download.button') })
  await button.waitFor()
  await shot?.(page, `8-download-ready-${lang}`)
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
  assert.match(download.suggestedFilename(), /\.zip$/)
  return new Uint8Array(await readFile(await download.path()))
}
