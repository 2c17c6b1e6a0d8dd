import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { addMember, signIn } from '../../packages/amana/src/staff/testing.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import { createTestApp, createTestConfig, type TestApp } from '../../packages/amana/src/testing/test-app.ts'

const skip = skipWithoutChromium()
const DAY = 86_400_000
let browser: Browser
let shop: TestApp
let base: string
let session: string
// The shop's clock: requests are filed in the past, then the owner opens the console today.
let clock = new Date('2026-11-20T09:00:00Z')
let overdue: string
let recent: string

const file = async (email: string): Promise<string> => {
  const submitted = await shop.app.inject({
    method: 'POST',
    url: '/v1/requests',
    payload: { type: 'erasure', email, country: 'KW' },
  })
  assert.equal(submitted.statusCode, 202, submitted.body)
  return (submitted.json() as { reference: string }).reference
}

before(async () => {
  if (skip) return
  // Demo mode without SMTP: the menu also has the demo mailbox.
  shop = await createTestApp({ config: createTestConfig({ AMANA_MODE: 'demo' }), now: () => clock })
  base = await shop.app.listen({ port: 0, host: '127.0.0.1' })
  const owner = await addMember(shop, 'owner')
  clock = new Date(clock.getTime() - 45 * DAY)
  overdue = await file('late.customer@example.com')
  clock = new Date(clock.getTime() + 43 * DAY)
  recent = await file('new.customer@example.com')
  clock = new Date(clock.getTime() + 2 * DAY)
  session = (await signIn(shop, owner.email, owner.password)).sessionId
  browser = await launchChromium()
  mkdirSync(shotsDir, { recursive: true })
})

after(async () => {
  if (skip) return
  await browser.close()
  await shop.close()
})

const phone = async (lang: 'en' | 'ar'): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  await context.addCookies([{ name: 'amana_session', value: session, url: base }])
  const page = await context.newPage()
  await page.goto(`${base}/admin/home?lang=${lang}`)
  return page
}

/**
 * Latin words a reader of the Arabic page would see, outside what is meant to stay Latin: isolated
 * values (<bdi>: references, emails, names), code, the folded technical detail, and brand names.
 */
const latinLeaks = (page: Page) =>
  page.evaluate(() => {
    const allowed = new Set(['Amana', 'RUMROM', 'CSV', 'JSON', 'B'])
    const words: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest('bdi, code, pre, details, svg, [lang="en"], [hidden]')) continue
      for (const word of node.textContent?.match(/[A-Za-z][A-Za-z_:-]+/g) ?? [])
        if (!allowed.has(word)) words.push(word)
    }
    return words
  })

/**
 * The screenshots in docs/console.md are taken here, on a desktop screen. They go to a temporary folder so a
 * test run leaves the checkout clean; `AMANA_WALKTHROUGH_SCREENSHOTS=1 npm test -- test/browser/admin-console.test.ts`
 * rewrites docs/console/.
 */
const shotsDir =
  process.env.AMANA_WALKTHROUGH_SCREENSHOTS === '1'
    ? 'docs/console'
    : mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'console-shots-'))
const shot = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

for (const lang of ['en', 'ar'] as const) {
  const language = lang === 'ar' ? 'Arabic' : 'English'

  test(`the console overview in ${language}: the menu reaches requests, consent and the mailbox on a phone, no WCAG A/AA violations`, {
    skip,
  }, async () => {
    const page = await phone(lang)
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr')
    const menu = page.locator('nav.admin-nav')
    for (const path of ['/admin/requests', '/admin/consent', '/admin/mailbox'])
      assert.ok(await menu.locator(`a[href="${path}?lang=${lang}"]`).isVisible(), `${path} is in the menu`)
    assert.ok(await noSidewaysScroll(page), 'the menu wraps instead of scrolling sideways')
    assert.deepEqual(await axeViolations(page), [])
    await menu.locator(`a[href="/admin/requests?lang=${lang}"]`).click()
    assert.match(page.url(), /\/admin\/requests\?lang=/)
    await page.context().close()
  })

  test(`the overview in ${language} lists the overdue request first with its countdown, one click from its page`, {
    skip,
  }, async () => {
    const page = await phone(lang)
    await shot(page, `overview-${lang}`)
    const rows = page.locator('table.today tbody tr')
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-reference'))), [
      overdue,
      recent,
    ])
    const first = rows.first()
    assert.equal(await first.getAttribute('class'), 'sla-overdue')
    // Filed 45 days ago with a 30-day clock (Kuwait's law for this shop): overdue by 15 days.
    assert.match(
      await first.innerText(),
      lang === 'ar' ? /متأخر[\s\S]*١٥|١٥[\s\S]*متأخر|متأخر[\s\S]*15/ : /Overdue by 15 days/,
    )
    // Who must act, in plain words: the customer has not yet confirmed their identity.
    assert.match(
      await first.innerText(),
      lang === 'ar' ? /يؤكد العميل هويته/ : /The customer confirms their identity/,
    )
    await first.locator('a').click()
    await page.waitForURL(/\/admin\/requests\/[0-9a-f-]{36}\?lang=/)
    assert.match(await page.locator('h1').innerText(), new RegExp(overdue))
    // The request's page in plain words: who must act next, what was asked, the raw detail folded.
    assert.match(
      await page.locator('section.next').innerText(),
      lang === 'ar' ? /على العميل إدخال الرمز/ : /The customer has to enter the code/,
    )
    assert.match(await page.locator('dl').first().innerText(), lang === 'ar' ? /المطلوب/ : /What was asked/)
    assert.equal(await page.locator('details.technical').getAttribute('open'), null)
    assert.ok(!(await page.locator('text=verification-started').isVisible()), 'no raw event names in view')
    if (lang === 'ar') assert.deepEqual(await latinLeaks(page), [], 'no English on the Arabic request page')
    assert.deepEqual(await axeViolations(page), [])
    await shot(page, `request-${lang}`)
    // The request's page draws the same console menu as the overview.
    assert.ok(await page.locator('nav.admin-nav a[href^="/admin/audit"]').isVisible())
    assert.ok(await noSidewaysScroll(page), 'the request page fits a phone')
    await page.context().close()
  })

  test(`the consent and mailbox pages in ${language} draw the console menu`, { skip }, async () => {
    const page = await phone(lang)
    for (const path of ['/admin/consent', '/admin/mailbox', '/admin/requests']) {
      await page.goto(`${base}${path}?lang=${lang}`)
      const current = page.locator(`nav.admin-nav a[aria-current="page"]`)
      assert.equal(await current.getAttribute('href'), `${path}?lang=${lang}`, path)
      assert.ok(await page.locator('form[action^="/admin/sign-out"] button').isVisible(), `${path}: sign out`)
    }
    await page.context().close()
  })
}
