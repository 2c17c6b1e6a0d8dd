import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { publishPolicy } from '../../packages/amana/src/policy/index.ts'
import { addMember, signIn } from '../../packages/amana/src/staff/testing.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import { createTestApp, createTestConfig, type TestApp } from '../../packages/amana/src/testing/test-app.ts'

/**
 * axe-core (WCAG 2.x A/AA) on every page the console menu offers an owner, in English and Arabic,
 * plus the pages one click further (a request, a policy version with its trace). A page added to the
 * menu tomorrow is visited here without anyone editing this list.
 */
export const consolePagesSuite = (lang: 'en' | 'ar') => {
  const skip = skipWithoutChromium()
  let browser: Browser
  let shop: TestApp
  let base: string
  let session: string
  let requestId: string
  /** A value mixing Arabic and Latin, as a customer may type it: it must read in its own order. */
  const MIXED = 'ليلى.layla@example.com'

  /** Text nodes holding `value`: inside a <bdi> (or an element with its own dir), or loose in the page's text. */
  const isolation = (page: Page, value: string) =>
    page.evaluate((v) => {
      let isolated = 0
      const loose: string[] = []
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.includes(v)) continue
        if (node.parentElement?.closest('bdi, [dir]:not(html):not(body), input, textarea')) isolated++
        else loose.push(node.textContent.trim().slice(0, 80))
      }
      return { isolated, loose }
    }, value)

  before(async () => {
    if (skip) return
    shop = await createTestApp({ config: createTestConfig({ AMANA_MODE: 'demo' }) })
    base = await shop.app.listen({ port: 0, host: '127.0.0.1' })
    const owner = await addMember(shop, 'owner')
    const filed = await shop.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'access', email: MIXED, country: 'KW' },
    })
    assert.equal(filed.statusCode, 202, filed.body)
    const row = await shop.services.requests.store.byReference(filed.json().reference)
    assert.ok(row)
    requestId = row.id
    const published = await publishPolicy(shop.database.db, shop.ctx.manifest.manifest, {
      effectiveDate: '2026-01-01',
      now: new Date(),
    })
    assert.ok(published.ok)
    // A second version (a shorter answer promised), so the policy page shows its comparison of two versions.
    const manifest = shop.ctx.manifest.manifest
    const second = await publishPolicy(
      shop.database.db,
      { ...manifest, commitments: { ...manifest.commitments, requestDeadlineDays: 20 } },
      { effectiveDate: '2026-02-01', now: new Date() },
    )
    assert.ok(second.ok)
    session = (await signIn(shop, owner.email, owner.password)).sessionId
    browser = await launchChromium()
  })

  after(async () => {
    if (skip) return
    await browser.close()
    await shop.close()
  })

  const open = async (lang: 'en' | 'ar'): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    await context.addCookies([{ name: 'amana_session', value: session, url: base }])
    const page = await context.newPage()
    await page.goto(`${base}/admin/home?lang=${lang}`)
    return page
  }
  test(`every console page in ${lang === 'ar' ? 'Arabic' : 'English'} has no WCAG A/AA violation`, {
    skip,
  }, async () => {
    const page = await open(lang)
    const menu = await page
      .locator('nav.admin-nav a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''))
    for (const section of ['/admin/policy', '/admin/manifest', '/admin/processors', '/admin/transfers'])
      assert.ok(menu.includes(`${section}?lang=${lang}`), `${section} is in the menu`)
    const pages = [
      ...menu,
      `/admin/requests/${requestId}?lang=${lang}`,
      `/admin/policy/1?lang=${lang}&doc=${lang}`,
      `/admin/policy/1?lang=${lang}&doc=${lang === 'en' ? 'ar' : 'en'}&trace=1`,
      `/admin/policy?lang=${lang}&from=1&to=2`,
    ]
    assert.ok(pages.length >= 14, `${pages.length} pages`)
    const failures: string[] = []
    let shown = 0
    for (const path of pages) {
      const response = await page.goto(`${base}${path}`)
      assert.equal(response?.status(), 200, path)
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr', path)
      for (const v of await axeViolations(page)) failures.push(`${path}: ${JSON.stringify(v)}`)
      const { isolated, loose } = await isolation(page, MIXED)
      shown += isolated
      for (const text of loose) failures.push(`${path}: "${text}" is not isolated in <bdi>`)
    }
    assert.deepEqual(failures, [])
    assert.ok(shown > 0, "the requester's mixed Arabic/Latin address is shown somewhere, isolated")
    await page.context().close()
  })
}
