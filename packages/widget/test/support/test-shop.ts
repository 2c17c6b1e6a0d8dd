// A tiny shop served by node:http on 127.0.0.1, standing in for the Amana server: it serves the built widget,
// a config, pages with blocked scripts, and records every consent POST. Browser flows run in real Chromium.
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestContext } from 'node:test'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { buildWidget } from '../../src/build-widget.ts'
import type { AmanaConsentConfig, ConsentRecordPayload } from '../../src/config-types.ts'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

const cookie = (
  name: string,
  provider: string,
  party: 'first' | 'third',
  duration: string,
  purpose: string,
) => ({
  name,
  provider,
  party,
  duration,
  purpose,
})

export interface ShopOptions {
  lang: 'en' | 'ar'
  jurisdiction: 'opt-in' | 'opt-out'
  policyVersion: string
  reaskPurposes: string[] | undefined
  gpcHeader: boolean
}

export const shopConfig = (o: ShopOptions): AmanaConsentConfig => {
  const ar = o.lang === 'ar'
  return {
    policyVersion: o.policyVersion,
    locale: o.lang,
    dir: ar ? 'rtl' : 'ltr',
    texts: ar ? {} : { title: 'Cookies at Rumrom Bakery' },
    policyUrl: '/privacy',
    categories: [
      {
        id: 'necessary',
        required: true,
        title: ar ? 'ضرورية' : 'Necessary',
        description: ar ? 'لازمة لسلة التسوق وتسجيل الدخول.' : 'Needed for the basket and signing in.',
        cookies: [
          cookie(
            'session',
            'Rumrom Bakery',
            'first',
            ar ? 'الجلسة' : 'Session',
            ar ? 'سلة التسوق' : 'Basket',
          ),
        ],
      },
      {
        id: 'functional',
        required: false,
        title: ar ? 'وظيفية' : 'Functional',
        description: ar ? 'تتذكر لغتك وعنوان التوصيل.' : 'Remembers your language and delivery address.',
        cookies: [],
      },
      {
        id: 'analytics',
        required: false,
        title: ar ? 'إحصائية' : 'Analytics',
        description: ar
          ? 'تساعدنا على فهم كيفية استخدام المتجر.'
          : 'Helps us understand how the shop is used.',
        cookies: [
          cookie(
            '_ga',
            'Google',
            'first',
            ar ? 'سنتان' : '2 years',
            ar ? 'تمييز الزوار' : 'Distinguishes visitors',
          ),
          cookie('_ga_*', 'Google', 'first', ar ? 'سنتان' : '2 years', ar ? 'حالة الجلسة' : 'Session state'),
        ],
      },
      {
        id: 'marketing',
        required: false,
        title: ar ? 'تسويقية' : 'Marketing',
        description: ar ? 'إعلانات مخصصة على مواقع أخرى.' : 'Personalised adverts on other sites.',
        cookies: [
          cookie(
            '_fbp',
            'Meta',
            'first',
            ar ? '3 أشهر' : '3 months',
            ar ? 'قياس الإعلانات' : 'Ad measurement',
          ),
          cookie(
            '_gcl_au',
            'Google',
            'first',
            ar ? '3 أشهر' : '3 months',
            ar ? 'تحويلات الإعلانات' : 'Ad conversions',
          ),
        ],
      },
    ],
    purposes: [{ id: 'remarketing', title: 'Remarketing', category: 'marketing' }],
    ...(o.reaskPurposes ? { reaskPurposes: o.reaskPurposes } : {}),
    gpc: { honoured: true, requestSignal: o.gpcHeader },
    consentModeDefaults: o.jurisdiction === 'opt-out' ? { analytics_storage: 'granted' } : {},
    recordEndpoint: '/v1/consent',
    jurisdictionDefault: o.jurisdiction,
  }
}

const escapeJson = (v: unknown) => JSON.stringify(v).replaceAll('<', '\\u003c')

