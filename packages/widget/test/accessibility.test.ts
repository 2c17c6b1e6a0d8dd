import assert from 'node:assert/strict'
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, launch, type Shop, startShop, visit } from './support/test-shop.ts'

let browser: Browser | undefined
let shop: Shop | undefined
let axeSource = ''
const screenshots = new URL('./screenshots/', import.meta.url)

before(async () => {
  if (!hasChromium) return
  ;[browser, shop, axeSource] = await Promise.all([
    launch(),
    startShop(),
    readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
  ])
  await mkdir(screenshots, { recursive: true })
})
after(async () => {
  await browser?.close()
  await shop?.close()
})

interface AxeViolation {
  id: string
  impact: string
  nodes: { target: unknown; failureSummary: string }[]
}

const axeViolations = async (page: Page): Promise<AxeViolation[]> => {
  await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }))
  })
}

/** The focused element, looking through the widget's shadow root: 'dialog', 'inside', or 'outside'. */
const focusPlace = (page: Page) =>
  page.evaluate(() => {
    const host = document.getElementById('amana-consent')
    if (document.activeElement !== host) return `outside:${document.activeElement?.id ?? ''}`
    const active = host?.shadowRoot?.activeElement
    const dialog = host?.shadowRoot?.querySelector('[role="dialog"]')
    if (active === dialog) return 'dialog'
    return dialog?.contains(active ?? null) ? `inside:${active?.textContent ?? ''}` : 'outside:widget'
  })

for (const lang of ['en', 'ar'] as const) {
  test(`axe-core finds no WCAG 2.1 A/AA violation in the ${lang.toUpperCase()} banner, either layer`, async (t) => {
    const v = await visit(t, browser, shop, `/?lang=${lang}`)
    if (!v) return
    await v.page.getByRole('dialog').waitFor()
    assert.deepEqual(await axeViolations(v.page), [])
    await v.page.screenshot({ path: new URL(`banner-${lang}.png`, screenshots).pathname })

    await v.page.getByRole('button', { name: lang === 'ar' ? 'تخصيص' : 'Customise' }).click()
    for (const summary of await v.page.locator('summary').all()) await summary.click()
    assert.deepEqual(await axeViolations(v.page), [])
    await v.page.screenshot({
      path: new URL(`preferences-${lang}.png`, screenshots).pathname,
      fullPage: true,
    })
  })
}

test('the Arabic banner is right-to-left, laid out with the buttons mirrored', async (t) => {
  const v = await visit(t, browser, shop, '/?lang=ar')
  if (!v) return
  const dialog = v.page.getByRole('dialog')
  await dialog.waitFor()
  assert.equal(await dialog.getAttribute('dir'), 'rtl')
  assert.equal(await dialog.evaluate((el) => getComputedStyle(el).direction), 'rtl')
  const reject = await v.page.getByRole('button', { name: 'رفض الكل' }).boundingBox()
  const accept = await v.page.getByRole('button', { name: 'قبول الكل' }).boundingBox()
  assert.ok(reject && accept && reject.x > accept.x, 'the first button sits on the right')
})

test('"Accept all" and "Reject all" have equal prominence', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  const look = (name: string) =>
    v.page.getByRole('button', { name }).evaluate((el) => {
      const s = getComputedStyle(el)
      const r = el.getBoundingClientRect()
      return [
        s.backgroundColor,
        s.color,
        s.fontSize,
        s.fontWeight,
        s.borderWidth,
        Math.round(r.width),
        Math.round(r.height),
      ]
    })
  assert.deepEqual(await look('Accept all'), await look('Reject all'))
})

test('keyboard only: Tab and Shift+Tab stay in the dialog, Escape does not accept, focus returns to the opener', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  const { page, shop: s } = v
  await page.getByRole('dialog').waitFor()
  assert.equal(await focusPlace(page), 'dialog', 'the dialog takes focus when it opens')
  const seen: string[] = []
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab')
    seen.push(await focusPlace(page))
  }
  assert.ok(
    seen.every((p) => p.startsWith('inside:')),
    seen.join(' | '),
  )
  assert.ok(seen.includes('inside:Accept all') && seen.includes('inside:Customise'))
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Shift+Tab')
    assert.match(await focusPlace(page), /^inside:/)
  }

  const before = s.records.length
  await page.keyboard.press('Escape')
  assert.equal(await page.getByRole('dialog').count(), 1, 'Escape does not dismiss an unanswered banner')
  assert.equal(s.records.length, before)

  // Reach "Reject all" by keyboard and choose it.
  await page.getByRole('dialog').focus()
  while ((await focusPlace(page)) !== 'inside:Reject all') await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  assert.equal(await page.getByRole('dialog').count(), 0)

  // Reopen from the page's own link; Escape now closes and focus goes back to it.
  await page.locator('#settings').focus()
  await page.keyboard.press('Enter')
  await page.getByRole('dialog', { name: 'Privacy preferences' }).waitFor()
  assert.equal(await focusPlace(page), 'dialog')
  await page.keyboard.press('Tab')
  assert.match(await focusPlace(page), /^inside:/)
  await page.keyboard.press('Escape')
  assert.equal(await page.getByRole('dialog').count(), 0)
  assert.equal(await focusPlace(page), 'outside:settings')
})

test('focus returns to the persistent "Privacy settings" button after saving from it', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  await v.page.getByRole('button', { name: 'Reject all' }).click()
  const settings = v.page.getByRole('button', { name: 'Privacy settings' })
  await v.page.screenshot({ path: new URL('settings-button-en.png', screenshots).pathname })
  await settings.focus()
  await v.page.keyboard.press('Enter')
  await v.page.getByRole('button', { name: 'Save choices' }).click()
  assert.ok(
    await settings.evaluate(
      (el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el,
    ),
  )
})

test('at 320 px wide both choices are visible side by side, and nothing scrolls sideways', async (t) => {
  const v = await visit(t, browser, shop, '/?lang=ar', { viewport: { width: 320, height: 568 } })
  if (!v) return
  await v.page.getByRole('dialog').waitFor()
  for (const name of ['قبول الكل', 'رفض الكل']) {
    const button = v.page.getByRole('button', { name })
    assert.ok(await button.isVisible(), name)
    const box = await button.boundingBox()
    assert.ok(
      box && box.x >= 0 && box.x + box.width <= 320 && box.y + box.height <= 568,
      `${name} inside the viewport`,
    )
  }
  assert.equal(await v.page.evaluate(() => document.documentElement.scrollWidth), 320)
  await v.page.screenshot({ path: new URL('banner-ar-320.png', screenshots).pathname })
})

test('at 200 % zoom (a 640×360 CSS viewport) the dialog fits and every control can be reached', async (t) => {
  const v = await visit(t, browser, shop, '/', {
    viewport: { width: 640, height: 360 },
    deviceScaleFactor: 2,
  })
  if (!v) return
  const dialog = v.page.getByRole('dialog')
  await dialog.waitFor()
  const box = await dialog.boundingBox()
  assert.ok(box && box.y >= 0 && box.y + box.height <= 360, 'the dialog is inside the viewport')
  await v.page.getByRole('button', { name: 'Customise' }).click()
  const save = v.page.getByRole('button', { name: 'Save choices' })
  await save.scrollIntoViewIfNeeded()
  assert.ok(await save.isVisible())
  await v.page.screenshot({ path: new URL('preferences-en-zoom200.png', screenshots).pathname })
})
