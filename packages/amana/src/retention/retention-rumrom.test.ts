import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import pg from 'pg'
import { type DemoShop, demoShopSourceOf, startDemoShop } from '../demo/index.ts'
import { demoManifestPath } from '../platform/config/index.ts'
import { formatDuration } from '../policy/format.ts'
import { renderPolicy } from '../policy/index.ts'
import { addMember, asStaff, signIn } from '../staff/testing.ts'
import { createTestApp, loadDemoManifest, type TestApp } from '../testing/test-app.ts'
import { retentionStore, retentionTargets } from './index.ts'

/**
 * RUMROM Bakery's own rules on its own shop database (examples/rumrom-bakery/shop), with a fixed
 * clock: cake designs and their images go six months after the cake is delivered; orders are
 * anonymised seven years after, younger ones stay as they are.
 */
let shop: DemoShop
let dir: string
let t: TestApp
let client: pg.Client
let clock = new Date('2026-10-10T00:00:00Z')

before(async () => {
  const loaded = await loadDemoManifest()
  dir = await mkdtemp(join(tmpdir(), 'amana-retention-'))
  shop = await startDemoShop({
    dir,
    source: demoShopSourceOf(demoManifestPath) as string,
    manifest: loaded.manifest,
  })
  t = await createTestApp({ env: shop.env, now: () => clock })
  client = new pg.Client({ connectionString: shop.databaseUrl })
  await client.connect()
})

after(async () => {
  await client?.end()
  await t?.close()
  await shop?.close()
  await rm(dir, { recursive: true, force: true })
})

const rows = async (text: string) => (await client.query(text)).rows

/** The shop tells Amana each cake was delivered: the order and its design, at the delivery time. */
const delivered = async (order: number, at: string, design?: number) => {
  const outcome = await t.services.retention.recordEvent({
    type: 'order.fulfilled',
    occurredAt: at,
    records: [
      { table: 'orders', key: String(order) },
      ...(design ? [{ table: 'cake_designs', key: String(design) }] : []),
    ],
  })
  assert.ok(outcome.ok, JSON.stringify(outcome))
}

test('a design and its image go six months after delivery (not while an incident or a verified request about its customer is open); a younger design stays', async () => {
  await delivered(1, '2026-03-11T17:00:00Z')
  await delivered(2, '2026-04-05T11:00:00Z', 1)
  await delivered(3, '2026-04-24T19:00:00Z', 2)
  const image = join(shop.uploadsDir, 'designs/layla-birthday.png')
  assert.ok(existsSync(image))

  clock = new Date('2026-10-10T00:00:00Z')
  // An open incident about Layla (as the incidents feature records it) pauses her rows.
  const store = retentionStore(t.database.db)
  await store.freeze({ subjectRef: 'customer/1', reasonKind: 'incident', reasonId: 'inc-1', at: clock })
  const frozen = await t.services.retention.sweep({ trigger: 'test' })
  assert.equal(frozen.status, 'completed', frozen.error)
  assert.equal(frozen.frozenSubjects, 1)
  assert.deepEqual(await rows('select id from cake_designs order by id'), [{ id: '1' }, { id: '2' }])
  assert.ok(existsSync(image), 'a frozen subject keeps their image too')

  await store.release({ reasonKind: 'incident', reasonId: 'inc-1', at: clock })

  // Layla, signed in at the shop, asks for a copy of her data: while that request is open her
  // design must not go (the package is about to be built from it). A request nobody has verified
  // (someone typing her address on the form) freezes nothing.
  const unverified = await t.services.requests.submit(
    { type: 'access', locale: 'en', email: 'layla.ahmad@example.com', channel: 'email', requester: 'self' },
    { ip: '203.0.113.7' },
  )
  assert.ok(unverified.ok)
  const access = await t.services.requests.submit(
    { type: 'access', locale: 'en', channel: 'email', requester: 'self' },
    { ip: '203.0.113.7', shopIdentity: { email: 'Layla.Ahmad@example.com', customerId: '1' } },
  )
  assert.ok(access.ok, 'the shop files the request for its signed-in customer')
  assert.ok(
    ['verified', 'awaiting-staff', 'in-progress'].includes(access.status),
    `a signed-in customer is verified by the shop (status ${access.status})`,
  )
  const duringRequest = await t.services.retention.sweep({ trigger: 'test' })
  assert.equal(duringRequest.status, 'completed', duringRequest.error)
  assert.equal(duringRequest.frozenSubjects, 1, 'only the verified request freezes its subject')
  assert.deepEqual(await rows('select id from cake_designs order by id'), [{ id: '1' }, { id: '2' }])
  const row = await t.services.requests.store.byReference(access.reference)
  assert.ok(row)
  assert.ok(await t.services.requests.deny(row.id, { type: 'system', id: 'test' }, 'closed for the test'))

  const report = await t.services.retention.sweep({ trigger: 'test' })
  assert.equal(report.status, 'completed', report.error)

  assert.deepEqual(await rows('select id from cake_designs order by id'), [{ id: '2' }])
  assert.deepEqual(await rows('select path from uploads order by id'), [
    { path: 'designs/yousef-graduation.png' },
  ])
  assert.equal(existsSync(image), false, 'the image file is removed from the file store')
  assert.ok(existsSync(join(shop.uploadsDir, 'designs/yousef-graduation.png')))
  // The order line keeps its amount; only its link to the deleted design is cut.
  assert.deepEqual(await rows('select design_id, unit_price from order_items where order_id = 2'), [
    { design_id: null, unit_price: '25.000' },
  ])
  assert.equal(report.byCategory.cake_designs, 2, 'one design row and one upload row')
  assert.equal(report.files, 1)

  const entry = (
    await t.database.db
      .selectFrom('audit_entry' as never)
      .selectAll()
      .execute()
  )
    .filter((e) => JSON.stringify(e).includes('retention.swept'))
    .at(-1)
  assert.ok(entry, 'the sweep is in the audit ledger')
  const body = String((entry as { body: string }).body)
  const details = (JSON.parse(body) as unknown[]).at(-1) as { byCategory: object; digest: string }
  assert.deepEqual(details.byCategory, { cake_designs: 2 })
  assert.match(details.digest, /^[0-9a-f]{64}$/)
  assert.doesNotMatch(body, /layla|yousef/i, 'the ledger names no one')
})

