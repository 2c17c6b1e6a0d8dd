import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import pg from 'pg'
import { type DemoShop, startDemoShop } from '../demo/index.ts'
import { packsFor } from '../jurisdictions/index.ts'
import { asStaff } from '../staff/testing.ts'
import { decodeMail as decode, type MailFlow, startMailFlow } from '../testing/mail-flow.ts'
import { loadDemoManifest, type TestApp } from '../testing/test-app.ts'

const source = join(import.meta.dirname, '../../../../examples/rumrom-bakery/shop')

describe('incident on the RUMROM shop: scope, clocks per jurisdiction, notices in each language', () => {
  const clock = { now: new Date('2026-05-10T20:00:00Z') }
  let dir: string
  let shop: DemoShop
  let flow: MailFlow
  let t: TestApp
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'amana-incident-'))
    const loaded = await loadDemoManifest()
    // RUMROM serves Kuwait and, for this test, customers in the EU too.
    const manifest = structuredClone(loaded.manifest)
    manifest.jurisdictions = ['kw', 'eu-gdpr']
    shop = await startDemoShop({ dir, source, manifest })
    const client = new pg.Client({ connectionString: shop.databaseUrl })
    await client.connect()
    // An EU customer with an order in the window, and one whose only order is after it.
    await client.query(`insert into customers (id, first_name, last_name, email, phone, password_hash) values
      (4, 'Anna', 'Schmidt', 'anna.schmidt@example.de', '+49 30 1234567', 'x'),
      (5, 'Pierre', 'Martin', 'pierre@example.fr', '+33 1 23 45 67 89', 'x')`)
    await client.query(`insert into orders (id, customer_id, ordered_at, total) values
      (6, 4, '2026-04-15T09:00:00Z', 10), (7, 5, '2026-06-01T09:00:00Z', 12)`)
    // February: three customers whose phone has no country code and whose country the shop does not hold.
    await client.query(`insert into customers (id, first_name, last_name, email, phone, password_hash) values
      (8, 'Jan', 'de Vries', 'Jan.deVries@example.nl', '0612345678', 'x'),
      (9, 'Sam', 'Lee', 'sam.lee@example.com', '555 0100', 'x'),
      (10, 'Omar', 'Saleh', 'omar.saleh@example.com', '5555 0101', 'x')`)
    await client.query(`insert into orders (id, customer_id, ordered_at, total) values
      (8, 8, '2026-02-10T09:00:00Z', 9), (9, 9, '2026-02-11T09:00:00Z', 9), (10, 10, '2026-02-12T09:00:00Z', 9)`)
    await client.end()
    flow = await startMailFlow({
      role: 'owner',
      manifest: { ...loaded, manifest, packs: packsFor(manifest.jurisdictions) },
      env: shop.env,
      // A copy each time: a caller that changes the Date it gets must not move the clock.
      now: () => new Date(clock.now),
    })
    t = flow.t
  })
  after(async () => {
    await flow?.close()
    await shop?.close()
    await rm(dir, { recursive: true, force: true })
  })

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: asStaff(flow.staff), ...(payload ? { payload } : {}) })

  test("people the shop's tables do not place are placed by the request they filed or their consent record, before any guess", async () => {
    // Jan filed a request from the privacy centre and chose the Netherlands (the address differs in case).
    const filed = await t.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'access', email: 'jan.devries@example.nl', locale: 'en', country: 'NL' },
    })
    assert.equal(filed.statusCode, 202, filed.body)
    // Sam's account made a consent choice under the GDPR, in English.
    const consent = t.services.consent
    assert.ok(
      await consent.record({
        id: crypto.randomUUID(),
        subjectHash: consent.keys.hashSubject('9'),
        subjectKind: 'account',
        method: 'preferences-page',
        items: [{ target: 'purpose', id: 'marketing', channel: 'email', granted: false }],
        policyVersion: consent.policyVersion,
        notice: 'preferences-page:en',
        locale: 'en',
        jurisdiction: 'eu-gdpr',
        source: 'test',
        gpc: false,
        conflict: false,
        child: false,
        recordedAt: new Date('2026-01-20T10:00:00Z'),
      }),
    )
    const opened = await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-10T08:00:00Z',
      summary: 'February orders exported',
      systems: ['shop_db'],
    })
    const id = opened.json().id as string
    const scoped = await call('POST', `/v1/incidents/${id}/scope`, {
      tables: [{ system: 'shop_db', table: 'orders', timeColumn: 'ordered_at' }],
      from: '2026-02-01T00:00:00Z',
      to: '2026-03-01T00:00:00Z',
    })
    assert.equal(scoped.statusCode, 200, scoped.body)
    type Person = {
      ref: string
      jurisdiction: string
      placedBy: string
      placedText: { en: string; ar: string }
    }
    const people = scoped.json().people as Person[]
    const placed = people.map((p) => [p.ref, p.jurisdiction, p.placedBy])
    assert.deepEqual(placed, [
      ['shop_db:customers:10', 'kw', 'home-guess'],
      ['shop_db:customers:8', 'eu-gdpr', 'own-request'],
      ['shop_db:customers:9', 'eu-gdpr', 'own-consent'],
    ])
    const jan = people.find((p) => p.ref === 'shop_db:customers:8')
    assert.match(jan?.placedText.en ?? '', /request they filed/)
    assert.match(jan?.placedText.ar ?? '', /الطلب الذي قدّمه/)
    const eu = scoped
      .json()
      .clocks.find(
        (c: { jurisdiction: string; audience: string }) =>
          c.jurisdiction === 'eu-gdpr' && c.audience === 'regulator',
      )
    assert.equal(eu.people, 2)
  })

  // Refusals (no systems, a discovery in the future) are register.test.ts's: the same app, one place.
  test('lists exactly the people in the window, with a 24 h CITRA clock and 72 h for the EU, and sends each a notice once in their language', async () => {
    const opened = await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-10T08:00:00Z',
      summary: 'Orders exported by a leaked admin token',
      systems: ['shop_db'],
      team: ['security@rumrom.example'],
    })
    assert.equal(opened.statusCode, 201, opened.body)
    const id = opened.json().id as string
    const scoped = await call('POST', `/v1/incidents/${id}/scope`, {
      tables: [{ system: 'shop_db', table: 'orders', timeColumn: 'ordered_at' }],
      from: '2026-04-01T00:00:00Z',
      to: '2026-05-10T00:00:00Z',
    })
    assert.equal(scoped.statusCode, 200, scoped.body)
    const incident = scoped.json()
    // Orders 2–6 are in the window; the guest order has no person, Pierre's is after it.
    assert.deepEqual(
      incident.people.map((p: { ref: string; jurisdiction: string }) => [p.ref, p.jurisdiction]),
      [
        ['shop_db:customers:1', 'kw'],
        ['shop_db:customers:2', 'kw'],
        ['shop_db:customers:3', 'kw'],
        ['shop_db:customers:4', 'eu-gdpr'],
      ],
    )
    assert.deepEqual(incident.categories.sort(), ['order_history', 'payment'])
    assert.equal(incident.risk.likelyHighRisk, true)
    assert.ok(incident.risk.reasons.some((r: { code: string }) => r.code === 'financial'))
    const regulator = (j: string) =>
      incident.clocks.find(
        (c: { jurisdiction: string; audience: string }) => c.jurisdiction === j && c.audience === 'regulator',
      )
    assert.equal(regulator('kw').hours, 24)
    assert.equal(regulator('kw').dueAt, '2026-05-11T08:00:00.000Z')
    assert.equal(regulator('kw').remainingSeconds, 12 * 3600)
    assert.equal(regulator('kw').people, 3)
    assert.equal(regulator('eu-gdpr').hours, 72)
    assert.equal(regulator('eu-gdpr').dueAt, '2026-05-13T08:00:00.000Z')
    assert.equal(regulator('eu-gdpr').people, 1)

    // Staff review: Noura prefers Arabic. Sending without the Arabic text is refused, naming it.
    const locale = await call('POST', `/v1/incidents/${id}/people/locale`, {
      ref: 'shop_db:customers:3',
      locale: 'ar',
    })
    assert.equal(locale.statusCode, 204)
    const text = {
      whatHappened: { en: 'An admin token leaked and order records were exported.' },
      whatWeAreDoing: { en: 'We revoked the token and are working with outside experts.' },
    }
    const missing = await call('POST', `/v1/incidents/${id}/notices`, text)
    assert.equal(missing.statusCode, 400)
    assert.deepEqual(
      missing.json().error.details.map((d: { field: string }) => d.field),
      ['whatHappened.ar', 'whatWeAreDoing.ar'],
    )
    const full = {
      whatHappened: { ...text.whatHappened, ar: 'تسرب رمز إداري وصُدّرت سجلات الطلبات.' },
      whatWeAreDoing: { ...text.whatWeAreDoing, ar: 'ألغينا الرمز ونعمل مع خبراء خارجيين.' },
    }
    const sent = await call('POST', `/v1/incidents/${id}/notices`, full)
    assert.equal(sent.statusCode, 200, sent.body)
    assert.deepEqual(sent.json(), { sent: 4, skipped: 0 })
    const again = await call('POST', `/v1/incidents/${id}/notices`, full)
    assert.deepEqual(again.json(), { sent: 0, skipped: 4 })

    const expected: Record<string, 'en' | 'ar'> = {
      'layla.ahmad@example.com': 'en',
      'yousef.almutairi@example.com': 'ar',
      'noura.k@example.com': 'ar',
      'anna.schmidt@example.de': 'en',
    }
    for (const [address, language] of Object.entries(expected)) {
      const raw = await flow.smtp.waitFor((m) => decode(m).to.toLowerCase().includes(address))
      const mail = decode(raw)
      const arabic = /[\u0600-\u06FF]/.test(mail.subject)
      assert.equal(arabic ? 'ar' : 'en', language, `${address}: ${mail.subject}`)
      assert.match(mail.text, language === 'ar' ? /ماذا حدث/ : /What happened/)
      assert.match(mail.text, language === 'ar' ? /ألغينا الرمز/ : /revoked the token/)
      assert.match(mail.text, /hello@rumrom\.com/)
    }
    let notices: { status: string }[] = []
    for (let i = 0; i < 50; i++) {
      notices = (await call('GET', `/v1/incidents/${id}/notices`)).json().notices
      if (notices.every((n) => n.status === 'sent')) break
      await new Promise((r) => setTimeout(r, 100))
    }
    assert.equal(notices.length, 4)
    assert.ok(
      notices.every((n: { status: string }) => n.status === 'sent'),
      JSON.stringify(notices),
    )
    await new Promise((r) => setTimeout(r, 300))
    assert.equal(
      flow.smtp.received.filter((m) => /security incident|حادثة أمنية/.test(decode(m).subject)).length,
      4,
    )

    const report = await call('GET', `/v1/incidents/${id}/reports/kw?lang=ar&format=html`)
    assert.equal(report.statusCode, 200)
    assert.match(report.body, /dir="rtl"/)
    assert.match(report.body, /هيئة الاتصالات وتقنية المعلومات/)
    const json = (await call('GET', `/v1/incidents/${id}/reports/eu-gdpr`)).json()
    assert.equal(json.people, 1)
    assert.equal(json.clock.hours, 72)
  })
})
