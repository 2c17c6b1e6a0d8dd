import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import { buildApp } from '../app/build-app.ts'
import { demoShopSourceOf, startDemoShop } from '../demo/index.ts'
import { demoManifestPath } from '../platform/config/index.ts'
import { capabilitiesOf } from '../staff/index.ts'
import { addMember, staffAccessFor } from '../staff/testing.ts'
import { mailSubject, mailText, startSmtpInbox } from '../testing/smtp-inbox.ts'
import { createTestApp, createTestConfig, loadDemoManifest } from '../testing/test-app.ts'

test('the privacy centre sends a preferences link by email (real SMTP), the same answer for any address, limited per address, and the link opens the preference page in Arabic', async () => {
  const smtp = await startSmtpInbox()
  const t = await createTestApp({
    config: createTestConfig({ AMANA_SMTP_URL: smtp.url, AMANA_MAIL_FROM: 'privacy@rumrom.example' }),
    worker: true,
  })
  try {
    // The privacy centre's "Communication and cookie preferences" leads to the form, not a dead end.
    const home = await t.app.inject({ url: '/privacy?lang=ar' })
    assert.match(home.body, /href="\/privacy\/preferences\/link\?lang=ar"/)
    const form = await t.app.inject({ url: '/privacy/preferences/link?lang=ar' })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /<label for="pl-email">بريدك الإلكتروني<\/label>/)
    // The preference page without a link offers the way to one.
    const bare = await t.app.inject({ url: '/privacy/preferences?lang=en' })
    assert.match(bare.body, /href="\/privacy\/preferences\/link\?lang=en">Get a link by email</)

    const ask = (email: string, lang: 'en' | 'ar') =>
      t.app.inject({
        method: 'POST',
        url: `/privacy/preferences/link?lang=${lang}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=${encodeURIComponent(email)}`,
      })
    const sent = await ask('Maryam@Example.com', 'ar')
    assert.equal(sent.statusCode, 200)
    assert.match(sent.body, /data-state="sent">إذا كان هذا العنوان يستقبل رسائلنا/)
    // Any other address gets the same page: nobody learns who is a customer.
    const other = await ask('nobody-known@example.net', 'ar')
    const withoutNonces = (body: string) => body.replace(/nonce="[^"]*"/g, '')
    assert.equal(withoutNonces(other.body), withoutNonces(sent.body))

    const mail = await smtp.waitFor((m) => m.includes('maryam@example.com'))
    assert.match(mailSubject(mail), /^تفضيلات الخصوصية لدى /)
    const body = mailText(mail)
    assert.match(body, /يعمل الرابط مدة ٧ أيام/)
    const link = /https?:\/\/\S+\/privacy\/preferences\?token=\S+/.exec(body)?.[0]
    assert.ok(link, 'the mail carries the link')
    const opened = await t.app.inject({ url: link.slice(link.indexOf('/privacy/')) })
    assert.equal(opened.statusCode, 200, opened.body)
    assert.match(opened.body, /<html lang="ar" dir="rtl"/)
    assert.match(opened.body, /<form method="post" action="\/privacy\/preferences\?lang=ar">/)
    // No customer has this address: the link covers the address alone, and says nothing of an account.
    assert.doesNotMatch(opened.body, /data-covers=/)

    // A bad address is named, with an example; nothing is sent.
    const bad = await ask('maryam-at-example', 'en')
    assert.equal(bad.statusCode, 400)
    assert.match(
      bad.body,
      /role="alert" data-state="invalid"><p>Email address: enter an address such as name@example.com/,
    )

    // Three links an hour to one address; the fourth ask answers the same but queues no mail.
    const outbox = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('mail_outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    await ask('maryam@example.com', 'en')
    await ask('maryam@example.com', 'en')
    const before = await outbox()
    const fourth = await ask('MARYAM@example.com', 'en')
    assert.equal(fourth.statusCode, 200)
    assert.match(fourth.body, /data-state="sent"/)
    assert.equal(await outbox(), before)
  } finally {
    await t.close()
    await smtp.close()
  }
})

