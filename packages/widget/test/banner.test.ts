import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  cookieNames,
  dataLayer,
  hasChromium,
  launch,
  ran,
  type Shop,
  startShop,
  visit,
  waitFor,
} from './support/test-shop.ts'

let browser: Browser | undefined
let shop: Shop | undefined

before(async () => {
  if (!hasChromium) return
  ;[browser, shop] = await Promise.all([launch(), startShop()])
})
after(async () => {
  await browser?.close()
  await shop?.close()
})

const recordsSince = (s: Shop, n: number) => s.records.slice(n)

/** The signals of the last `gtag('consent', 'update', …)`. */
const lastUpdate = async (page: Page): Promise<Record<string, unknown>> =>
  ((await dataLayer(page)).findLast((e) => e[1] === 'update')?.[2] ?? {}) as Record<string, unknown>

test('nothing marked marketing runs or loads before consent', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  await v.page.getByRole('dialog').waitFor()
  assert.deepEqual(await ran(v.page), ['gtag'])
  assert.ok(!v.shop.requests.includes('/marketing.js'), 'the blocked external script was not fetched')
  assert.deepEqual(await cookieNames(v.page), [])
})

test('Consent Mode defaults are pushed before any tag, all seven signals, non-necessary denied', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  const layer = await dataLayer(v.page)
  assert.deepEqual(layer[0], [
    'consent',
    'default',
    {
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
      security_storage: 'granted',
      wait_for_update: 500,
    },
  ])
  assert.ok(layer.findIndex((e) => e[0] === 'js') > 0, 'the site tag comes after the default')
})

test('"Reject all" sets no marketing cookie, runs nothing and records a refusal', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  const seen = v.shop.records.length
  await v.page.getByRole('button', { name: 'Reject all' }).click()
  await waitFor(() => v.shop.records.length > seen, 'the consent record')
  const [record] = recordsSince(v.shop, seen)
  assert.equal(record?.method, 'banner-reject-all')
  assert.deepEqual(record?.granted, [])
  assert.deepEqual(record?.refused, ['functional', 'analytics', 'marketing'])
  assert.equal(record?.policyVersion, '1')
  assert.equal(record?.locale, 'en')
  assert.match(record?.deviceId ?? '', /^[0-9a-f]{32}$/)
  assert.deepEqual(await ran(v.page), ['gtag'])
  assert.deepEqual(await cookieNames(v.page), ['amana_consent'])
  assert.equal(await v.page.getByRole('dialog').count(), 0)
  assert.equal((await lastUpdate(v.page)).ad_storage, 'denied')
})

test('"Accept all" activates the blocked scripts in order and grants every Consent Mode signal', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  const seen = v.shop.records.length
  await v.page.getByRole('button', { name: 'Accept all' }).click()
  await v.page.waitForFunction(() => (window as unknown as { ran: string[] }).ran.length === 5)
  assert.deepEqual(await ran(v.page), [
    'gtag',
    'analytics',
    'marketing-inline',
    'marketing-external',
    'after-external',
  ])
  await waitFor(() => v.shop.records.length > seen, 'the consent record')
  const [record] = recordsSince(v.shop, seen)
  assert.equal(record?.method, 'banner-accept-all')
  assert.deepEqual(record?.granted, ['functional', 'analytics', 'marketing'])
  assert.deepEqual(await lastUpdate(v.page), {
    ad_storage: 'granted',
    ad_user_data: 'granted',
    ad_personalization: 'granted',
    analytics_storage: 'granted',
    functionality_storage: 'granted',
    personalization_storage: 'granted',
    security_storage: 'granted',
  })
  const consent = await v.page.evaluate(() => window.Amana?.getConsent())
  assert.deepEqual(consent?.granted, ['functional', 'analytics', 'marketing'])
})

test('the choice survives a reload: no banner, scripts run at once', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  await v.page.getByRole('button', { name: 'Accept all' }).click()
  await v.page.reload()
  await v.page.waitForFunction(() => (window as unknown as { ran: string[] }).ran.length === 5)
  assert.equal(await v.page.getByRole('dialog').count(), 0)
  assert.ok(await v.page.getByRole('button', { name: 'Privacy settings' }).isVisible())
})

