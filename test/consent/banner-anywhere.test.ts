// The banner on the shop's own pages, served from other origins than Amana's (issue 20).
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import type { LedgerRecord } from '../../packages/amana/src/consent/domain/consent-record.ts'
import { listRecords } from '../../packages/amana/src/consent/store.ts'
import { launchChromium, skipWithoutChromium } from '../../packages/amana/src/testing/browser.ts'
import {
  type ConsentTestApp,
  createConsentTestApp,
  demoManifest,
} from '../../packages/amana/src/testing/consent-test-app.ts'
import { freePort } from '../../packages/amana/src/testing/free-port.ts'
import { createTestConfig } from '../../packages/amana/src/testing/test-app.ts'

const skip = skipWithoutChromium()

/** A shop page on its own origin, loading the banner from Amana with the snippet docs/widget.md gives. */
const shopPage = (
  amana: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script src="${amana}/consent.js?lang=en"></script></head>
<body><main><h1>Cakes</h1><a href="#" data-amana-open>Cookie settings</a></main></body></html>`

const listen = async (
  html: string,
  headers: Record<string, string> = {},
): Promise<{ server: Server; origin: string }> => {
  const port = await freePort()
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${port}` }
}

describe('the banner on a second origin', () => {
  let t: ConsentTestApp
  let browser: Browser
  let amana: string
  let configured: { server: Server; origin: string }
  let unconfigured: { server: Server; origin: string }
  before(async () => {
    if (skip) return
    const port = await freePort()
    amana = `http://127.0.0.1:${port}`
    // The CSP docs/widget.md gives: no 'unsafe-inline' anywhere.
    configured = await listen(shopPage(amana), {
      'content-security-policy': `default-src 'self'; script-src 'self' ${amana}; connect-src 'self' ${amana}; style-src 'self'`,
    })
    unconfigured = await listen(shopPage(amana))
    t = await createConsentTestApp({
      config: createTestConfig({ AMANA_PUBLIC_URL: amana }),
      manifest: await demoManifest((m) => ({ ...m, websites: [configured.origin] })),
    })
    await t.app.listen({ port, host: '127.0.0.1' })
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
    await t?.close()
    configured?.server.close()
    unconfigured?.server.close()
  })

  const waitForRecord = async (predicate: (r: LedgerRecord) => boolean): Promise<LedgerRecord> => {
    const deadline = Date.now() + 10_000
    for (;;) {
      const found = (await listRecords(t.database.db, { limit: 1000 })).find(predicate)
      if (found) return found
      assert.ok(Date.now() < deadline, 'no matching consent record within 10 s')
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  test('a page on a configured origin shows the banner from one request and records a choice', {
    skip,
  }, async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const toAmana: string[] = []
    page.on('request', (r) => {
      if (r.url().startsWith(amana)) toAmana.push(`${r.method()} ${new URL(r.url()).pathname}`)
    })
    const cspViolations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text())
    })
    await page.goto(`${configured.origin}/cakes`)
    // Styled under the strict CSP: the dialog is fixed-position, not in the page's flow.
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    assert.equal(await dialog.evaluate((d) => getComputedStyle(d).position), 'fixed')
    await page.getByRole('button', { name: 'Accept all' }).click()
    const record = await waitForRecord((r) => r.method === 'banner-accept-all')
    assert.equal(record.source, `${configured.origin}/cakes`)
    assert.deepEqual(cspViolations, [])
    assert.ok(record.items.some((i) => i.id === 'marketing' && i.granted))
    // The banner drew from the script alone: no request for its configuration.
    assert.deepEqual(
      toAmana.filter((r) => r !== 'OPTIONS /v1/consent'),
      ['GET /consent.js', 'POST /v1/consent'],
    )
    await context.close()
  })

  test('a page on an origin that is not configured gets no banner and a console message saying why', {
    skip,
  }, async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(`${unconfigured.origin}/cakes`)
    await page.waitForFunction(() => performance.getEntriesByName('amana-start').length > 0)
    const message = errors.find((e) => e.startsWith('Amana consent banner:'))
    assert.equal(
      message,
      `Amana consent banner: not shown: ${unconfigured.origin} is not one of this shop's websites. Add it to "websites:" in amana.yaml (or AMANA_ALLOWED_ORIGINS) and restart Amana.`,
    )
    assert.equal(await page.getByRole('button', { name: 'Accept all' }).count(), 0)
    // And the server refuses its records: no CORS grant for that origin.
    const posted = await page.evaluate(
      (url) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
          () => 'sent',
          () => 'refused',
        ),
      `${amana}/v1/consent`,
    )
    assert.equal(posted, 'refused')
    await context.close()
  })
})
