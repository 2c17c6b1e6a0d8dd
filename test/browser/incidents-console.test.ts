import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import { addMember, asStaff, type SignedIn, signIn } from '../../packages/amana/src/staff/testing.ts'
import {
  axeViolations,
  launchChromium,
  skipWithoutChromium,
} from '../../packages/amana/src/testing/browser.ts'
import { createTestApp, loadDemoManifest, type TestApp } from '../../packages/amana/src/testing/test-app.ts'
import { createDatabaseWith, type RealDatabase } from '../fixtures/real-schema/real-schema.ts'

/**
 * Issue 19: the console's incident page (clocks as countdowns, risk, scope with its reasoning, the
 * notices review with each guess labelled, reports, timeline, an action recorded through its form)
 * and complaint page (escalation routes in the person's language; assign, note, resolve through the
 * forms), in English and Arabic, with no axe violation.
 */
const skip = skipWithoutChromium()
const clock = new Date('2026-05-10T20:00:00Z')
let browser: Browser
let db: RealDatabase
let t: TestApp
let base: string
let owner: SignedIn
let incidentId: string
let complaintId: string

before(async () => {
  if (skip) return
  db = await createDatabaseWith(
    'postgres',
    process.env.TEST_DATABASE_URL,
    [
      `create table customers (id bigint primary key, first_name text not null, last_name text not null,
        email text not null, phone text, country char(2), lang varchar(5))`,
      `create table orders (id bigint primary key, customer_id bigint not null references customers (id),
        ordered_at timestamptz not null, total numeric(10, 3) not null)`,
    ],
    [
      [
        'customers',
        [
          {
            id: 1,
            first_name: 'فاطمة',
            last_name: 'العلي',
            email: 'f@example.kw',
            phone: '+965 5000 0001',
            country: 'KW',
            lang: 'ar',
          },
          {
            id: 2,
            first_name: 'Anna',
            last_name: 'Schmidt',
            email: 'a@example.de',
            phone: '+49 30 1234567',
            country: null,
            lang: null,
          },
        ],
      ],
      [
        'orders',
        [
          { id: 10, customer_id: 1, ordered_at: '2026-05-09T10:00:00Z', total: 5 },
          { id: 11, customer_id: 2, ordered_at: '2026-05-09T11:00:00Z', total: 6 },
        ],
      ],
    ],
  )
  const loaded = await loadDemoManifest()
  const manifest = structuredClone(loaded.manifest)
  manifest.jurisdictions = ['kw', 'eu-gdpr']
  manifest.systems = {
    shop_db: {
      kind: 'postgres',
      connection: { env: 'SHOP_DB_URL' },
      country: 'KW',
      tables: {
        customers: { key: 'id', identity: ['email', 'phone'], country: 'country', language: 'lang' },
        orders: { key: 'id', references: { customer_id: 'customers.id' } },
      },
    },
  } as never
  t = await createTestApp({
    manifest: { ...loaded, manifest, packs: packsFor(manifest.jurisdictions) },
    env: { SHOP_DB_URL: db.url },
    now: () => new Date(clock),
  })
  base = await t.app.listen({ port: 0, host: '127.0.0.1' })
  const member = await addMember(t, 'owner')
  owner = await signIn(t, member.email, member.password)
  const call = async (url: string, payload: object) => {
    const r = await t.app.inject({ method: 'POST', url, headers: asStaff(owner), payload })
    assert.ok(r.statusCode < 300, r.body)
    return r.json()
  }
  incidentId = (
    await call('/v1/incidents', {
      discoveredAt: '2026-05-10T08:00:00Z',
      summary: 'Order export left on a public link',
      systems: ['shop_db'],
      categories: ['contact'],
      team: ['security@rumrom.example'],
    })
  ).id
  await call(`/v1/incidents/${incidentId}/scope`, {
    tables: [{ system: 'shop_db', table: 'orders', timeColumn: 'ordered_at' }],
    from: '2026-05-09T00:00:00Z',
    to: '2026-05-10T00:00:00Z',
  })
  const filed = await t.app.inject({
    method: 'POST',
    url: '/v1/complaints',
    payload: { email: 'noura@example.kw', summary: 'استخدمتم بريدي للتسويق دون موافقتي', locale: 'ar' },
  })
  assert.equal(filed.statusCode, 201, filed.body)
  complaintId = ((await t.services.complaints.list({}))[0] as { id: string }).id
  browser = await launchChromium()
})

after(async () => {
  if (skip) return
  await browser?.close()
  await t?.close()
  await db?.drop()
})

const open = async (path: string): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.addCookies([{ name: 'amana_session', value: owner.sessionId, url: base }])
  const page = await context.newPage()
  const response = await page.goto(`${base}${path}`)
  assert.equal(response?.status(), 200, path)
  return page
}

const noViolations = async (page: Page) => {
  const violations = await axeViolations(page)
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
  )
}

