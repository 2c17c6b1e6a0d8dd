// docs/mobile.md's flows over HTTP: the app talks only to the shop's backend (its own session, never an
// API key); the backend uses @amana/sdk against a running Amana; a web view shows the app's choice.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { launchChromium, skipWithoutChromium } from '../../packages/amana/src/testing/browser.ts'
import { freePort } from '../../packages/amana/src/testing/free-port.ts'
import { createTestApp, createTestConfig, type TestApp } from '../../packages/amana/src/testing/test-app.ts'
import { type AmanaClient, createAmanaClient, webViewConsentCookie } from '../../packages/sdk/src/index.ts'

const skipBrowser = skipWithoutChromium()
const customer = { id: '42', email: 'layla@example.com', session: randomBytes(16).toString('hex') }

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  let body = ''
  for await (const chunk of req) body += chunk
  return body ? (JSON.parse(body) as Record<string, unknown>) : {}
}

/** The shop's backend, as docs/mobile.md sketches it: the app's session in, Amana through the SDK out. */
const shopBackend = (amana: AmanaClient, amanaUrl: string) => {
  const requestTokens = new Map<string, string>()
  return createServer(async (req, res) => {
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (req.headers.authorization !== `Session ${customer.session}`) return send(401, { error: 'sign in' })
    const subject = `account:${customer.id}`
    const url = new URL(req.url ?? '/', 'http://app')
    if (req.method === 'GET' && url.pathname === '/app/privacy') {
      const [email] = await amana.decideMany(subject, ['marketing'], { channel: 'email' })
      return send(200, { marketingEmails: email?.allow === true })
    }
    if (req.method === 'PUT' && url.pathname === '/app/privacy') {
      const body = await readJson(req)
      await amana.recordConsent({
        subject,
        method: 'account-settings',
        choices: [{ purpose: 'marketing', channel: 'email', granted: body.marketingEmails === true }],
        source: 'app',
      })
      return send(204, {})
    }
    if (req.method === 'POST' && url.pathname === '/app/requests') {
      const body = await readJson(req)
      const r = await amana.submitRequest({
        type: body.type as 'access',
        email: customer.email,
        locale: 'ar',
      })
      requestTokens.set(r.reference, r.token) // the token stays on the server
      return send(202, { reference: r.reference })
    }
    const status = url.pathname.match(/^\/app\/requests\/(DSR-[0-9A-Z-]+)$/)
    if (req.method === 'GET' && status?.[1]) {
      const token = requestTokens.get(status[1])
      if (!token) return send(404, {})
      const s = await amana.requestStatus(status[1], token)
      return send(200, { status: s.status, dueAt: s.dueAt })
    }
    if (req.method === 'GET' && url.pathname === '/app/web-view-cookie') {
      const { policyVersion } = await amana.bannerConfig()
      const tracking = url.searchParams.get('tracking') === 'on'
      return send(200, {
        cookie: webViewConsentCookie({
          policyVersion,
          deviceId: url.searchParams.get('device') ?? 'app-install',
          granted: tracking ? ['analytics'] : [],
          refused: tracking ? ['functional', 'marketing'] : ['functional', 'analytics', 'marketing'],
        }),
        amana: amanaUrl,
      })
    }
    return send(404, {})
  })
}