test('a custom choice grants only the switched-on categories; withdrawing later deletes their cookies', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  const seen = v.shop.records.length
  const changes: string[][] = []
  await v.page.exposeFunction('changed', (granted: string[]) => changes.push(granted))
  await v.page.evaluate(() =>
    window.Amana?.onChange((s) =>
      (window as unknown as { changed: (g: string[]) => void }).changed(s.granted),
    ),
  )
  await v.page.getByRole('button', { name: 'Customise' }).click()
  await v.page.getByRole('switch', { name: 'Analytics' }).check()
  assert.ok(await v.page.getByRole('switch', { name: 'Necessary' }).isDisabled())
  assert.ok(await v.page.getByRole('switch', { name: 'Necessary' }).isChecked())
  await v.page.getByRole('button', { name: 'Save choices' }).click()
  await v.page.waitForFunction(() => (window as unknown as { ran: string[] }).ran.includes('analytics'))
  assert.deepEqual((await cookieNames(v.page)).sort(), ['_ga', '_ga_X1', 'amana_consent'])
  assert.deepEqual(await ran(v.page), ['gtag', 'analytics'])

  // Withdraw through the persistent button.
  await v.page.getByRole('button', { name: 'Privacy settings' }).click()
  assert.ok(
    await v.page.getByRole('switch', { name: 'Analytics' }).isChecked(),
    'the current choice is shown',
  )
  await v.page.getByRole('switch', { name: 'Analytics' }).uncheck()
  await v.page.getByRole('button', { name: 'Save choices' }).click()
  await waitFor(() => v.shop.records.length >= seen + 2, 'two consent records')
  assert.deepEqual(
    recordsSince(v.shop, seen).map((r) => [r.method, r.granted]),
    [
      ['banner-custom', ['analytics']],
      ['banner-custom', []],
    ],
  )
  assert.deepEqual(await cookieNames(v.page), ['amana_consent'])
  await waitFor(() => changes.length === 2, 'two onChange calls')
  assert.deepEqual(changes, [['analytics'], []])
})

test('a config fetched from the server in Arabic: RTL dialog with the Arabic chrome', async (t) => {
  const v = await visit(t, browser, shop, '/?mode=fetch&lang=ar')
  if (!v) return
  const dialog = v.page.getByRole('dialog')
  await dialog.waitFor()
  assert.equal(await dialog.getAttribute('dir'), 'rtl')
  assert.equal(await dialog.getAttribute('lang'), 'ar')
  for (const name of ['قبول الكل', 'رفض الكل', 'تخصيص']) {
    assert.ok(await v.page.getByRole('button', { name }).isVisible(), name)
  }
  assert.ok(v.shop.requests.includes('/v1/consent/config'))
  await v.page.getByRole('button', { name: 'تخصيص' }).click()
  assert.ok(await v.page.getByRole('button', { name: 'حفظ الاختيارات' }).isVisible())
  const seen = v.shop.records.length
  await v.page.getByRole('button', { name: 'رفض الكل' }).click()
  await waitFor(() => v.shop.records.length > seen, 'the consent record')
  assert.equal(v.shop.records.at(-1)?.locale, 'ar')
})

test('navigator.globalPrivacyControl records a GPC opt-out of marketing without a click', async (t) => {
  const v = await visit(t, browser, shop, '/', { gpc: true })
  if (!v) return
  await waitFor(() => v.shop.records.some((r) => r.method === 'gpc'), 'the GPC record')
  const record = v.shop.records.findLast((r) => r.method === 'gpc')
  assert.deepEqual(record?.refused, ['marketing'])
  assert.deepEqual(record?.granted, [])
  assert.equal(record?.gpc, true)
  assert.equal(record?.conflict, undefined)
  // Opt-in jurisdiction: the other categories still need an answer, marketing is shown off and locked.
  await v.page.getByRole('button', { name: 'Accept all' }).click()
  await v.page.waitForFunction(() => (window as unknown as { ran: string[] }).ran.includes('analytics'))
  assert.deepEqual(await ran(v.page), ['gtag', 'analytics'])
  assert.ok(!(await cookieNames(v.page)).includes('_fbp'))
  const update = await lastUpdate(v.page)
  assert.equal(update.ad_storage, 'denied')
  assert.equal(update.analytics_storage, 'granted')
})

test('a request sending Sec-GPC: 1 records a GPC opt-out (opt-out jurisdiction)', async (t) => {
  const v = await visit(t, browser, shop, '/?jurisdiction=opt-out', { extraHTTPHeaders: { 'Sec-GPC': '1' } })
  if (!v) return
  await waitFor(() => v.shop.records.some((r) => r.method === 'gpc'), 'the GPC record')
  assert.deepEqual(v.shop.records.findLast((r) => r.method === 'gpc')?.refused, ['marketing'])
  // Opt-out regime: analytics runs until the visitor objects, marketing never does.
  await v.page.waitForFunction(() => (window as unknown as { ran: string[] }).ran.includes('analytics'))
  assert.deepEqual(await ran(v.page), ['gtag', 'analytics'])
})

