import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { mailHeader, mailSubject, mailText } from '../../../../packages/amana/src/testing/smtp-inbox.ts'
import { startShopStack } from './testing.ts'

/** A browser's cookie jar for fetch: keeps Set-Cookie values and sends them back. */
const browser = (base: string) => {
  const jar = new Map<string, string>()
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url.startsWith('http') ? url : base + url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [k, v] = (pair as string).split('=')
      if (k && v !== undefined) jar.set(k, v)
    }
    return response
  }
  const form = (url: string, fields: Record<string, string>) =>
    go(url, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  return { go, form }
}

const to = (address: string) => (raw: string) => (mailHeader(raw, 'To') ?? '').includes(address)

test("a minor's account waits for a parent's consent by email in the child's language; the newsletter goes only with consent and one click withdraws it", {
  timeout: 110_000,
}, async () => {
  const s = await startShopStack()
  try {
    const b = browser(s.shopUrl)
    const child = {
      first_name: 'Dana',
      last_name: 'Saleh',
      email: 'dana.saleh@example.net',
      phone: '+965 5000 1111',
      birth_date: `${new Date().getUTCFullYear() - 15}-01-01`,
      password: 'long-enough-pass',
    }
    // Under 18 with no parent's email: the form names the field and what to do.
    const missing = await b.form('/ar/sign-up', child)
    assert.equal(missing.status, 422)
    assert.match(await missing.text(), /عمرك أقل من 18: أدخل بريد أحد والديك/)
    const same = await b.form('/en/sign-up', { ...child, parent_email: child.email })
    assert.equal(same.status, 422)
    assert.match(await same.text(), /not your own/)

    const signUp = await b.form('/ar/sign-up', { ...child, parent_email: 'mama.saleh@example.net' })
    assert.equal(signUp.status, 303, await signUp.text())
    const waiting = await (await b.go('/ar/account')).text()
    assert.match(waiting, /data-waiting-parent/)
    assert.match(waiting, /mama\.saleh@example\.net/)
    assert.doesNotMatch(waiting, /action="\/ar\/newsletter"/, 'no newsletter offered while waiting')
    const row = (
      await s.db.query(`select id::text, status from customers where email = 'dana.saleh@example.net'`)
    ).rows[0]
    assert.equal(row.status, 'awaiting-parent')

    // Until a parent agrees: no order, no marketing.
    assert.match(await (await b.go('/ar/checkout')).text(), /بانتظار موافقة/)
    await b.form('/ar/cart', { product: '1' })
    const order = await b.form('/ar/checkout', {
      area: 'Salmiya',
      block: '7',
      street: 'Qatar St',
      building: '19',
      slot: '18:00-20:00',
    })
    assert.equal(order.status, 403)
    assert.equal(
      Number(
        (await s.db.query(`select count(*) from orders where customer_id = $1`, [row.id])).rows[0].count,
      ),
      0,
      'no order is placed',
    )
    const early = await b.form('/ar/newsletter', {})
    assert.equal(early.status, 403)

    // The parent's mail, through Amana's outbox and a real SMTP server, in the child's language.
    const mail = await s.smtp.waitFor(to('mama.saleh@example.net'))
    // The child's Latin name is isolated inside the Arabic sentence (U+2068 … U+2069), so it reads in place.
    assert.match(mailSubject(mail), /\u2068Dana\u2069 يطلب موافقتك على إنشاء حساب لدى/)
    const body = mailText(mail)
    assert.match(body, /يبقى الحساب مغلقًا حتى يوافق أحد الوالدين/)
    const link = body.match(new RegExp(`${s.shopUrl}/ar/parent/[A-Za-z0-9_-]+`))?.[0]
    assert.ok(link, body)
    assert.ok(!body.includes('dana.saleh@example.net'), "the child's address is not in the parent's mail")

    // The parent opens the link (a GET changes nothing), then agrees.
    const parent = browser(s.shopUrl)
    const ask = await parent.go(link)
    assert.equal(ask.status, 200)
    assert.match(await ask.text(), /أنا والده أو وليّه وأوافق/)
    assert.equal(
      (await s.db.query(`select status from customers where id = $1`, [row.id])).rows[0].status,
      'awaiting-parent',
    )
    const agreed = await parent.form(link, {})
    assert.equal(agreed.status, 200)
    assert.match(await agreed.text(), /حساب Dana مفتوح الآن/)
    assert.equal((await parent.form(link, {})).status, 404, 'the link works once')
    assert.equal(
      (await s.db.query(`select status from customers where id = $1`, [row.id])).rows[0].status,
      'active',
    )

    // In Amana: a consent recorded by a parent, for a child, and audited.
    const key = s.apiKey
    const ledger = async () =>
      (
        await s.amana.app.inject({
          url: `/v1/consent?subject=account:${row.id}`,
          headers: { authorization: `Bearer ${key}` },
        })
      ).json() as {
        records: { method: string; child: boolean; items: { id: string; granted: boolean }[] }[]
        state: { choices: { id: string; granted: boolean }[] }
      }
    const byParent = (await ledger()).records.filter((r) => r.method === 'parent')
    assert.equal(byParent.length, 1)
    assert.equal(byParent[0]?.child, true)
    assert.deepEqual(byParent[0]?.items.map((i) => [i.id, i.granted]).sort(), [
      ['account', true],
      ['orders', true],
    ])
    const audited = await sql<{ action: string; body: string }>`
      select action, body from audit_entry where action like 'consent.%' order by seq`.execute(
      s.amana.database.db,
    )
    const actions = audited.rows.map((r) => r.action)
    assert.ok(actions.includes('consent.parent-asked'), actions.join(', '))
    const recorded = audited.rows.find((r) => r.action === 'consent.recorded-by-staff')
    assert.match(recorded?.body ?? '', /"method":"parent"/)
    assert.ok(!audited.rows.some((r) => r.body.includes('mama.saleh')), 'no address in the audit ledger')

    // Newsletter: consent first, then the welcome issue through Amana with one-click unsubscribe.
    const account = await (await b.go('/en/account')).text()
    assert.doesNotMatch(account, /data-waiting-parent/)
    assert.match(account, /action="\/en\/newsletter"/)
    const joined = await b.form('/en/newsletter', {})
    assert.equal(joined.status, 303, await joined.text())
    const news = await s.smtp.waitFor(to('dana.saleh@example.net'))
    assert.equal(mailSubject(news), 'Welcome to RUMROM news')
    assert.equal(mailHeader(news, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click')
    const unsubscribe = /<(http:[^>]+\/v1\/unsubscribe\/[^>]+)>/.exec(
      mailHeader(news, 'List-Unsubscribe') ?? '',
    )?.[1]
    assert.ok(unsubscribe, mailHeader(news, 'List-Unsubscribe'))
    assert.ok(unsubscribe.startsWith(s.amanaUrl))
    assert.ok(
      mailText(news).includes(`To stop these emails at once: ${unsubscribe}`),
      'the link is in the mail too',
    )
    assert.match(await (await b.go('/en/account')).text(), /data-newsletter="on"/)
    assert.deepEqual(
      (await ledger()).state.choices.filter((c) => c.id === 'marketing').map((c) => c.granted),
      [true],
    )

    // What a mail client does on one click (RFC 8058): a POST, no cookie, no confirmation.
    const click = await fetch(unsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    assert.equal(click.status, 200)
    const after = await ledger()
    assert.deepEqual(
      after.state.choices.filter((c) => c.id === 'marketing').map((c) => c.granted),
      [false],
      'consent is withdrawn in Amana',
    )
    assert.ok(after.records.some((r) => r.method === 'email-unsubscribe'))
    const again = await (await b.go('/en/account')).text()
    assert.doesNotMatch(again, /data-newsletter="on"/)
    assert.match(again, /marketing: declined/)
    // And Amana refuses the next issue: nothing more is sent.
    const refused = await s.amana.app.inject({
      method: 'POST',
      url: '/v1/consent/marketing-mail',
      headers: { authorization: `Bearer ${key}` },
      payload: {
        subject: `account:${row.id}`,
        to: 'dana.saleh@example.net',
        purpose: 'marketing',
        subjectLine: 'More cakes',
        text: 'Hello {unsubscribe}',
      },
    })
    assert.equal(refused.statusCode, 409)
    assert.match(refused.json().error.message, /Not sent: this person refused or withdrew consent/)
  } finally {
    await s.close()
  }
})