describe('a mobile app through the shop backend', () => {
  let t: TestApp
  let amanaUrl: string
  let backend: Server
  let app: (path: string, init?: RequestInit) => Promise<Response>
  let apiKey: string
  let siteOrigin: string
  before(async () => {
    const port = await freePort()
    amanaUrl = `http://127.0.0.1:${port}`
    // The shop site the app's web views load: one of its websites.
    siteOrigin = `http://127.0.0.1:${await freePort()}`
    t = await createTestApp({
      config: createTestConfig({ AMANA_PUBLIC_URL: amanaUrl, AMANA_ALLOWED_ORIGINS: siteOrigin }),
    })
    await t.app.listen({ port, host: '127.0.0.1' })
    const owner = await addMember(t, 'owner')
    const session = await signIn(t, owner.email, owner.password)
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: asStaff(session),
      payload: { name: 'shop backend', scopes: ['decisions:read', 'consent:write'] },
    })
    apiKey = created.json().key
    backend = shopBackend(createAmanaClient({ baseUrl: amanaUrl, apiKey, timeoutMs: 60_000 }), amanaUrl)
    const backendPort = await freePort()
    await new Promise<void>((resolve) => backend.listen(backendPort, '127.0.0.1', resolve))
    app = (path, init = {}) =>
      fetch(`http://127.0.0.1:${backendPort}${path}`, {
        ...init,
        headers: { authorization: `Session ${customer.session}`, 'content-type': 'application/json' },
      })
  })
  after(async () => {
    backend?.close()
    await t?.close()
  })

  test('in-app privacy settings: the switch the app shows is the decision Amana makes, and no key reaches the app', async () => {
    const seen: string[] = []
    const read = async () => {
      const res = await app('/app/privacy')
      const text = await res.text()
      seen.push(text)
      return JSON.parse(text) as { marketingEmails: boolean }
    }
    assert.deepEqual(await read(), { marketingEmails: false })
    assert.equal((await app('/app/privacy', { method: 'PUT', body: '{"marketingEmails":true}' })).status, 204)
    assert.deepEqual(await read(), { marketingEmails: true })
    assert.equal(
      (await app('/app/privacy', { method: 'PUT', body: '{"marketingEmails":false}' })).status,
      204,
    )
    assert.deepEqual(await read(), { marketingEmails: false })
    assert.ok(!seen.some((text) => text.includes(apiKey.slice(0, 12))))
    // The app calling Amana's API itself (no key) is refused.
    const direct = await fetch(`${amanaUrl}/v1/decisions?subject=account:42&purpose=marketing`)
    assert.equal(direct.status, 401)
  })

  test('a request from the app: submitted by the backend for the signed-in customer, followed by its status', async () => {
    const submitted = await app('/app/requests', { method: 'POST', body: '{"type":"access"}' })
    assert.equal(submitted.status, 202)
    const { reference } = (await submitted.json()) as { reference: string }
    const status = (await (await app(`/app/requests/${reference}`)).json()) as {
      status: string
      dueAt: string
    }
    assert.equal(status.status, 'verifying')
    assert.ok(Date.parse(status.dueAt) > Date.now())
  })

  test('a web view on the shop site shows the choice made in the app, and asks nothing', {
    skip: skipBrowser,
  }, async () => {
    const site = createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script src="${amanaUrl}/consent.js?lang=en"></script></head><body><h1>Cakes</h1></body></html>`),
    )
    await new Promise<void>((resolve) => site.listen(Number(new URL(siteOrigin).port), '127.0.0.1', resolve))
    let browser: Browser | undefined
    try {
      const { cookie } = (await (await app('/app/web-view-cookie?tracking=on&device=install-7')).json()) as {
        cookie: string
      }
      const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)]
      browser = await launchChromium()
      const context = await browser.newContext()
      // What the app does with WKHTTPCookieStore / CookieManager before loading the page.
      await context.addCookies([{ name, value, url: siteOrigin }])
      const page = await context.newPage()
      await page.goto(`${siteOrigin}/cakes`)
      await page.waitForFunction(() => performance.getEntriesByName('amana-ready').length > 0)
      const consent = await page.evaluate(() =>
        (window as unknown as { Amana: { getConsent(): unknown } }).Amana.getConsent(),
      )
      assert.deepEqual((consent as { granted: string[] }).granted, ['analytics'])
      assert.equal(
        await page.getByRole('button', { name: 'Accept all' }).count(),
        0,
        'the banner asked again',
      )
      await context.close()
    } finally {
      await browser?.close()
      site.close()
    }
  })
})
