import assert from 'node:assert/strict'
import { test } from 'node:test'
import { preferenceLinkMail } from '@amana/web'
import { publishPolicy } from '../policy/index.ts'
import { invitationMail } from '../staff/invitation-mail.ts'
import { addMember, signIn } from '../staff/testing.ts'
import { crawlSetup } from '../testing/crawl-setup.ts'
import { decodeMail, startMailFlow } from '../testing/mail-flow.ts'
import { createTestApp } from '../testing/test-app.ts'

// Every Arabic page a customer or the owner can open: a Latin or Western-digit run with anything
// between its parts (a name of two words, an email, a phone number, a date, a dotted id) inside
// Arabic text must be isolated, in <bdi>, <code> or an element with dir="ltr"/dir="auto" or
// lang="en", or between Unicode isolates (U+2068 … U+2069, as catalogue texts do): otherwise the bidi algorithm resolves the spaces and separators between its parts as
// Arabic and shows the parts in reverse ("+965 9909 5385" as "5385 9909 965+").
// Legitimately bare (allowed): one word of Latin letters alone ("CSV", "Google") or one number alone
// ("29"), which the algorithm keeps in its own order, and digits in Arabic-Indic form (٠–٩).
const ARABIC = /[\u0600-\u06FF]/
const LATIN_RUN = /\+?[A-Za-z0-9](?:[A-Za-z0-9@.+\-_/: ]*[A-Za-z0-9])?[-…]?/g
const SAFE_ALONE = /^(?:[A-Za-z]+|[0-9]+)$/
// Elements whose content is not laid out with its neighbours, or is isolated already.
const SKIP = new Set([
  'script',
  'style',
  'title',
  'bdi',
  'code',
  'pre',
  'svg',
  'textarea',
  'option',
  'select',
])
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'source', 'wbr', 'col', 'area', 'base'])
// Blocks: a run of text (the unit the bidi algorithm orders) ends at each of these.
const BLOCK = new Set([
  'p',
  'li',
  'td',
  'th',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'thead',
  'tbody',
  'caption',
  'form',
  'fieldset',
  'legend',
  'label',
  'button',
  'summary',
  'details',
  'figure',
  'figcaption',
  'blockquote',
  'body',
  'html',
  'a',
])

const decode = (text: string) =>
  text
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')

/**
 * The page's paragraphs as the bidi algorithm sees them, with isolated content cut out (replaced by
 * a neutral mark): the text between block boundaries, outside isolating elements.
 */
export const paragraphs = (page: string): string[] => {
  const out: string[] = []
  let current = ''
  const stack: { name: string; isolated: boolean }[] = []
  const isolated = () => stack.some((e) => e.isolated)
  const flush = () => {
    if (current.trim() !== '') out.push(current.replace(/\s+/g, ' ').trim())
    current = ''
  }
  for (const token of page.match(/<!--[\s\S]*?-->|<[^>]+>|[^<]+/g) ?? []) {
    if (token.startsWith('<!')) continue
    const tag = /^<(\/?)([a-zA-Z][\w-]*)([^>]*)>$/.exec(token)
    if (tag === null) {
      // Unicode isolates (FSI/LRI/RLI … PDI) isolate like <bdi>, in catalogue text and plain-text mail.
      if (!isolated()) current += decode(token).replace(/[\u2066-\u2068][^\u2069]*\u2069/g, ' ⟦⟧ ')
      else current += ' ⟦⟧ '
      continue
    }
    const [, closing, rawName = '', attributes = ''] = tag
    const name = rawName.toLowerCase()
    if (BLOCK.has(name)) flush()
    if (closing) {
      const at = stack.map((e) => e.name).lastIndexOf(name)
      if (at >= 0) stack.length = at
      continue
    }
    if (VOID.has(name) || attributes.trim().endsWith('/')) continue
    const ltr = /\bdir="(ltr|auto)"/.test(attributes) || /\blang="en"/.test(attributes)
    stack.push({ name, isolated: SKIP.has(name) || ltr })
  }
  flush()
  return out
}

/** Latin or Western-digit runs that share a paragraph with Arabic text. */
export const unisolatedRuns = (page: string): { run: string; paragraph: string }[] =>
  paragraphs(page)
    .filter((p) => ARABIC.test(p))
    .flatMap((paragraph) =>
      [...paragraph.matchAll(LATIN_RUN)]
        .map((m) => m[0])
        .filter((run) => !SAFE_ALONE.test(run))
        .map((run) => ({ run, paragraph })),
    )