test('seven years after delivery an order is anonymised; a younger order is kept as it was', async () => {
  const before = await rows('select * from orders where id = 2')
  clock = new Date('2033-03-20T00:00:00Z')
  const report = await t.services.retention.sweep({ trigger: 'test' })
  assert.equal(report.status, 'completed', report.error)

  const [old] = await rows(
    'select customer_id, payment_token, card_last4, total, status from orders where id = 1',
  )
  assert.deepEqual(old, {
    customer_id: null,
    payment_token: null,
    card_last4: null,
    total: '18.750',
    status: 'delivered',
  })
  assert.deepEqual(await rows('select * from orders where id = 2'), before)
  // Orders fulfilled on 5 and 24 April 2026 are not seven years old on 20 March 2033.
  assert.equal((await rows('select count(*)::int as n from orders where customer_id is not null'))[0]?.n, 3)
  // Browsing events and sessions are counted from their own time column (13 months).
  assert.equal((await rows('select count(*)::int as n from events'))[0]?.n, 0)
  assert.equal((await rows('select count(*)::int as n from sessions'))[0]?.n, 0)

  const again = await t.services.retention.sweep({ trigger: 'test' })
  assert.deepEqual(again.counts, [], 'a second sweep finds nothing left to do')

  // The auditors' report: the rules as the sweep reads them, then each run's counts and digest.
  const officer = await addMember(t, 'privacy-officer')
  const session = await signIn(t, officer.email, officer.password)
  const csv = await t.app.inject({
    method: 'GET',
    url: '/v1/retention/report',
    headers: asStaff(session, false),
  })
  assert.equal(csv.statusCode, 200, csv.body)
  assert.match(String(csv.headers['content-type']), /^text\/csv/)
  const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n')
  assert.match(
    lines[0] ?? '',
    /^section,rule,system,table,categories,keep,after,action,declared_at,run,status/,
  )
  assert.ok(
    lines.some((l) =>
      /^rule,shop_db:P6M:order-fulfilled:delete,shop_db,cake_designs,cake_designs,P6M,order-fulfilled,delete,categories\.cake_designs\.retention/.test(
        l,
      ),
    ),
  )
  // The 2033 run anonymised one order: its line names the table, the action, the count and the digest.
  const orderRun =
    /^run,,shop_db,orders,[^,]*,,,anonymise,,[^,]+,completed,test,[^,]+,[^,]+,[^,]+,1,[0-9a-f]{64}$/
  assert.ok(
    lines.some((l) => orderRun.test(l)),
    lines.join('\n'),
  )

  // The same report printable, in Arabic and right to left: the rules, then the run that
  // anonymised the order, its count and its digest.
  const page = await t.app.inject({
    method: 'GET',
    url: '/v1/retention/report?format=html&lang=ar',
    headers: asStaff(session, false),
  })
  assert.equal(page.statusCode, 200, page.body)
  assert.match(String(page.headers['content-type']), /^text\/html/)
  assert.match(page.body, /<html lang="ar" dir="rtl">/)
  assert.match(page.body, /<h1>تقرير الاحتفاظ بالبيانات<\/h1>/)
  assert.match(page.body, /<bdi dir="ltr">shop_db:P6M:order-fulfilled:delete<\/bdi>/)
  assert.match(page.body, /<bdi dir="ltr">shop_db\.orders<\/bdi>: إخفاء الهوية <bdi dir="ltr">1<\/bdi>/)
  const [lastRun] = await t.services.retention.runs(10).then((r) => r.filter((x) => x.counts.length > 0))
  assert.ok(lastRun?.digest && page.body.includes(lastRun.digest), 'the run is printed with its digest')
  assert.doesNotMatch(page.body, /layla|yousef/i, 'the report names no one')
  const english = await t.app.inject({
    method: 'GET',
    url: '/v1/retention/report?format=html',
    headers: asStaff(session, false),
  })
  assert.match(english.body, /<html lang="en" dir="ltr">/)
  assert.match(english.body, /<bdi dir="ltr">shop_db\.orders<\/bdi>: anonymise <bdi dir="ltr">1<\/bdi>/)
})

test("the policy's retention table and the sweep read the same rule", async () => {
  const { manifest, packs } = await loadDemoManifest()
  const targets = retentionTargets(manifest)
  const design = targets.find((x) => x.categories.includes('cake_designs'))
  assert.ok(design)
  const policy = renderPolicy(manifest, packs, { locale: 'en', version: '1' })
  const row = JSON.stringify(policy).match(/"id":"retention\.category-cake_designs"[^}]*"cells":\[([^\]]*)\]/)
  assert.ok(row, 'the policy has a retention row for cake designs')
  assert.ok(row[1]?.includes(JSON.stringify(formatDuration(design.keep, 'en', 'nominative'))))
  assert.deepEqual(design.declaredAt, ['categories.cake_designs.retention'])
  assert.match(JSON.stringify(policy), /"sourcePaths":\["categories\.cake_designs\.retention"\]/)
})
