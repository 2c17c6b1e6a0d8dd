/**
 * The console's dry run and each system's record (issue 13), over HTTP on the HTML staff read: the
 * whole plan per system and table (deleted, anonymised, held, with holds' ends), what stops a
 * request (a CHECK constraint the anonymised value breaks), the check's other findings, and after
 * the request ran, each system's record in plain words, in English and Arabic.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import pg from 'pg'
import { startDemoShop } from '../../packages/amana/src/demo/index.ts'
import { addMember, asStaff, signIn } from '../../packages/amana/src/staff/testing.ts'
import { createTestApp, loadDemoManifest } from '../../packages/amana/src/testing/test-app.ts'

const rumrom = join(import.meta.dirname, '../../examples/rumrom-bakery/shop')

test('the dry run page shows the whole plan, what stops the request, and the warnings; the request page each system’s record', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'amana-dry-run-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const manifest = await loadDemoManifest()
  const shop = await startDemoShop({ dir, source: rumrom, manifest: manifest.manifest, memory: true })
  t.after(() => shop.close())
  const shopSql = async (text: string) => {
    const client = new pg.Client({ connectionString: shop.databaseUrl })
    await client.connect()
    try {
      await client.query(text)
    } finally {
      await client.end()
    }
  }
  const app = await createTestApp({ manifest, env: { ...shop.env } })
  t.after(() => app.close())
  const officer = await addMember(app, 'privacy-officer')
  const session = await signIn(app, officer.email, officer.password)
  const get = (url: string) => app.app.inject({ url, headers: { ...asStaff(session), accept: 'text/html' } })

  const submitted = await app.services.requests.submit(
    { type: 'erasure', email: 'noura.k@example.com', channel: 'email', requester: 'self', locale: 'en' },
    { ip: '203.0.113.7' },
  )
  assert.ok(submitted.ok)
  const row = await app.services.requests.store.byReference(submitted.reference)
  assert.ok(row)
  const page = `/admin/requests/${row.id}/dry-run`
  const before = await get(`${page}?lang=en`)
  assert.equal(before.statusCode, 200)
  assert.match(before.body, /once the customer’s identity is checked/)
  await app.database.db
    .updateTable('dsr_request')
    .set({ status: 'verified', verified_at: new Date(), verification: 'email-code' })
    .where('id', '=', row.id)
    .execute()

  // A CHECK the erasure would break (kept orders lose their link to the deleted customer): the
  // request stops, and the page names the table, the column, the constraint and the fix.
  await shopSql(
    'alter table orders add constraint orders_customer_required check (customer_id is not null) not valid',
  )
  const stopped = await get(`${page}?lang=en`)
  assert.equal(stopped.statusCode, 200)
  const stops = stopped.body.slice(stopped.body.indexOf('data-findings="stops"'))
  assert.match(stops, /shop_db\.orders\.customer_id/)
  assert.match(stops, /CHECK constraint &quot;orders_customer_required&quot;.*Fix:/)
  assert.match(stopped.body, /The plan is worked out once nothing stops the request/)
  // In Arabic the finding reads in Arabic (issue 18): names and the clause isolated, no English around them.
  const stoppedAr = await get(`${page}?lang=ar`)
  const stopsAr = stoppedAr.body.slice(stoppedAr.body.indexOf('data-findings="stops"'))
  const cell = /<td lang="ar">([^<]*قيد التحقق[^<]*)<\/td>/.exec(stopsAr)?.[1] ?? ''
  assert.match(cell, /\u2068orders_customer_required\u2069/)
  assert.deepEqual(cell.replace(/\u2068[^\u2069]*\u2069/g, '').match(/[A-Za-z]+/g), null, cell)
  assert.doesNotMatch(stopsAr, /lang="en"/)
  await shopSql('alter table orders drop constraint orders_customer_required')

  // The whole plan, per system and table, with holds and their end; the check's warnings.
  const en = await get(`${page}?lang=en`)
  assert.equal(en.statusCode, 200)
  assert.match(en.body, /data-stops="0"/)
  assert.match(en.body, /<tr data-table="customers" data-action="delete">.*<td>1<\/td>/)
  assert.match(en.body, /<tr data-table="addresses" data-action="delete">/)
  assert.match(
    en.body,
    /<tr data-table="orders" data-action="anonymise">.*Kept under a legal hold \(<bdi>[^<]+<\/bdi>\) until <bdi>\d+ \w+ \d{4}<\/bdi>/,
  )
  assert.match(en.body, /<table data-system="support_inbox">.*A staff member must do it by hand/s)
  const warnings = en.body.slice(en.body.indexOf('data-findings="warnings"'))
  assert.match(warnings, /shop_db\.customers\.email.*case-sensitive/)
  assert.doesNotMatch(en.body, /noura\.k@example\.com/i, 'no value of the customer is shown')
  const ar = await get(`${page}?lang=ar`)
  assert.match(ar.body, /dir="rtl"/)
  assert.match(ar.body, /ما سيحدث، جدولًا جدولًا/)
  assert.match(ar.body, /تُحفظ بموجب التزام قانوني/)
  assert.match(ar.body, /تستحق المعالجة/)
  const warningsAr = ar.body.slice(ar.body.indexOf('data-findings="warnings"'))
  assert.match(warningsAr, /<td lang="ar">[^<]*يميّز بين الأحرف الكبيرة والصغيرة/)

  // Each system's record on the request page, as the executor writes it (counts, never values).
  const started = new Date('2026-03-01T10:00:00Z')
  await app.database.db
    .insertInto('dsr_system_step')
    .values([
      {
        request_id: row.id,
        step: 'erase',
        system: 'shop_db',
        status: 'done',
        attempts: 1,
        started_at: started,
        finished_at: new Date('2026-03-01T10:00:02Z'),
        recovered_at: new Date('2026-03-01T10:05:00Z'),
        changes: JSON.stringify([
          { table: 'customers', action: 'delete', rows: 1, columns: [] },
          {
            table: 'orders',
            action: 'anonymise',
            rows: 2,
            columns: ['customer_id'],
            held: [{ columns: ['total'], until: '2033-03-01T00:00:00.000Z' }],
          },
        ]),
      },
      {
        request_id: row.id,
        step: 'erase',
        system: 'crm',
        status: 'failed',
        attempts: 3,
        started_at: started,
        error: 'CONNECTOR_FAILED: newsletter rows are locked by billing',
        changes: null,
      },
    ])
    .execute()
  const detail = await get(`/admin/requests/${row.id}?lang=en`)
  assert.equal(detail.statusCode, 200)
  const records = detail.body.slice(detail.body.indexOf('id="h-systems"'))
  assert.match(records, /Each system’s record/)
  assert.match(records, /data-system="shop_db" data-status="done".*Done on .*Attempts: <bdi>1<\/bdi>/s)
  assert.match(records, /Recorded after a crash/)
  assert.match(records, /<bdi>customers<\/bdi>: records deleted: <bdi>1<\/bdi>/)
  assert.match(
    records,
    /<bdi>orders<\/bdi>: records anonymised: <bdi>2<\/bdi>.*Kept until <bdi>1 March 2033<\/bdi>: <bdi>total<\/bdi>/s,
  )
  assert.match(
    records,
    /data-system="crm" data-status="failed".*Failed \(last tried .*Attempts: <bdi>3<\/bdi>/s,
  )
  assert.match(detail.body, /href="\/admin\/requests\/[^"]+\/dry-run\?lang=en"/)
  const detailAr = await get(`/admin/requests/${row.id}?lang=ar`)
  assert.match(detailAr.body, /سجل كل نظام/)
  assert.match(detailAr.body, /عدد السجلات المحذوفة: <bdi>١<\/bdi>|عدد السجلات المحذوفة: <bdi>1<\/bdi>/)
  assert.match(detailAr.body, /عدد المحاولات/)
})