test('the crawler sees an unisolated phone number and a Latin name, and passes them once isolated', () => {
  const bare =
    '<html dir="rtl"><body><p>اتصل بنا على +965 9909 5385 أو اكتب إلى Tasdeed Payments</p></body></html>'
  assert.deepEqual(
    unisolatedRuns(bare).map((r) => r.run),
    ['+965 9909 5385', 'Tasdeed Payments'],
  )
  const isolated =
    '<html dir="rtl"><body><p>اتصل بنا على <bdi>+965 9909 5385</bdi> أو اكتب إلى <span dir="ltr">Tasdeed Payments</span></p></body></html>'
  assert.deepEqual(unisolatedRuns(isolated), [])
  assert.deepEqual(unisolatedRuns('<p>مثل \u2068name@example.com\u2069.</p>'), [])
  // A cell of its own is its own paragraph: a bare number there is not mixed with Arabic.
  assert.deepEqual(unisolatedRuns('<table><tr><td>الطلبات</td><td>42</td></tr></table>'), [])
  // Arabic-Indic digits are Arabic text; one word or one number alone keeps its order.
  assert.deepEqual(unisolatedRuns('<p>خلال ٣٠ يومًا أو 30 يومًا بصيغة CSV</p>'), [])
  assert.deepEqual(
    unisolatedRuns('<p>مثل name@example.com أو 2026-11-07</p>').map((r) => r.run),
    ['name@example.com', '2026-11-07'],
  )
})

test('Arabic customer and console pages isolate every Latin name, email, phone number and Western number inside Arabic text', async () => {
  const t = await createTestApp()
  try {
    const { cookie, menu, requestId } = await crawlSetup(t)
    const pages = [
      '/privacy',
      '/privacy/requests',
      '/privacy/complaints',
      '/privacy/preferences',
      '/privacy/preferences/link',
      '/privacy/policy',
      '/privacy/policy/versions',
      ...menu,
      `/admin/requests/${requestId}`,
      '/admin/policy/1?doc=ar',
    ]
    const found: string[] = []
    for (const path of pages) {
      const url = `${path}${path.includes('?') ? '&' : '?'}lang=ar`
      const response = await t.app.inject({ url, headers: path.startsWith('/admin') ? { cookie } : {} })
      assert.equal(response.statusCode, 200, `${url}: ${response.statusCode}`)
      for (const { run, paragraph } of unisolatedRuns(response.body))
        found.push(`${path}: "${run}" in "${paragraph.slice(0, 140)}"`)
    }
    assert.deepEqual(found, [])
  } finally {
    await t.close()
  }
})

/** Lines of a plain-text mail that mix Arabic with an unisolated Latin or number run (Unicode isolates count). */
const unisolatedInText = (text: string): { run: string; paragraph: string }[] =>
  text.split('\n').flatMap((line) => unisolatedRuns(`<p>${line.replace(/</g, '&lt;')}</p>`))

test('Arabic mails (a complaint acknowledgement, a request code) isolate every Latin or number run inside Arabic text', async () => {
  const flow = await startMailFlow({ role: 'owner', now: () => new Date() })
  try {
    const complaint = await flow.t.app.inject({
      method: 'POST',
      url: '/privacy/complaints?lang=ar',
      payload:
        'locale=ar&email=maryam%40example.com&summary=%D9%84%D9%85+%D8%AA%D8%AD%D8%B0%D9%81%D9%88%D8%A7',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(complaint.statusCode, 201, complaint.body)
    const request = await flow.t.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'access', email: 'noor@example.com', country: 'KW', locale: 'ar' },
    })
    assert.equal(request.statusCode, 202, request.body)
    const found: string[] = []
    for (const to of ['maryam@example.com', 'noor@example.com']) {
      const mail = decodeMail(await flow.smtp.waitFor((m) => decodeMail(m).to.includes(to)))
      assert.match(mail.text, /[\u0600-\u06FF]/, `the mail to ${to} is in Arabic`)
      for (const { run, paragraph } of unisolatedInText(`${mail.subject}\n${mail.text}`))
        found.push(`mail to ${to}: "${run}" in "${paragraph.slice(0, 140)}"`)
    }
    // The complaint's confirmation page too.
    for (const { run, paragraph } of unisolatedRuns(complaint.body))
      found.push(`complaint page: "${run}" in "${paragraph.slice(0, 140)}"`)
    assert.deepEqual(found, [])
  } finally {
    await flow.close()
  }
})

test('the Arabic preference-link and staff invitation mails isolate their Latin and number runs', () => {
  const shop = 'مخبز RUMROM روم روم'
  const mails = {
    'preference link': preferenceLinkMail('ar', shop, 'https://shop.example/privacy/preferences?token=x'),
    invitation: invitationMail({
      locale: 'ar',
      shopName: shop,
      role: 'privacy-officer',
      setupUrl: 'https://amana.example/admin/setup?token=x',
      expiresAt: new Date('2026-12-10T09:00:00Z'),
    }),
  }
  const found = Object.entries(mails).flatMap(([name, mail]) =>
    unisolatedInText(`${mail.subject}\n${mail.text}`).map((r) => `${name}: "${r.run}" in "${r.paragraph}"`),
  )
  assert.deepEqual(found, [])
})
