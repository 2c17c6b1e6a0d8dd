import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { preferenceLinkMail, requestMessageKeys } from '@amana/web'
import { demoShopSourceOf, startDemoShop } from '../demo/index.ts'
import { packsFor } from '../jurisdictions/index.ts'
import { demoManifestPath } from '../platform/config/index.ts'
import { sweepRequests } from '../requests/index.ts'
import { capabilitiesOf } from '../staff/index.ts'
import { invitationMail } from '../staff/invitation-mail.ts'
import { addMember, asStaff, staffAccessFor } from '../staff/testing.ts'
import { crawlSetup } from '../testing/crawl-setup.ts'
import { decodeMail, startMailFlow } from '../testing/mail-flow.ts'
import { mailHeader, mailText } from '../testing/smtp-inbox.ts'
import { createTestApp, loadDemoManifest } from '../testing/test-app.ts'

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

/** A raw message's parts as the reader's client shows them: each text/plain and text/html body, decoded. */
const mailParts = (raw: string): { type: string; body: string }[] => {
  const type = mailHeader(raw, 'Content-Type') ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (!/^multipart\//i.test(type) || !boundary)
    return [{ type: type.split(';')[0] ?? '', body: mailText(raw) }]
  const [, ...rest] = raw.split(/\r\n\r\n/)
  return rest
    .join('\r\n\r\n')
    .split(`--${boundary}`)
    .slice(1, -1)
    .flatMap((part) => mailParts(part.replace(/^\r\n/, '')))
}

/**
 * Every place a mail leaves Amana (a call of the outbox's enqueue) and the mails the crawl below
 * renders from it. A new sender fails the check until its mails are crawled here. The reminders to
 * staff go to a member who reads Arabic.
 */
const MAIL_SENDERS: Record<string, readonly string[]> = {
  'requests/service/notify.ts': [
    'requests mail.code',
    'requests mail.received',
    'requests mail.review',
    'requests mail.extended',
    'requests mail.denied',
    'requests mail.completed',
    'requests mail.completed-held',
    'requests mail.ready',
  ],
  'requests/sweep.ts': ['request deadline reminder'],
  'incidents/incidents-service.ts': ['incident notice'],
  'incidents/reminders.ts': ['incident team reminder'],
  'complaints/complaints-service.ts': ['complaint acknowledgement'],
  'retention/notices.ts': ['inactivity notice'],
  'staff/invitation-mail.ts': ['staff invitation'],
  'app/preference-link.ts': ['preference link'],
  'consent/routes/shop-mail-routes.ts': ['parent consent'],
  'consent/marketing-mail.ts': ['marketing mail (the unsubscribe link Amana adds)'],
}

const sourceRoot = join(import.meta.dirname, '..')
const sendersInSource = async (): Promise<string[]> =>
  (await readdir(sourceRoot, { recursive: true }))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('testing/'))
    .filter((f) => !f.startsWith('platform/mail/'))
    .sort()
    .filter((f) => /\.enqueue\(/.test(readFileSync(join(sourceRoot, f), 'utf8')))

test('the mail crawl covers every place Amana sends mail from, and every request mail in the catalogue', async () => {
  assert.deepEqual(await sendersInSource(), Object.keys(MAIL_SENDERS).sort())
  const bodies = requestMessageKeys
    .filter((k) => /^mail\.[\w-]+\.body$/.test(k))
    .map((k) => `requests ${k.slice(0, -5)}`)
  assert.deepEqual(bodies.sort(), [...(MAIL_SENDERS['requests/service/notify.ts'] ?? [])].sort())
})

test('every mail Amana sends a customer or a new staff member, in Arabic as the SMTP server received it (every text and HTML part), isolates its Latin and number runs', async () => {
  const clock = { now: new Date('2026-05-10T20:00:00Z') }
  const dir = await mkdtemp(join(tmpdir(), 'amana-bidi-mail-'))
  const loaded = await loadDemoManifest()
  const manifest = structuredClone(loaded.manifest)
  // RUMROM serves the EU too (whose law lets staff extend a request), and, had it promised to erase accounts unused for two years and to tell people 30 days before.
  manifest.jurisdictions = ['kw', 'eu-gdpr']
  // The law behind each legal hold, named in Latin letters as a shop would write it.
  for (const category of Object.values(manifest.categories))
    if (category.retention?.legalHold) category.retention.legalHold.law = 'Kuwait Law No. 2 of 2014, art. 19'
  for (const id of ['identity', 'contact']) {
    const category = manifest.categories[id]
    if (category)
      category.retention = {
        keep: 'P2Y',
        after: 'last-activity',
        action: 'delete',
        notice: { before: 'P30D' },
      }
  }
  const shop = await startDemoShop({ dir, source: demoShopSourceOf(demoManifestPath) as string, manifest })
  const flow = await startMailFlow({
    role: 'owner',
    manifest: { ...loaded, manifest, packs: packsFor(manifest.jurisdictions) },
    env: shop.env,
    now: () => new Date(clock.now),
  })
  const { t } = flow
  const mails = new Map<string, string>()
  const taken = new Set<string>()
  /** The next mail to `to` that `match` accepts, recorded as `name`. */
  const take = async (name: string, to: string, match: (m: { subject: string; text: string }) => boolean) => {
    const raw = await flow.smtp
      .waitFor(
        (m) => !taken.has(m) && decodeMail(m).to.toLowerCase().includes(to) && match(decodeMail(m)),
        20_000,
      )
      .catch((error: Error) => {
        const seen = flow.smtp.received.map((m) => `${decodeMail(m).to}: ${decodeMail(m).subject}`)
        throw new Error(`${name}: ${error.message}; received ${JSON.stringify(seen)}`)
      })
    taken.add(raw)
    mails.set(name, raw)
    return decodeMail(raw)
  }
  const staff = asStaff(flow.staff)
  const form = (payload: Record<string, string>) => ({
    headers: { ...staff, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(payload).toString(),
  })
  try {
    // The privacy contact is a staff member who reads Arabic: deadline and incident reminders come in Arabic.
    const contact = manifest.organisation.privacyContact?.email ?? manifest.organisation.contacts.email
    assert.ok(contact)
    await addMember(t, 'privacy-officer', contact, 'ar')
    // An incident: everyone in the window is told, Yousef and Noura in Arabic; the team is reminded of the clock.
    const opened = await t.app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: staff,
      payload: {
        discoveredAt: '2026-05-10T08:00:00Z',
        summary: 'Leaked token',
        systems: ['shop_db'],
        team: [contact],
      },
    })
    assert.equal(opened.statusCode, 201, opened.body)
    const incident = opened.json().id as string
    const scoped = await t.app.inject({
      method: 'POST',
      url: `/v1/incidents/${incident}/scope`,
      headers: staff,
      payload: {
        tables: [{ system: 'shop_db', table: 'orders', timeColumn: 'ordered_at' }],
        from: '2026-04-01T00:00:00Z',
        to: '2026-05-10T00:00:00Z',
      },
    })
    assert.equal(scoped.statusCode, 200, scoped.body)
    const noticed = await t.app.inject({
      method: 'POST',
      url: `/v1/incidents/${incident}/notices`,
      headers: staff,
      payload: {
        whatHappened: { en: 'A token leaked.', ar: 'تسرب رمز إداري وصُدّرت سجلات الطلبات.' },
        whatWeAreDoing: { en: 'We revoked it.', ar: 'ألغينا الرمز ونعمل مع خبراء خارجيين.' },
      },
    })
    assert.equal(noticed.statusCode, 200, noticed.body)
    await take('incident notice', 'yousef.almutairi@example.com', (m) => /حادثة/.test(m.subject))
    // 20:00 is 12 h after discovery: half of Kuwait's 24 h clock has passed, the team's reminder is due.
    await take('incident team reminder', contact, (m) => /بقي/.test(m.subject))

    // Requests, each in Arabic, as the privacy centre files them; the code comes by mail.
    const file = async (type: string, email: string, country = 'KW') => {
      const filed = await t.app.inject({
        method: 'POST',
        url: '/v1/requests',
        payload: { type, email, country, locale: 'ar' },
      })
      assert.equal(filed.statusCode, 202, filed.body)
      const { reference, token } = filed.json() as { reference: string; token: string }
      const code = await take(`requests mail.code ${reference}`, email, (m) => m.subject.includes(reference))
      const verified = await t.app.inject({
        method: 'POST',
        url: `/v1/requests/${reference}/verify`,
        payload: { token, code: /\d{6}/.exec(code.subject)?.[0] ?? '' },
      })
      assert.equal(verified.json().verified, true, verified.body)
      const row = await t.services.requests.store.byReference(reference)
      assert.ok(row)
      return { reference, id: row.id }
    }
    /** Until the worker has carried the request out; staff do the tasks it leaves them (the shop's manual systems). */
    const settled = async (reference: string) => {
      for (let i = 0; i < 300; i++) {
        const row = await t.services.requests.store.byReference(reference)
        if (row && ['completed', 'denied', 'failed'].includes(row.status)) return row.status
        const tasks = row
          ? await t.database.db
              .selectFrom('dsr_task')
              .select('id')
              .where('request_id', '=', row.id)
              .where('state', '=', 'open')
              .execute()
          : []
        for (const task of tasks) {
          const done = await t.app.inject({
            method: 'POST',
            url: `/admin/requests/${row?.id}/tasks/${task.id}?lang=ar`,
            ...form({ evidence: 'صدّرنا السجلات من النظام.' }),
          })
          assert.equal(done.statusCode, 303, done.body)
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      const row = await t.services.requests.store.byReference(reference)
      return `${row?.status}: ${row?.last_error}`
    }
    const about = (reference: string, words: RegExp) => (m: { subject: string; text: string }) =>
      m.subject.includes(reference) && words.test(m.subject)
    // Access: the package is ready.
    const access = await file('access', 'yousef.almutairi@example.com')
    mails.set('requests mail.code', mails.get(`requests mail.code ${access.reference}`) as string)
    await take('requests mail.received', 'yousef.almutairi@example.com', about(access.reference, /استلمنا/))
    assert.equal(await settled(access.reference), 'completed')
    await take('requests mail.ready', 'yousef.almutairi@example.com', about(access.reference, /اكتمل/))
    // Erasure with orders the law makes the shop keep: completed, telling what was kept.
    const erasure = await file('erasure', 'noura.k@example.com')
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: `/admin/requests/${erasure.id}/approve?lang=ar`,
          ...form({}),
        })
      ).statusCode,
      303,
    )
    assert.equal(await settled(erasure.reference), 'completed')
    const held = await take(
      'requests mail.completed-held',
      'noura.k@example.com',
      about(erasure.reference, /اكتمل/),
    )
    assert.match(held.text, /Kuwait Law No\. 2 of 2014/, 'the mail names the law that keeps the orders')
    // An objection: carried out, nothing kept.
    const objection = await file('objection', 'layla.ahmad@example.com')
    assert.equal(await settled(objection.reference), 'completed')
    await take('requests mail.completed', 'layla.ahmad@example.com', about(objection.reference, /اكتمل/))
    // Declined, and extended, by staff.
    const declined = await file('erasure', 'maryam@example.com')
    const deny = await t.app.inject({
      method: 'POST',
      url: `/admin/requests/${declined.id}/deny?lang=ar`,
      ...form({ reason: 'لم نتمكن من التحقق من صلتك بالحساب.' }),
    })
    assert.equal(deny.statusCode, 303, deny.body)
    await take('requests mail.denied', 'maryam@example.com', about(declined.reference, /رُفض/))
    const extended = await file('erasure', 'sara@example.com', 'DE')
    const extend = await t.app.inject({
      method: 'POST',
      url: `/admin/requests/${extended.id}/extend?lang=ar`,
      ...form({ reason: 'الطلب معقد ويشمل عدة أنظمة.' }),
    })
    assert.equal(extend.statusCode, 303, extend.body)
    await take('requests mail.extended', 'sara@example.com', about(extended.reference, /مهلة/))
    // An agent's request: staff check the proof first.
    const agent = await t.services.requests.submit(
      {
        type: 'access',
        email: 'huda@example.com',
        channel: 'email',
        requester: 'agent',
        agentName: 'مكتب المحاماة',
        locale: 'ar',
        proof: { name: 'proof.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4') },
      },
      { ip: '203.0.113.7' },
    )
    assert.ok(agent.ok, JSON.stringify(agent))
    const agentCode = await take('requests mail.code (agent)', 'huda@example.com', (m) =>
      m.subject.includes(agent.reference),
    )
    const agentVerified = await t.services.requests.verifyCode(
      agent.reference,
      agent.token,
      /\d{6}/.exec(agentCode.subject)?.[0] ?? '',
    )
    assert.ok(agentVerified.ok)
    await take('requests mail.review', 'huda@example.com', about(agent.reference, /قيد التحقق/))
    // Five days before its deadline, the privacy contact is reminded of the request staff must review.
    const agentRow = await t.services.requests.store.byReference(agent.reference)
    assert.ok(agentRow)
    const remindAt = new Date(
      agentRow.due_at.getTime() - (t.services.requests.options.reminderDays - 0.5) * 86_400_000,
    )
    assert.ok((await sweepRequests(t.services.requests, remindAt)).reminded >= 1)
    await take('request deadline reminder', contact, about(agent.reference, /يحين/))

    // A complaint from the privacy centre.
    const complaint = await t.app.inject({
      method: 'POST',
      url: '/privacy/complaints?lang=ar',
      payload: new URLSearchParams({
        locale: 'ar',
        email: 'maryam@example.com',
        summary: 'لم تحذفوا بياناتي',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(complaint.statusCode, 201, complaint.body)
    await take('complaint acknowledgement', 'maryam@example.com', (m) => !/DSR-/.test(m.subject))

    // A new staff member, invited in Arabic.
    const invited = await t.app.inject({
      method: 'POST',
      url: '/admin/staff/invite?lang=ar',
      ...form({ email: 'amal@staff.example', role: 'support-agent', language: 'ar' }),
    })
    assert.equal(invited.statusCode, 201, invited.body)
    await take('staff invitation', 'amal@staff.example', () => true)

    // The preference link, asked for on the privacy centre.
    const linked = await t.app.inject({
      method: 'POST',
      url: '/privacy/preferences/link?lang=ar',
      payload: `email=${encodeURIComponent('fatima@example.com')}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(linked.statusCode, 200, linked.body)
    await take('preference link', 'fatima@example.com', () => true)

    // The shop's backend: a parent asked for consent, and a newsletter in Arabic (text and HTML).
    const owner = await addMember(t, 'owner')
    const key = await staffAccessFor(t).createApiKey(
      { id: owner.id, role: 'owner', permissions: capabilitiesOf('owner') },
      { name: 'shop', scopes: ['consent:write'] },
    )
    assert.ok(key.ok)
    const api = { authorization: `Bearer ${key.key}` }
    const origin = [...t.services.consent.allowedOrigins][0] as string
    const parent = await t.app.inject({
      method: 'POST',
      url: '/v1/consent/parent-requests',
      headers: api,
      payload: {
        subject: 'account:77',
        parentEmail: 'parent@example.com',
        // A name in Latin letters, of two words: isolated, it keeps its order inside the Arabic text.
        childName: 'Sam Lee',
        locale: 'ar',
        approveUrl: `${origin}/parents/approve?child=77`,
      },
    })
    assert.equal(parent.statusCode, 202, parent.body)
    await take('parent consent', 'parent@example.com', () => true)
    const granted = await t.app.inject({
      method: 'POST',
      url: '/v1/consent/records',
      headers: api,
      payload: {
        subject: 'account:2',
        method: 'account-settings',
        choices: [{ purpose: 'marketing', granted: true }],
      },
    })
    assert.equal(granted.statusCode, 201, granted.body)
    const newsletter = await t.app.inject({
      method: 'POST',
      url: '/v1/consent/marketing-mail',
      headers: api,
      payload: {
        subject: 'account:2',
        to: 'yousef.almutairi@example.com',
        purpose: 'marketing',
        subjectLine: 'كعكات جديدة هذا الأسبوع',
        text: 'وصلت كعكات جديدة إلى المخبز.',
        html: '<p dir="rtl">وصلت كعكات جديدة إلى المخبز.</p>',
      },
    })
    assert.equal(newsletter.statusCode, 202, newsletter.body)
    await take('marketing mail (the unsubscribe link Amana adds)', 'yousef.almutairi@example.com', (m) =>
      /كعكات/.test(m.subject),
    )

    // Two years without a sign-in: Yousef is told 30 days before his account is erased.
    const signedIn = await t.services.retention.recordEvent({
      type: 'signed-in',
      occurredAt: '2026-01-10T09:00:00Z',
      subject: { kind: 'customer', id: '2' },
      locale: 'ar',
    })
    assert.ok(signedIn.ok, JSON.stringify(signedIn))
    clock.now = new Date('2027-12-11T09:00:00Z')
    for (let i = 0; (await t.services.retention.sweep({ trigger: 'test' })).status === 'busy' && i < 200; i++)
      await new Promise((r) => setTimeout(r, 100))
    await take('inactivity notice', 'yousef.almutairi@example.com', (m) => /سيُحذف/.test(m.subject))

    const expected = Object.values(MAIL_SENDERS).flat()
    assert.deepEqual(
      expected.filter((name) => !mails.has(name)),
      [],
      'every mail kind was received',
    )
    const found: string[] = []
    for (const [name, raw] of mails) {
      const { subject } = decodeMail(raw)
      const parts = mailParts(raw)
      assert.ok(
        parts.some((p) => /[\u0600-\u06FF]/.test(p.body)),
        `${name} is in Arabic`,
      )
      for (const { run, paragraph } of unisolatedInText(subject))
        found.push(`${name}, subject: "${run}" in "${paragraph}"`)
      for (const part of parts) {
        const runs = part.type === 'text/html' ? unisolatedRuns(part.body) : unisolatedInText(part.body)
        for (const { run, paragraph } of runs)
          found.push(`${name}, ${part.type}: "${run}" in "${paragraph.slice(0, 160)}"`)
      }
    }
    assert.deepEqual(found, [])
  } finally {
    await flow.close()
    await shop.close()
    await rm(dir, { recursive: true, force: true })
  }
})