test('incident page in English: countdowns, risk, scope reasoning, notices review with guesses labelled, reports; an action is recorded', {
  skip,
}, async () => {
  const page = await open(`/admin/incidents?lang=en`)
  await page.getByRole('link', { name: /^INC-/ }).first().click()
  await page.waitForURL(`**/admin/incidents/${incidentId}?lang=en`)
  const text = (await page.textContent('main')) ?? ''
  // 12 h after discovery: CITRA's 24 h clock has 12 h 0 min left; the EU's 72 h has 60 h.
  assert.match(text, /12 h 0 min left/)
  assert.match(text, /60 h 0 min left/)
  assert.match(text, /2 people: the rows of shop_db\.orders whose ordered_at falls in the window/)
  // Fatima's country and language are declared; Anna's are guessed, and the review says so.
  const anna = (await page.locator('tr', { hasText: 'shop_db:customers:2' }).textContent()) ?? ''
  assert.match(anna, /Guess — guess: from the phone number's country code/)
  assert.match(anna, /Guess — guess: from the script of the person's name/)
  const fatima = (await page.locator('tr', { hasText: 'shop_db:customers:1' }).textContent()) ?? ''
  assert.doesNotMatch(fatima, /Guess/)
  assert.match(fatima, /country from the shop's declared column/)
  assert.ok(await page.getByRole('link', { name: 'printable (العربية)' }).first().isVisible())
  // The report's PDF link downloads the report printed by Chromium, with the staff member's session.
  const pdfHref = await page.getByRole('link', { name: 'PDF (العربية)' }).first().getAttribute('href')
  const pdf = await page.request.get(new URL(pdfHref ?? '', page.url()).href)
  assert.equal(pdf.status(), 200)
  assert.equal(pdf.headers()['content-type'], 'application/pdf')
  assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-')
  await noViolations(page)
  await page.getByLabel('Action taken').fill('Public link revoked; export deleted from the bucket')
  await page.getByRole('button', { name: 'Record an action' }).click()
  await page.waitForURL(`**/admin/incidents/${incidentId}?lang=en`)
  assert.match((await page.textContent('main')) ?? '', /Public link revoked; export deleted from the bucket/)
  await page.context().close()
})

test('incident page in Arabic: right to left, the same facts, no axe violation', { skip }, async () => {
  const page = await open(`/admin/incidents/${incidentId}?lang=ar`)
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl')
  const text = (await page.textContent('main')) ?? ''
  assert.match(text, /متبقٍ 12 ساعة و0 دقيقة/)
  assert.match(text, /تخمين — تخمين: من رمز البلد في رقم الهاتف/)
  await noViolations(page)
  await page.context().close()
})

test('complaint page: Arabic complaint with its routes in Arabic; assigned, noted and resolved through the forms; EN and AR without axe violations', {
  skip,
}, async () => {
  const page = await open(`/admin/complaints?lang=en`)
  await page.getByRole('link', { name: /^CMP-/ }).first().click()
  await page.waitForURL(`**/admin/complaints/${complaintId}?lang=en`)
  const routes = page.locator('ul[lang="ar"]')
  assert.equal(await routes.getAttribute('dir'), 'rtl')
  assert.match((await routes.textContent()) ?? '', /[\u0600-\u06FF]/)
  assert.match((await page.textContent('main')) ?? '', /استخدمتم بريدي للتسويق دون موافقتي/)
  await noViolations(page)
  await page.getByLabel('Assign to').fill('Huda (privacy lead)')
  await page.getByRole('button', { name: 'Assign' }).click()
  await page.waitForURL(`**/admin/complaints/${complaintId}?lang=en`)
  await page.getByLabel('Note', { exact: true }).fill('Called the customer; marketing consent record checked')
  await page.getByRole('button', { name: 'Add a note' }).click()
  await page.waitForURL(`**/admin/complaints/${complaintId}?lang=en`)
  await page.getByLabel('Resolution given to the person').fill('Removed from marketing; apology sent')
  await page.getByRole('button', { name: 'Resolve' }).click()
  await page.waitForURL(`**/admin/complaints/${complaintId}?lang=en`)
  const main = (await page.textContent('main')) ?? ''
  assert.match(main, /Huda \(privacy lead\)/)
  assert.match(main, /Called the customer; marketing consent record checked/)
  assert.match(main, /Removed from marketing; apology sent/)
  assert.match(main, /Resolved/)
  await page.context().close()
  const ar = await open(`/admin/complaints/${complaintId}?lang=ar`)
  assert.equal(await ar.getAttribute('html', 'dir'), 'rtl')
  await noViolations(ar)
  await ar.context().close()
  // Each read of the complaint's text is a staff read of personal data, in the audit ledger.
  const reads = await t.database.db
    .selectFrom('audit_entry')
    .select('seq')
    .where('action', '=', 'complaint.read')
    .execute()
  assert.ok(reads.length >= 5)
})
