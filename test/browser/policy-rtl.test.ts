import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, skipWithoutChromium } from '../../packages/amana/src/testing/browser.ts'
import { createTestApp, type TestApp } from '../../packages/amana/src/testing/test-app.ts'

// The Arabic policy as a Kuwaiti customer sees it in Chromium: a phone number and a tracker name
// inside right-to-left sentences keep their left-to-right order. Without isolation the bidi
// algorithm shows "+965 99095385" as "99095385 +965" and "_ga" as "ga_"; the control below renders
// the same words without <bdi> and sees exactly that, so the measurement itself is tested too.

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

/** The x of the left edge of `first` and of `second`, in the first text node of `selector` holding both. */
const positions = (page: Page, selector: string, first: string, second: string) =>
  page.evaluate(
    ({ selector, first, second }) => {
      const root = document.querySelector(selector)
      if (root === null) throw new Error(`no ${selector}`)
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      const nodes: Text[] = []
      while (walker.nextNode()) nodes.push(walker.currentNode as Text)
      const node = nodes.find((n) => n.data.includes(first) && n.data.includes(second, n.data.indexOf(first)))
      if (node === undefined)
        throw new Error(`"${first}" then "${second}" is not in one text node of ${selector}`)
      const left = (needle: string, from: number): number => {
        const at = node.data.indexOf(needle, from)
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + needle.length)
        return range.getBoundingClientRect().left
      }
      const at = node.data.indexOf(first)
      return { first: left(first, at), second: left(second, at + first.length) }
    },
    { selector, first, second },
  )

test('the Arabic policy shows the phone number and the tracker names in their own order', {
  skip,
}, async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  await page.goto(`${base}/privacy/policy?lang=ar`)
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl')

  // "واتساب: +965 99095385" in the contact list: the country code stays on the left.
  const phone = await positions(page, '[id="contact.whatsapp"]', '+965', '99095385')
  assert.ok(phone.first < phone.second, `+965 is drawn right of 99095385: ${JSON.stringify(phone)}`)

  // "يضع Google Analytics الملفات _ga لغرض …": the underscore stays before "ga".
  const tracker = await positions(page, '[id="cookies.third-party-google_analytics"]', '_', 'ga')
  assert.ok(tracker.first < tracker.second, `_ga is drawn as ga_: ${JSON.stringify(tracker)}`)
  const name = await positions(page, '[id="cookies.third-party-google_analytics"]', 'Google', 'Analytics')
  assert.ok(name.first < name.second)

  // The control: the same sentence without isolation is reordered, so the check above can fail.
  await page.evaluate(() => {
    const p = document.createElement('p')
    p.id = 'control'
    p.textContent = 'واتساب: +965 99095385 يضع الملفات _ga لغرض'
    document.querySelector('article')?.append(p)
  })
  const control = await positions(page, '#control', '+965', '99095385')
  assert.ok(control.first > control.second, 'without <bdi> the numbers should swap places')
  await page.close()
})
