import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { base32Decode, totp } from '../../packages/amana/src/staff/domain/totp.ts'
import { staffAccessFor } from '../../packages/amana/src/staff/testing.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import {
  mailHeader,
  mailText,
  type SmtpInbox,
  startSmtpInbox,
} from '../../packages/amana/src/testing/smtp-inbox.ts'
import { createTestApp, createTestConfig, type TestApp } from '../../packages/amana/src/testing/test-app.ts'

/**
 * The owner's first morning, in Chromium: set up the first account from the Arabic setup link, sign
 * in, turn on two-step verification by QR code, keep the recovery codes, sign in with one (once
 * only), and invite a colleague, who receives the invitation in Arabic through real SMTP.
 */

const skip = skipWithoutChromium()
let browser: Browser
let shop: TestApp
let smtp: SmtpInbox
let base: string
const owner = { email: `owner-${process.pid}@rumrom.example`, password: `pw-${crypto.randomUUID()}` }

before(async () => {
  if (skip) return
  smtp = await startSmtpInbox()
  shop = await createTestApp({
    config: createTestConfig({ AMANA_SMTP_URL: smtp.url, AMANA_MAIL_FROM: 'privacy@rumrom.example' }),
    worker: true,
  })
  base = await shop.app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchChromium()
})

after(async () => {
  if (skip) return
  await browser.close()
  await shop.close()
  await smtp.close()
})

const signIn = async (page: Page, lang: 'en' | 'ar') => {
  await page.goto(`${base}/admin/sign-in?lang=${lang}`)
  await page.fill('#email', owner.email)
  await page.fill('#password', owner.password)
  await page.locator('form[action^="/admin/sign-in"] button[type="submit"]').click()
}

const signOut = async (page: Page) => {
  await page.locator('form[action^="/admin/sign-out"] button').click()
  await page.waitForURL(/m=signed-out/)
}

test('the owner sets up from the Arabic link, turns on 2FA by QR code, signs in with a recovery code once, and invites a colleague by email in Arabic', {
  skip,
}, async () => {
  const link = await staffAccessFor(shop).firstOwnerLink()
  assert.ok(link)
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await page.goto(`${base}/admin/setup${new URL(link.url).search}&lang=en`)
  // The language switch keeps the one-time token: the Arabic page still offers the form.
  await page.locator('a.lang').click()
  await page.waitForURL(/lang=ar/)
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl')
  assert.equal(await page.locator('input[name="token"]').count(), 1, 'the Arabic setup page keeps the token')
  await page.fill('#email', owner.email)
  await page.fill('#password', owner.password)
  await page.fill('#confirm', owner.password)
  await page.locator('form[action^="/admin/setup"] button').click()
  await page.waitForURL(/\/admin\/sign-in\?lang=ar&m=setup-done/)
  // Success reads as success, not as an error.
  assert.match(await page.locator('.notice[role="status"]').innerText(), /حسابك جاهز/)
  assert.equal(await page.locator('.error').count(), 0)
  // A first visit to /admin is a plain sign-in: no "your session ended".
  await page.goto(`${base}/admin?lang=ar`)
  await page.waitForURL(/\/admin\/sign-in/)
  assert.equal(await page.locator('.notice, .error').count(), 0)

  await signIn(page, 'en')
  await page.waitForURL(/\/admin\/home/)
  await page.goto(`${base}/admin/account?lang=en`)
  await page.locator('form[action^="/admin/account/totp?"] button').click()
  const qr = page.locator('figure.qr svg')
  assert.ok(await qr.isVisible(), 'a QR code to scan')
  assert.deepEqual(await axeViolations(page), [])
  const secret = (await page.locator('form[action^="/admin/account/totp/confirm"] code').innerText()).trim()
  await page.fill('#confirm-code', totp(base32Decode(secret), new Date()))
  await page.locator('form[action^="/admin/account/totp/confirm"] button').click()
  const codes = await page.locator('.recovery-codes code').allInnerTexts()
  assert.equal(codes.length, 10)
  assert.equal(new Set(codes).size, 10)
  for (const c of codes) assert.match(c, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/)

  // Lost phone: a recovery code signs in once, and only once.
  const recovery = codes[3] as string
  for (const attempt of ['first', 'again'] as const) {
    await signOut(page)
    await signIn(page, 'en')
    await page.waitForURL(/\/admin\/sign-in\/totp/)
    await page.fill('#code', recovery.toLowerCase())
    await page.locator('form[action^="/admin/sign-in/totp"] button').click()
    if (attempt === 'first') {
      await page.waitForURL(/\/admin\/home/)
    } else {
      assert.ok(await page.locator('.error[role="alert"]').isVisible(), 'a used recovery code is refused')
      await page.fill('#code', codes[4] as string)
      await page.locator('form[action^="/admin/sign-in/totp"] button').click()
      await page.waitForURL(/\/admin\/home/)
    }
  }
  await page.goto(`${base}/admin/account?lang=en`)
  assert.match(await page.locator('main').innerText(), /8 unused recovery codes left/)

  // The colleague is invited in Arabic and gets the email through the outbox.
  const colleague = `colleague-${process.pid}@rumrom.example`
  await page.goto(`${base}/admin/staff?lang=en`)
  await page.fill('#invite-email', colleague)
  await page.selectOption('#invite-role', 'support-agent')
  await page.selectOption('#invite-lang', 'ar')
  await page.locator('form[action^="/admin/staff/invite"] button').click()
  assert.match(
    await page.locator('.shown-once').innerText(),
    new RegExp(`Invitation emailed to\\s*${colleague}`),
  )
  const mail = await smtp.waitFor((raw) => raw.includes(colleague))
  assert.equal(mailHeader(mail, 'Content-Language'), 'ar')
  const text = mailText(mail)
  assert.match(text, /دُعيت إلى لوحة الخصوصية/)
  assert.match(text, /موظف دعم/, 'the role in Arabic')
  const invitation = text.match(/https?:\/\/\S+\/admin\/setup\?token=[\w-]+&lang=ar/)?.[0]
  assert.ok(invitation, text)
  // The link opens the colleague's setup page, in Arabic.
  await page.goto(`${base}/admin/setup${new URL(invitation).search}`)
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl')
  assert.equal(await page.locator('input[name="token"]').count(), 1)
  await context.close()
})
