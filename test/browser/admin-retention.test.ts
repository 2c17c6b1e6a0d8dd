import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { ownRecordsDeps } from '../../packages/amana/src/app/own-records-deps.ts'
import { sweepOwnRecords } from '../../packages/amana/src/own-records/index.ts'
import { addSentMail } from '../../packages/amana/src/own-records/testing.ts'
import { addMember, signIn } from '../../packages/amana/src/staff/testing.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import { createTestApp, type TestApp } from '../../packages/amana/src/testing/test-app.ts'

/**
 * The console's retention page in a real browser, in English and Arabic: no WCAG A/AA violations,
 * and the pause switch works from the page (a form with the CSRF token) and is audited. A real pass
 * over Amana's own records has run: the page shows it beside the sweeps.
 */
const skip = skipWithoutChromium()
let browser: Browser
let shop: TestApp
let base: string
let session: string
let officerId: string

before(async () => {
  if (skip) return
  shop = await createTestApp({ now: () => new Date('2034-01-01T00:00:00Z') })
  base = await shop.app.listen({ port: 0, host: '127.0.0.1' })
  const officer = await addMember(shop, 'privacy-officer')
  officerId = officer.id
  session = (await signIn(shop, officer.email, officer.password)).sessionId
  // A mail sent 100 days ago is past its 90 days: the pass deletes it.
  await addSentMail(shop.database.db, new Date('2033-09-23T00:00:00Z'))
  await sweepOwnRecords(ownRecordsDeps(shop.services), 'schedule')
  browser = await launchChromium()
})

after(async () => {
  if (skip) return
  await browser.close()
  await shop.close()
})

for (const lang of ['en', 'ar'] as const)
  test(`the retention page in ${lang === 'ar' ? 'Arabic' : 'English'}: no WCAG A/AA violations; the pause switch pauses and resumes, audited`, {
    skip,
  }, async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    await context.addCookies([{ name: 'amana_session', value: session, url: base }])
    const page = await context.newPage()
    await page.goto(`${base}/admin/retention?lang=${lang}`)
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr')
    assert.ok(await page.locator(`nav.admin-nav a[href="/admin/retention?lang=${lang}"]`).isVisible())
    const own = page.locator('table', {
      has: page.locator('caption', { hasText: lang === 'ar' ? 'آخر العمليات' : 'Last passes' }),
    })
    assert.match(
      await own.locator('tbody tr').first().innerText(),
      lang === 'ar' ? /schedule\s+١ \(مدة الاحتفاظ 90 يومًا\)/ : /schedule\s+1 \(kept 90 days\)/,
    )
    assert.deepEqual(await axeViolations(page), [])

    await page.fill('#pause-reason', 'auditor visit')
    await page.click('form[action^="/admin/retention/pause"] button[type="submit"]')
    await page.waitForURL(/\/admin\/retention\?lang=/)
    assert.match(await page.locator('p[role="status"]').innerText(), lang === 'ar' ? /متوقف/ : /Paused/)
    assert.equal(await shop.services.retention.paused(), true)
    assert.deepEqual(await axeViolations(page), [], 'the paused page too')

    await page.click('form[action^="/admin/retention/pause"] button[type="submit"]')
    await page.waitForURL(/\/admin\/retention\?lang=/)
    assert.equal(await shop.services.retention.paused(), false)
    const entries = await shop.database.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_id'])
      .where('action', 'in', ['retention.paused', 'retention.resumed'])
      .execute()
    assert.ok(entries.length >= 2 && entries.every((e) => e.actor_id === officerId))
    await context.close()
  })