/** `mode`: how the page hands the config to the widget. */
const page = (config: AmanaConsentConfig, mode: 'json' | 'global' | 'fetch', lang: string) => `<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rumrom Bakery</title>
${mode === 'json' ? `<script type="application/json" id="amana-config">${escapeJson(config)}</script>` : ''}
${mode === 'global' ? `<script>window.amanaConfig = ${escapeJson(config)}</script>` : ''}
<script>window.ran = []</script>
<script src="/consent.js" ${mode === 'fetch' ? `data-amana-config="/v1/consent/config" data-lang="${lang}"` : ''}></script>
<script>
  window.dataLayer = window.dataLayer || []
  function gtag() { dataLayer.push(arguments) }
  gtag('js', new Date())
  gtag('config', 'G-TEST')
  window.ran.push('gtag')
</script>
<script type="text/plain" data-amana-category="analytics">
  window.ran.push('analytics'); document.cookie = '_ga=GA1.1.1; path=/'; document.cookie = '_ga_X1=GS1; path=/'
</script>
<script type="text/plain" data-amana-category="marketing">
  window.ran.push('marketing-inline'); document.cookie = '_fbp=fb.1.1; path=/'
</script>
<script type="text/plain" data-amana-category="marketing" src="/marketing.js"></script>
<script type="text/plain" data-amana-category="marketing">window.ran.push('after-external')</script>
</head>
<body>
<main>
<h1>${lang === 'ar' ? 'مخبز رمرم' : 'Rumrom Bakery'}</h1>
<p>${lang === 'ar' ? 'خبز طازج كل صباح.' : 'Fresh bread every morning.'}</p>
<button type="button" id="settings" data-amana-open>${lang === 'ar' ? 'ملفات تعريف الارتباط' : 'Cookie settings'}</button>
</main>
</body>
</html>`

export interface Shop {
  origin: string
  records: ConsentRecordPayload[]
  requests: string[]
  close: () => Promise<void>
}

let widget: Promise<string> | undefined

export const startShop = async (): Promise<Shop> => {
  widget ??= buildWidget()
  const js = await widget
  const records: ConsentRecordPayload[] = []
  const requests: string[] = []
  const body = async (req: IncomingMessage) => {
    let text = ''
    for await (const chunk of req) text += chunk
    return text
  }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://shop')
    requests.push(url.pathname)
    const q = url.searchParams
    const options: ShopOptions = {
      lang: q.get('lang') === 'ar' ? 'ar' : 'en',
      jurisdiction: q.get('jurisdiction') === 'opt-out' ? 'opt-out' : 'opt-in',
      policyVersion: q.get('policy') ?? '1',
      reaskPurposes: q.has('reask') ? (q.get('reask') ?? '').split(',').filter(Boolean) : undefined,
      // GPC rule: only the exact value "1" counts.
      gpcHeader: req.headers['sec-gpc'] === '1',
    }
    if (url.pathname === '/consent.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(js)
    } else if (url.pathname === '/marketing.js') {
      // Slow on purpose: the inline script after it must still wait for it.
      await new Promise((r) => setTimeout(r, 100))
      res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end("window.ran.push('marketing-external'); document.cookie = '_gcl_au=1.1; path=/'")
    } else if (url.pathname === '/v1/consent/config') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(shopConfig(options)))
    } else if (url.pathname === '/v1/consent' && req.method === 'POST') {
      records.push(JSON.parse(await body(req)) as ConsentRecordPayload)
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}')
    } else if (url.pathname === '/') {
      const mode = q.get('mode') === 'fetch' ? 'fetch' : q.get('mode') === 'global' ? 'global' : 'json'
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(page(shopConfig(options), mode, options.lang))
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    records,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })

export interface Visit {
  page: Page
  shop: Shop
}

/** Opens a fresh browser context (no cookies) on the shop; skips the test when Chromium is missing. */
export const visit = async (
  t: TestContext,
  browser: Browser | undefined,
  shop: Shop | undefined,
  path: string,
  options: BrowserContextOptions & {
    gpc?: boolean
    consentCookie?: object
    cookies?: { name: string; value: string }[]
  } = {},
): Promise<Visit | undefined> => {
  if (!browser || !shop) {
    t.skip('chromium not installed')
    return undefined
  }
  const { gpc, consentCookie, cookies = [], ...contextOptions } = options
  const context = await browser.newContext(contextOptions)
  t.after(() => context.close())
  if (gpc) {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        get: () => true,
        configurable: true,
      })
    })
  }
  const preset = consentCookie
    ? [...cookies, { name: 'amana_consent', value: encodeURIComponent(JSON.stringify(consentCookie)) }]
    : cookies
  if (preset.length) await context.addCookies(preset.map((c) => ({ ...c, url: shop.origin })))
  const page = await context.newPage()
  await page.goto(shop.origin + path)
  return { page, shop }
}

export const waitFor = async (check: () => boolean, what: string, timeoutMs = 3000): Promise<void> => {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** dataLayer entries as plain arrays (gtag pushes Arguments objects). */
export const dataLayer = (page: Page): Promise<unknown[][]> =>
  page.evaluate(() => (window.dataLayer ?? []).map((e) => Array.from(e as ArrayLike<unknown>)))

export const ran = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { ran: string[] }).ran)

export const cookieNames = async (page: Page): Promise<string[]> =>
  (await page.context().cookies()).map((c) => c.name)
