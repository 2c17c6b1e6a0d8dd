/**
 * After an erasure, nothing of the person is readable in Amana's own database. A customer of the
 * test shop consents, gets a marketing mail and unsubscribes, asks for a copy of their data (the
 * package waits behind a one-time link), then asks for erasure, proves the address with the emailed
 * code, and staff approve. Then every table of every schema of Amana's
 * database (pg-boss's jobs and archive included) is dumped as text and searched for the person's
 * email (any case, hex and base64), phone, name, the code and every token they were sent.
 * Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL; the shop is PostgreSQL (embedded
 * PGlite over the wire protocol without TEST_DATABASE_URL).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import type { LoadedManifest } from '../../packages/amana/src/app/app-manifest.ts'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import { parseManifest } from '../../packages/amana/src/manifest/index.ts'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { mailHeader, startSmtpInbox } from '../../packages/amana/src/testing/smtp-inbox.ts'
import { createTestApp, createTestConfig, type TestApp } from '../../packages/amana/src/testing/test-app.ts'
import { testEngine } from '../../packages/amana/src/testing/test-database.ts'
import { createShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail, customerPhone } from '../fixtures/shop/seed.ts'
import { shopManifestYaml } from '../requests/shop-manifest.ts'

const until = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Every row of every table in every schema but the catalogues, as `schema.table <json>` lines. */
const dumpEveryTable = async (db: Kysely<unknown>) => {
  const tables = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`.execute(db)
  const lines: string[] = []
  for (const { schema, name } of tables.rows) {
    const rows = await sql<{ row: string }>`select row_to_json(t)::text as row from ${sql.table(
      `${schema}.${name}`,
    )} t`.execute(db)
    for (const { row } of rows.rows) lines.push(`${schema}.${name} ${row}`)
  }
  return { tables: tables.rows.map((t) => `${t.schema}.${t.name}`), text: lines.join('\n') }
}

const loadedManifest = (): LoadedManifest => {
  const parsed = parseManifest(shopManifestYaml('postgres', { processors: false }), 'test-shop.yaml')
  if (!parsed.ok) throw new Error('the test shop manifest does not parse')
  return {
    path: 'test-shop.yaml',
    ...parsed.value,
    packs: packsFor(parsed.value.manifest.jurisdictions),
    findings: [],
  }
}

test(`after an erasure no table of Amana's database holds the person's email, phone, name, code or tokens (${testEngine()})`, {
  timeout: 300_000,
}, async (t) => {
  const inbox = await startSmtpInbox()
  t.after(() => inbox.close())
  const shop = await createShopDatabase('postgres', process.env.TEST_DATABASE_URL, { customers: 5 })
  t.after(() => shop.drop())
  const amana: TestApp = await createTestApp({
    config: createTestConfig({ AMANA_SMTP_URL: inbox.url, AMANA_MAIL_FROM: 'privacy@rumrom.example' }),
    manifest: loadedManifest(),
    env: { SHOP_DB_URL: shop.url, DESIGN_FILES_ROOT: '/nonexistent-designs' },
    worker: true,
  })
  t.after(() => amana.close())
  const { app, services } = amana
  const codeFor = async (reference: string) => {
    const mail = await inbox.waitFor((raw) => raw.includes(reference) && /\b\d{6}\b/.test(raw))
    const code = new RegExp(`${reference}: (\\d{6})`).exec(mail)?.[1]
    assert.ok(code, `the code for ${reference} arrived by email`)
    return code
  }

  const person = {
    email: customerEmail(4),
    phone: customerPhone(4),
    name: 'Customer 4',
    details: 'Please forget me, Customer 4, at Flat 12 Salmiya',
  }
  const owner = await addMember(amana, 'owner')
  const staff = await signIn(amana, owner.email, owner.password)
  const key = await app.inject({
    method: 'POST',
    url: '/v1/api-keys',
    headers: asStaff(staff),
    payload: { name: 'shop backend', scopes: ['consent:write'] },
  })
  assert.equal(key.statusCode, 201, key.body)
  const shopBackend = { authorization: `Bearer ${key.json().key}` }

  // The shop records marketing consent, with a page URL full of the person's details.
  const consent = await app.inject({
    method: 'POST',
    url: '/v1/consent/records',
    headers: shopBackend,
    payload: {
      subject: 'account:4',
      method: 'account-settings',
      choices: [{ purpose: 'marketing', granted: true }],
      source: `https://rumrom.example/account/settings?email=${encodeURIComponent(person.email)}&phone=${encodeURIComponent(person.phone)}`,
      notice: 'account-settings:en',
    },
  })
  assert.equal(consent.statusCode, 201, consent.body)

  // A newsletter goes out; the person unsubscribes with one click.
  const marketing = await services.consent.sendMarketingMail(
    {
      subject: { kind: 'account', id: '4' },
      to: person.email,
      purpose: 'marketing',
      subjectLine: `${person.name}, new cakes this week`,
      text: `Hello ${person.name}`,
    },
    new Date(),
  )
  assert.ok(marketing.ok, JSON.stringify(marketing))
  const newsletter = await inbox.waitFor((raw) => raw.includes('new cakes this week'))
  const unsubscribeToken = /\/v1\/unsubscribe\/([A-Za-z0-9_-]+)>/.exec(
    mailHeader(newsletter, 'List-Unsubscribe') ?? '',
  )?.[1]
  assert.ok(unsubscribeToken, 'the newsletter carries a one-click unsubscribe link')
  const unsubscribed = await app.inject({ method: 'POST', url: `/v1/unsubscribe/${unsubscribeToken}` })
  assert.ok(unsubscribed.statusCode < 300, unsubscribed.body)

  // First a copy of their data: the package waits behind a one-time download link.
  const accessRequest = await app.inject({
    method: 'POST',
    url: '/v1/requests',
    payload: { type: 'access', email: person.email, country: 'KW' },
  })
  assert.equal(accessRequest.statusCode, 202, accessRequest.body)
  const access = accessRequest.json() as { reference: string; token: string }
  const accessCode = await codeFor(access.reference)
  const accessVerified = await app.inject({
    method: 'POST',
    url: `/v1/requests/${access.reference}/verify`,
    payload: { token: access.token, code: accessCode },
  })
  assert.deepEqual(accessVerified.json(), { verified: true })
  await until('the access package', async () => {
    const row = await services.requests.store.byReference(access.reference)
    return row?.status === 'completed' ? row : undefined
  })
  const link = await app.inject({
    method: 'POST',
    url: `/v1/requests/${access.reference}/download`,
    payload: { token: access.token },
  })
  assert.equal(link.statusCode, 200, link.body)
  const downloadUrl = new URL(link.json().url as string)
  const downloadSecret = downloadUrl.pathname.split('/').at(-1) as string

  // The erasure request: submitted, proven with the emailed code, approved by staff.
  const submitted = await app.inject({
    method: 'POST',
    url: '/v1/requests',
    payload: {
      type: 'erasure',
      email: person.email,
      phone: person.phone,
      country: 'KW',
      details: person.details,
    },
  })
  assert.equal(submitted.statusCode, 202, submitted.body)
  const { reference, token: statusToken } = submitted.json() as { reference: string; token: string }
  const code = await codeFor(reference)
  const verified = await app.inject({
    method: 'POST',
    url: `/v1/requests/${reference}/verify`,
    payload: { token: statusToken, code },
  })
  assert.deepEqual(verified.json(), { verified: true })
  const id = (await services.requests.store.byReference(reference))?.id
  assert.ok(id)
  const approved = await app.inject({
    method: 'POST',
    url: `/admin/requests/${id}/approve?lang=en`,
    headers: asStaff(staff),
    payload: {},
  })
  assert.equal(approved.statusCode, 303, approved.body)

  const finished = await until('the erasure to complete', async () => {
    const row = await services.requests.store.byId(id)
    return row?.status === 'completed' ? row : undefined
  })
  assert.equal(finished.status, 'completed')
  const remaining = await shop.query('select count(*)::int as n from customers where email = $1', [
    person.email,
  ])
  assert.equal(remaining[0]?.n, 0, 'the shop no longer holds the customer')
  await until('every mail to leave the outbox', async () => {
    const queued = await amana.database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('status', '=', 'queued')
      .execute()
    return queued.length === 0 ? true : undefined
  })
  await inbox.waitFor((raw) => raw.includes(reference) && /complete/i.test(raw))

  const lateDownload = await app.inject({ url: `${downloadUrl.pathname}` })
  assert.notEqual(lateDownload.statusCode, 200, 'the package of an erased person no longer downloads')
  assert.ok(lateDownload.statusCode < 500, `${lateDownload.statusCode}: ${lateDownload.body.slice(0, 200)}`)

  const dump = await dumpEveryTable(amana.database.db as unknown as Kysely<unknown>)
  // The dump reads what it should: the request's proof, the jobs that ran, the mail that was sent.
  assert.ok(dump.text.includes(reference), 'the request itself is kept (its reference)')
  assert.ok(
    dump.tables.some((name) => name.startsWith('amana_jobs.')),
    `pg-boss's tables are dumped: ${dump.tables.join(', ')}`,
  )
  assert.match(dump.text, /"name":"mail\.send\.v1"/, "pg-boss's jobs are in the dump")
  assert.match(dump.text, /mail_outbox .*"status":"sent"/)

  const lower = dump.text.toLowerCase()
  const email = person.email.toLowerCase()
  const found: string[] = []
  const forbid = (what: string, present: boolean) => present && found.push(what)
  forbid('email', lower.includes(email))
  forbid('email (URL-encoded)', lower.includes(encodeURIComponent(email).toLowerCase()))
  forbid('email (hex)', lower.includes(Buffer.from(email).toString('hex')))
  forbid('email (base64)', dump.text.includes(Buffer.from(email).toString('base64').replace(/=+$/, '')))
  forbid('phone', dump.text.includes(person.phone.replace(/^\+/, '')))
  forbid('name', lower.includes(person.name.toLowerCase()))
  forbid('request details', lower.includes('salmiya'))
  forbid('verification code', new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`).test(dump.text))
  forbid('status token', dump.text.includes(statusToken))
  forbid('status token of the access request', dump.text.includes(access.token))
  forbid(
    'verification code of the access request',
    new RegExp(`(?<![0-9A-Za-z])${accessCode}(?![0-9A-Za-z])`).test(dump.text),
  )
  forbid('download link', dump.text.includes(downloadSecret))
  forbid('unsubscribe token', dump.text.includes(unsubscribeToken))
  const leaks = found.map((what) => {
    const needle =
      what === 'email'
        ? email
        : what === 'phone'
          ? person.phone.replace(/^\+/, '')
          : what === 'name'
            ? person.name.toLowerCase()
            : ''
    const line = needle ? lower.split('\n').find((l) => l.includes(needle)) : undefined
    return `${what}${line ? ` in ${line.split(' ')[0]}` : ''}`
  })
  assert.deepEqual(leaks, [], `found after erasure: ${leaks.join('; ')}`)
})
