/**
 * A customer of the test shop asks for a copy of their data in Chromium, reads the code from a real
 * SMTP inbox, downloads the package, and finds their orders, addresses and uploaded design in it.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import type { LoadedManifest } from '../../packages/amana/src/app/app-manifest.ts'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import { parseManifest } from '../../packages/amana/src/manifest/index.ts'
import { readZip } from '../../packages/amana/src/requests/index.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import { type SmtpInbox, startSmtpInbox } from '../../packages/amana/src/testing/smtp-inbox.ts'
import { createTestApp, createTestConfig, type TestApp } from '../../packages/amana/src/testing/test-app.ts'
import { createShopDatabase, type ShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { shopManifestYaml } from './shop-manifest.ts'

// The shop is on TEST_DATABASE_URL's server, or else an embedded PGlite served over the wire protocol.
const skip = skipWithoutChromium()

let browser: Browser
let inbox: SmtpInbox
let shop: ShopDatabase
let amana: TestApp
let base: string

before(async () => {
  if (skip) return
  inbox = await startSmtpInbox()
  shop = await createShopDatabase('postgres', process.env.TEST_DATABASE_URL, { customers: 5 })
  const files = await mkdtemp(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'designs-'))
  for (const row of shop.rows.cake_designs ?? []) {
    const path = join(files, String(row.image_path))
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, `png of design ${row.id}`)
  }
  const parsed = parseManifest(shopManifestYaml('postgres'), 'test-shop.yaml')
  if (!parsed.ok) throw new Error('the test shop manifest does not parse')
  const manifest: LoadedManifest = {
    path: 'test-shop.yaml',
    ...parsed.value,
    packs: packsFor(parsed.value.manifest.jurisdictions),
    findings: [],
  }
  amana = await createTestApp({
    config: createTestConfig({ AMANA_SMTP_URL: inbox.url, AMANA_MAIL_FROM: 'privacy@rumrom.example' }),
    manifest,
    env: { SHOP_DB_URL: shop.url, DESIGN_FILES_ROOT: files },
    worker: true,
  })
  base = await amana.app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchChromium()
})

after(async () => {
  if (skip) return
  await browser.close()
  await amana.close()
  await shop.drop()
  await inbox.close()
})

test('a customer gets a copy of their data: code by email, package with orders, addresses and design', {
  skip,
  timeout: 240_000,
}, async () => {
  const email = customerEmail(3) // odd-numbered customers uploaded a cake design
  const context = await browser.newContext({ acceptDownloads: true })
  const page = await context.newPage()
  // On PGlite the app and its worker share one single-threaded backend: on a loaded machine (two
  // suites at once on 2 cores) the request form's post twice took longer than Playwright's 30 s.
  page.setDefaultTimeout(90_000)
  await page.goto(`${base}/privacy/requests?lang=en`)
  assert.deepEqual(await axeViolations(page), [])
  await page.check('input[name="type"][value="access"]')
  await page.fill('#f-email', email)
  await page.click('button[type="submit"]')
  await page.waitForURL(/\/privacy\/requests\/[^/?]+\?token=/)

  const mail = await inbox.waitFor((raw) => raw.includes(email) && /\b\d{6}\b/.test(raw))
  const code = mail.match(/\b(\d{6})\b/)?.[1]
  assert.ok(code, 'the verification code arrived by email')
  await page.fill('#f-code', code)
  await page.click('form[action*="/verify"] button[type="submit"]')

  // The worker collects the data; the status page then offers the download.
  const downloadButton = page.locator('form[action*="/download"] button[type="submit"]')
  const deadline = Date.now() + 180_000
  while ((await downloadButton.count()) === 0) {
    if (Date.now() > deadline)
      throw new Error(`no download offered; page says: ${(await page.textContent('main'))?.slice(0, 300)}`)
    await new Promise((r) => setTimeout(r, 1000))
    await page.reload()
  }
  const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()])
  const zip = readZip(
    Buffer.from(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c))),
  )
  const names = [...zip.keys()]
  assert.ok(
    names.some((n) => /orders\.csv$/.test(n)),
    `orders in the package: ${names.join(', ')}`,
  )
  assert.ok(
    names.some((n) => /addresses\.csv$/.test(n)),
    'addresses in the package',
  )
  assert.ok(
    names.some((n) => /rose-tower\.png$/.test(n)),
    `the uploaded design in the package: ${names.join(', ')}`,
  )
  const data = [...zip.entries()].find(([n]) => n.endsWith('.json'))
  assert.ok(data, 'a machine-readable JSON file')
  assert.ok(
    zip
      .get(names.find((n) => /orders\.csv$/.test(n))!)!
      .toString('utf8')
      .includes('total'),
    'order amounts are there',
  )
  assert.ok(
    !names.some((n) => n.includes('customer-1/') || n.includes('customer-5/')),
    'no other customer’s design',
  )
  // The code mail never carried the data itself.
  assert.ok(
    !inbox.received.some((raw) => /Content-Disposition: attachment/i.test(raw)),
    'nothing attached to any email',
  )
  await context.close()
})