test('GPC over an earlier opt-in to marketing records the conflict and removes the marketing cookies', async (t) => {
  const v = await visit(t, browser, shop, '/', {
    gpc: true,
    consentCookie: {
      deviceId: 'a'.repeat(32),
      decided: true,
      granted: ['functional', 'analytics', 'marketing'],
      refused: [],
      policyVersion: '1',
      method: 'banner-accept-all',
      gpc: false,
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
    cookies: [{ name: '_fbp', value: 'fb.1.1' }],
  })
  if (!v) return
  await waitFor(() => v.shop.records.some((r) => r.method === 'gpc' && r.conflict), 'the GPC record')
  const record = v.shop.records.findLast((r) => r.method === 'gpc')
  assert.equal(record?.conflict, true)
  assert.equal(record?.deviceId, 'a'.repeat(32))
  assert.deepEqual(record?.granted, ['functional', 'analytics'])
  assert.deepEqual(record?.refused, ['marketing'])
  assert.equal(await v.page.getByRole('dialog').count(), 0, 'the earlier answer still stands for the rest')
  assert.deepEqual(await ran(v.page), ['gtag', 'analytics'])
  await v.page.waitForFunction(() => !document.cookie.includes('_fbp='))
  assert.ok(!(await cookieNames(v.page)).includes('_fbp'), 'the marketing cookie set before GPC is gone')
})

test('a material policy change to a granted category asks again; one to a refused category does not', async (t) => {
  const earlier = {
    deviceId: 'b'.repeat(32),
    decided: true,
    granted: ['analytics'],
    refused: ['functional', 'marketing'],
    policyVersion: '1',
    method: 'banner-custom',
    gpc: false,
    updatedAt: '2025-01-01T00:00:00.000Z',
  }
  const changed = await visit(t, browser, shop, '/?policy=2&reask=analytics', { consentCookie: earlier })
  if (!changed) return
  await changed.page.getByRole('dialog').waitFor()
  assert.deepEqual(await ran(changed.page), ['gtag'], 'stale consent no longer runs analytics')

  const unaffected = await visit(t, browser, shop, '/?policy=2&reask=remarketing', { consentCookie: earlier })
  if (!unaffected) return
  await unaffected.page.waitForFunction(() =>
    (window as unknown as { ran: string[] }).ran.includes('analytics'),
  )
  assert.equal(await unaffected.page.getByRole('dialog').count(), 0)
})

test('the banner is visible within 50 ms of the script starting (best of 3 loads), with no layout shift', async (t) => {
  const v = await visit(t, browser, shop, '/?mode=global')
  if (!v) return
  const timings: number[] = []
  for (let i = 0; i < 3; i++) {
    if (i > 0) await v.page.reload()
    await v.page.getByRole('dialog').waitFor()
    const measured: { ready: number; shift: number } = await v.page.evaluate(
      () =>
        new Promise<{ ready: number; shift: number }>((resolve) => {
          const [start] = performance.getEntriesByName('amana-start')
          // amana-ready is set after the dialog took focus, which forces its layout.
          const [end] = performance.getEntriesByName('amana-ready')
          let total = 0
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) total += (e as unknown as { value: number }).value
          }).observe({ type: 'layout-shift', buffered: true })
          requestAnimationFrame(() =>
            setTimeout(
              () => resolve({ ready: (end?.startTime ?? 1e9) - (start?.startTime ?? 0), shift: total }),
              50,
            ),
          )
        }),
    )
    timings.push(measured.ready)
    assert.equal(measured.shift, 0)
  }
  assert.ok(Math.min(...timings) <= 50, `ready after ${timings.join(', ')} ms`)
})

test('window.Amana.open() reopens the preferences showing the current choice', async (t) => {
  const v = await visit(t, browser, shop, '/')
  if (!v) return
  await v.page.getByRole('button', { name: 'Reject all' }).click()
  await v.page.evaluate(() => window.Amana?.open())
  await v.page.getByRole('dialog', { name: 'Privacy preferences' }).waitFor()
  assert.equal(await v.page.getByRole('switch', { name: 'Marketing' }).isChecked(), false)
  await v.page.getByRole('button', { name: 'Close' }).click()
  assert.equal(await v.page.getByRole('dialog').count(), 0)
})
