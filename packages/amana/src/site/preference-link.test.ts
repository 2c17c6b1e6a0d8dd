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

test("the link reaches the choices the RUMROM shop records under the customer's id (account:<id>), and a withdrawal through it holds", async () => {
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
    const key = { authorization: `Bearer ${created.key}` }
    // The shop records Layla's (customer 1, Layla.Ahmad@example.com) newsletter choice under her account id.
    const recorded = await t.app.inject({
      method: 'POST',
      url: '/v1/consent/records',
      headers: key,
      payload: {
        subject: 'account:1',
        method: 'account-settings',
        choices: [{ purpose: 'marketing', channel: 'email', granted: true }],
      },
    })
    assert.equal(recorded.statusCode, 201, recorded.body)
    const allowed = async () =>
      (
        (
          await t.app.inject({
            url: '/v1/decisions?subject=account:1&purpose=marketing&channel=email',
            headers: key,
          })
        ).json() as { allow: boolean }
      ).allow
    assert.equal(await allowed(), true)

    // She asks for a link with her address as she types it; the mail's link shows her choice.
    await t.app.inject({
      method: 'POST',
      url: '/privacy/preferences/link?lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent('layla.ahmad@example.com')}`,
    })
    const mail = await smtp.waitFor((m) => m.includes('layla.ahmad@example.com'))
    const link = /https?:\/\/\S+\/privacy\/preferences\?token=\S+/.exec(mailText(mail))?.[0]
    assert.ok(link, 'the mail carries the link')
    const opened = await t.app.inject({ url: link.slice(link.indexOf('/privacy/')) })
    assert.equal(opened.statusCode, 200, opened.body)
    assert.match(opened.body, /<input[^>]*name="p:marketing:email"[^>]*checked/)

    // Unticking it on that page withdraws the choice the shop reads for account:1.
    const token = new URL(link).searchParams.get('token') ?? ''
    const saved = await t.app.inject({
      method: 'POST',
      url: '/privacy/preferences?lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token }).toString(),
    })
    assert.equal(saved.statusCode, 303, saved.body)
    assert.equal(await allowed(), false)
  } finally {
    await t.close()
    await smtp.close()
    await shop.close()
    await rm(dir, { recursive: true, force: true })
  }
})
