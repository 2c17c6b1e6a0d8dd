/**
 * The console's dry-run page and request page in Chromium, on an erasure that really ran through
 * the worker (no row written by hand): the shop's part crashed once right after its commit and was
 * recovered by the job engine's retry. axe-core (WCAG A/AA) on both pages in English and Arabic; the
 * Arabic request page says the recovery and what each hold counts from in Arabic.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { LoadedManifest } from '../../packages/amana/src/app/app-manifest.ts'
import type { Connector, DatasetPlan } from '../../packages/amana/src/connectors/index.ts'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import { parseManifest } from '../../packages/amana/src/manifest/index.ts'
import { addMember, signIn } from '../../packages/amana/src/staff/testing.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import { startSmtpInbox } from '../../packages/amana/src/testing/smtp-inbox.ts'
import { createTestApp, createTestConfig } from '../../packages/amana/src/testing/test-app.ts'
import { createShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { shopManifestYaml } from '../requests/shop-manifest.ts'

const loadedManifest = (): LoadedManifest => {
  const parsed = parseManifest(shopManifestYaml('postgres', { processors: false }), 'test-shop.yaml')
  if (!parsed.ok) throw new Error('the test shop manifest does not parse')
  return {
    path: 'test-shop.yaml',
    ...parsed.value,
    packs: packsFor(parsed.value.manifest.jurisdictions),
    findings: [],
  }
}

const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

test('the dry run and request pages of an erasure that ran (and recovered from a crash) pass axe in English and Arabic; the Arabic page says the recovery in Arabic', {
  skip: skipWithoutChromium(),
  timeout: 300_000,
}, async (t) => {
  const inbox = await startSmtpInbox()
  t.after(() => inbox.close())
  const shop = await createShopDatabase('postgres', process.env.TEST_DATABASE_URL, { customers: 6 })
  t.after(() => shop.drop())
  const amana = await createTestApp({
    config: createTestConfig({ AMANA_SMTP_URL: inbox.url, AMANA_MAIL_FROM: 'privacy@rumrom.example' }),
    manifest: loadedManifest(),
    env: { SHOP_DB_URL: shop.url, DESIGN_FILES_ROOT: '/nonexistent-designs' },
    worker: true,
  })
  t.after(() => amana.close())
  const { services } = amana
  const requests = services.requests

  // The shop's erasure commits, then the worker's attempt dies before recording it (once).
  const plan = (requests.deps.plan as { ok: true; plan: DatasetPlan }).plan
  const connectors = requests.connectors(plan).connectors as Map<string, Connector>
  const real = connectors.get('shop_db') as Connector
  let crashed = false
  connectors.set('shop_db', {
    ...real,
    async erase(subject, options) {
      const outcome = await real.erase(subject, options)
      if (crashed || options.dryRun) return outcome
      crashed = true
      throw new Error('simulated crash after the commit')
    },
  })

  const email = customerEmail(3)
  const submitted = await requests.submit(
    { type: 'erasure', email, channel: 'email', requester: 'self', locale: 'en' },
    { ip: '203.0.113.7' },
  )
  assert.ok(submitted.ok)
  const mail = await inbox.waitFor((raw) => raw.includes(submitted.reference) && /\b\d{6}\b/.test(raw))
  const code = new RegExp(`${submitted.reference}: (\\d{6})`).exec(mail)?.[1]
  assert.ok(code, 'the code arrived by email')
  const verified = await requests.verifyCode(submitted.reference, submitted.token, code)
  assert.ok(verified.ok, JSON.stringify(verified))
  const row = await requests.store.byReference(submitted.reference)
  assert.ok(row)
  const owner = await addMember(amana, 'owner')
  assert.ok(await requests.approve(row.id, { type: 'staff', id: owner.id }))
  await until('the erasure to complete after its recovery', async () => {
    const now = await requests.store.byId(row.id)
    return now?.status === 'completed' ? now : undefined
  })
  assert.ok(crashed, 'the first attempt crashed after its commit')
  const [record] = (await requests.store.systemRecords(row.id)).filter((r) => r.system === 'shop_db')
  assert.ok(record?.recovered_at, 'the shop’s part was recovered, not done again')

  const base = await amana.app.listen({ port: 0, host: '127.0.0.1' })
  const session = (await signIn(amana, owner.email, owner.password)).sessionId
  const browser = await launchChromium()
  t.after(() => browser.close())
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.addCookies([{ name: 'amana_session', value: session, url: base }])
  const page = await context.newPage()
  const failures: string[] = []
  for (const lang of ['en', 'ar'] as const)
    for (const path of [
      `/admin/requests/${row.id}/dry-run?lang=${lang}`,
      `/admin/requests/${row.id}?lang=${lang}`,
    ]) {
      const response = await page.goto(`${base}${path}`)
      assert.equal(response?.status(), 200, path)
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr', path)
      assert.equal(await page.getAttribute('html', 'lang'), lang, path)
      for (const v of await axeViolations(page)) failures.push(`${path}: ${JSON.stringify(v)}`)
      const text = await page.locator('main').innerText()
      assert.equal(text.includes(email), false, `${path}: no value of the customer is shown`)
    }
  assert.deepEqual(failures, [])

  await page.goto(`${base}/admin/requests/${row.id}/dry-run?lang=ar`)
  assert.match(await page.locator('h1').innerText(), new RegExp(submitted.reference))
  await page.goto(`${base}/admin/requests/${row.id}?lang=ar`)
  const systems = await page.locator('section[aria-labelledby="h-systems"]').innerText()
  assert.match(systems, /سُجّل بعد انقطاع مفاجئ: هذه تغييرات المحاولة التي انقطعت/, 'the recovery, in Arabic')
  assert.match(systems, /تُحتسب المدة من/, 'what a hold counts from, in Arabic')
  assert.doesNotMatch(systems, /recovered after a crash|the erasure date|recorded by the shop/i)
  const history = await page.locator('section[aria-labelledby="h-history"]').innerText()
  assert.match(history, /سُجّلت تغييرات أحد الأنظمة بعد انقطاع مفاجئ/, 'the history says it in Arabic')
  await page.goto(`${base}/admin/requests/${row.id}?lang=en`)
  assert.match(
    await page.locator('section[aria-labelledby="h-systems"]').innerText(),
    /Recorded after a crash: these are the changes of the interrupted attempt\./,
  )
})