test('the per-address link limit is shared by every app process on one database', async () => {
  const t = await createTestApp()
  // A second app on the same database, as a second `amana start` would be.
  const other = await buildApp(t.ctx, t.services)
  try {
    const ask = (app: typeof t.app, email: string) =>
      app.inject({
        method: 'POST',
        url: '/privacy/preferences/link?lang=en',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=${encodeURIComponent(email)}`,
      })
    const queued = async () => (await t.database.db.selectFrom('mail_outbox').select('id').execute()).length
    await ask(t.app, 'huda@example.com')
    await ask(other, 'huda@example.com')
    await ask(t.app, 'Huda@Example.com')
    assert.equal(await queued(), 3, 'three links, whichever process answered')
    const fourth = await ask(other, 'huda@example.com')
    assert.equal(fourth.statusCode, 200)
    assert.match(fourth.body, /data-state="sent"/)
    assert.equal(await queued(), 3, 'the fourth ask, on the other process, sends nothing')
    // The table holds a keyed hash, never the address.
    const keys = await sql<{ key: string }>`select key from rate_limit`.execute(t.database.db)
    assert.ok(keys.rows.length > 0 && keys.rows.every((r) => !r.key.includes('huda')))
  } finally {
    await other.close()
    await t.close()
  }
})

/** The RUMROM demo shop's database, an app reading it, a real SMTP inbox, and a shop API key. */
const withRumromShop = async (
  run: (shop: {
    t: Awaited<ReturnType<typeof createTestApp>>
    smtp: Awaited<ReturnType<typeof startSmtpInbox>>
    key: { authorization: string }
  }) => Promise<void>,
) => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-preference-shop-'))
  const manifest = await loadDemoManifest()
  const shop = await startDemoShop({
    dir,
    source: demoShopSourceOf(demoManifestPath) as string,
    manifest: manifest.manifest,
    memory: true,
  })
  const smtp = await startSmtpInbox()
  const t = await createTestApp({
    env: shop.env,
    manifest,
    config: createTestConfig({ AMANA_SMTP_URL: smtp.url, AMANA_MAIL_FROM: 'privacy@rumrom.example' }),
    worker: true,
  })
  try {
    const owner = await addMember(t, 'owner')
    const actor = { id: owner.id, role: 'owner' as const, permissions: capabilitiesOf('owner') }
    const created = await staffAccessFor(t).createApiKey(actor, {
      name: 'rumrom-shop',
      scopes: ['consent:write', 'decisions:read'],
    })
    assert.ok(created.ok, JSON.stringify(created))
    await run({ t, smtp, key: { authorization: `Bearer ${created.key}` } })
  } finally {
    await t.close()
    await smtp.close()
    await shop.close()
    await rm(dir, { recursive: true, force: true })
  }
}

type App = Awaited<ReturnType<typeof createTestApp>>['app']

/** The shop records a choice through its API, as its signup or account settings would. */
const recordChoice = async (
  app: App,
  key: { authorization: string },
  subject: string,
  choices: readonly { purpose: string; channel?: string; granted: boolean }[],
) => {
  const recorded = await app.inject({
    method: 'POST',
    url: '/v1/consent/records',
    headers: key,
    payload: { subject, method: 'account-settings', choices },
  })
  assert.equal(recorded.statusCode, 201, recorded.body)
}

/** What the shop's backend reads before it acts: GET /v1/decisions for a subject. */
const allows = async (
  app: App,
  key: { authorization: string },
  subject: string,
  purpose: string,
  channel?: string,
) => {
  const query = new URLSearchParams({ subject, purpose, ...(channel ? { channel } : {}) })
  const answer = await app.inject({ url: `/v1/decisions?${query}`, headers: key })
  assert.equal(answer.statusCode, 200, answer.body)
  return (answer.json() as { allow: boolean }).allow
}

/** The privacy centre's form asks for a link; the link is read from the mail the inbox received. */
const linkByMail = async (
  app: App,
  smtp: Awaited<ReturnType<typeof startSmtpInbox>>,
  typed: string,
  lang: 'en' | 'ar',
) => {
  const asked = await app.inject({
    method: 'POST',
    url: `/privacy/preferences/link?lang=${lang}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `email=${encodeURIComponent(typed)}`,
  })
  assert.equal(asked.statusCode, 200, asked.body)
  const to = typed.toLowerCase()
  const heading = lang === 'ar' ? /^تفضيلات الخصوصية لدى / : /^Your privacy preferences at /
  const mail = await smtp.waitFor((m) => m.includes(to) && heading.test(mailSubject(m)))
  const link = /https?:\/\/\S+\/privacy\/preferences\?token=\S+/.exec(mailText(mail))?.[0]
  assert.ok(link, 'the mail carries the link')
  return { path: link.slice(link.indexOf('/privacy/')), token: new URL(link).searchParams.get('token') ?? '' }
}

/** Saves the preference page with exactly these boxes ticked (a form posts only ticked boxes). */
const save = async (app: App, token: string, lang: 'en' | 'ar', ticked: readonly string[]) => {
  const saved = await app.inject({
    method: 'POST',
    url: `/privacy/preferences?lang=${lang}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['token', token], ...ticked.map((b) => [b, 'on'])]).toString(),
  })
  assert.equal(saved.statusCode, 303, saved.body)
}

const isTicked = (page: string, box: string) => new RegExp(`<input[^>]*name="${box}"[^>]*checked`).test(page)

test("the link reaches the choices the RUMROM shop records under the customer's id (account:<id>), and a withdrawal through it holds", async () => {
  await withRumromShop(async ({ t, smtp, key }) => {
    // The shop records Layla's (customer 1, Layla.Ahmad@example.com) newsletter choice under her account id.
    await recordChoice(t.app, key, 'account:1', [{ purpose: 'marketing', channel: 'email', granted: true }])
    assert.equal(await allows(t.app, key, 'account:1', 'marketing', 'email'), true)

    // She asks for a link with her address as she types it; the mail's link shows her choice.
    const link = await linkByMail(t.app, smtp, 'layla.ahmad@example.com', 'en')
    const opened = await t.app.inject({ url: link.path })
    assert.equal(opened.statusCode, 200, opened.body)
    assert.ok(isTicked(opened.body, 'p:marketing:email'))

    // Unticking it on that page withdraws the choice the shop reads for account:1.
    await save(t.app, link.token, 'en', [])
    assert.equal(await allows(t.app, key, 'account:1', 'marketing', 'email'), false)
  })
})

test('the link shows the choices recorded under her address before she had an account as well as those under her customer id, and each change holds for the subject it concerns (EN, then AR)', async () => {
  await withRumromShop(async ({ t, smtp, key }) => {
    const byAddress = 'account:layla.ahmad@example.com'
    const byId = 'account:1'
    // Before her account, the shop's newsletter signup recorded email and SMS under her address;
    // since then her account (customer 1) allowed analytics.
    await recordChoice(t.app, key, byAddress, [
      { purpose: 'marketing', channel: 'email', granted: true },
      { purpose: 'marketing', channel: 'sms', granted: true },
    ])
    await recordChoice(t.app, key, byId, [{ purpose: 'analytics', granted: true }])

    const en = await linkByMail(t.app, smtp, 'Layla.Ahmad@Example.com', 'en')
    const page = (await t.app.inject({ url: en.path })).body
    for (const box of ['p:marketing:email', 'p:marketing:sms', 'p:analytics'])
      assert.ok(isTicked(page, box), `${box} shows ticked`)
    assert.ok(!isTicked(page, 'p:advertising'))
    assert.match(
      page,
      /<p data-covers="account-and-address">These are the choices recorded with your customer account and with your email address\./,
    )

    // She unticks the email newsletter, leaves SMS and analytics as shown, and ticks advertising.
    await save(t.app, en.token, 'en', ['p:marketing:sms', 'p:analytics', 'p:advertising'])
    // The withdrawal holds whichever subject the shop asks about.
    assert.equal(await allows(t.app, key, byAddress, 'marketing', 'email'), false)
    assert.equal(await allows(t.app, key, byId, 'marketing', 'email'), false)
    // Boxes she left as shown keep each subject's own record: a box ticked by the other subject's
    // record gives no consent under this one.
    assert.equal(await allows(t.app, key, byAddress, 'marketing', 'sms'), true)
    assert.equal(await allows(t.app, key, byId, 'marketing', 'sms'), false)
    assert.equal(await allows(t.app, key, byId, 'analytics'), true)
    assert.equal(await allows(t.app, key, byAddress, 'analytics'), false)
    // The box she ticked herself is given under both.
    assert.equal(await allows(t.app, key, byAddress, 'advertising'), true)
    assert.equal(await allows(t.app, key, byId, 'advertising'), true)
    const after = (await t.app.inject({ url: `${en.path}&saved=1` })).body
    assert.ok(!isTicked(after, 'p:marketing:email'))
    assert.ok(isTicked(after, 'p:advertising'))

    // A new link in Arabic: the same choices, said in Arabic; unticking everything withdraws
    // everything under both subjects.
    const ar = await linkByMail(t.app, smtp, 'layla.ahmad@example.com', 'ar')
    const arPage = (await t.app.inject({ url: ar.path })).body
    assert.match(arPage, /<html lang="ar" dir="rtl"/)
    assert.match(arPage, /<p data-covers="account-and-address">هذه هي الاختيارات المسجّلة بحسابك لدينا/)
    assert.ok(isTicked(arPage, 'p:marketing:sms') && !isTicked(arPage, 'p:marketing:email'))
    await save(t.app, ar.token, 'ar', [])
    for (const subject of [byAddress, byId]) {
      assert.equal(await allows(t.app, key, subject, 'marketing', 'sms'), false, subject)
      assert.equal(await allows(t.app, key, subject, 'analytics'), false, subject)
      assert.equal(await allows(t.app, key, subject, 'advertising'), false, subject)
    }
    // Each change is in the ledger under the subject it concerns: one record for each per save.
    const saves = await t.database.db
      .selectFrom('consent_record')
      .select('subject_hash')
      .where('method', '=', 'preferences-page')
      .execute()
    const hashes = saves.map((r) => r.subject_hash)
    const hash = (s: string) => t.services.consent.keys.hashSubject(s)
    assert.deepEqual([...hashes].sort(), [hash(byAddress), hash(byAddress), hash(byId), hash(byId)].sort())
  })
})
