import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { parseBody, verifyExport } from '../audit/index.ts'
import { loadManifest, type Manifest, processorName } from '../manifest/index.ts'
import { addMember, asStaff, signIn } from '../staff/testing.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { recordCsv, recordHtml, recordOfProcessing } from './index.ts'

const examples = ['rumrom-bakery', 'omani-sweets', 'kenya-outsourcing']
const load = async (name: string): Promise<Manifest> => {
  const result = await loadManifest(join(import.meta.dirname, '../../../../examples', name, 'amana.yaml'))
  assert.ok(result.ok, `${name} loads`)
  return result.value.manifest
}
const sorted = (items: Iterable<string>) => [...items].sort()

describe('record of processing activities from each example manifest', () => {
  for (const name of examples)
    test(`${name}: every purpose, category, recipient, transfer and retention period the manifest declares, and nothing else`, async () => {
      const m = await load(name)
      const record = recordOfProcessing(m, 'en')
      assert.deepEqual(sorted(record.activities.map((a) => a.purpose)), sorted(Object.keys(m.purposes)))
      for (const a of record.activities) {
        const p = m.purposes[a.purpose]
        assert.ok(p)
        assert.deepEqual(a.categories, p.categories, `${a.purpose}: categories`)
        assert.deepEqual(
          sorted(a.recipients),
          sorted(
            Object.keys(p.shares ?? {}).map((id) => {
              const processor = m.processors?.[id]
              return processor ? processorName(processor) : id
            }),
          ),
          `${a.purpose}: recipients`,
        )
        // Each category's retention as the manifest says it, for exactly the purpose's categories that have one.
        const expected = p.categories
          .filter((c) => m.categories[c]?.retention)
          .map(
            (c) =>
              `${c} ${m.categories[c]?.retention?.keep} ${m.categories[c]?.retention?.after} ${m.categories[c]?.retention?.action}`,
          )
        if (p.retention)
          expected.unshift(
            `purpose:${a.purpose} ${p.retention.keep} ${p.retention.after} ${p.retention.action}`,
          )
        assert.deepEqual(
          a.retention.map((r) => `${r.category} ${r.keep} ${r.after} ${r.action}`),
          expected,
          `${a.purpose}: retention`,
        )
      }
      assert.deepEqual(sorted(record.categories.map((c) => c.id)), sorted(Object.keys(m.categories)))
      for (const c of record.categories)
        assert.equal(c.retention?.keep, m.categories[c.id]?.retention?.keep, `${c.id}: retention period`)
      assert.deepEqual(sorted(record.recipients.map((r) => r.id)), sorted(Object.keys(m.processors ?? {})))
      const abroad = Object.values(m.processors ?? {}).filter((p) =>
        p.countries.some((c) => c !== m.organisation.homeCountry),
      )
      assert.deepEqual(
        sorted(record.transfers.map((t) => t.recipient)),
        sorted(abroad.map((p) => processorName(p))),
      )
      for (const t of record.transfers) {
        const p = abroad.find((x) => x.name === t.recipient)
        assert.equal(t.mechanism, p?.transfer?.mechanism ?? null)
        assert.ok(!t.countries.includes(m.organisation.homeCountry))
      }

      // The CSV has one row per purpose (plus the header), headed in the record's language.
      const csv = recordCsv(record, 'en')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
      assert.equal(csv.length, Object.keys(m.purposes).length + 1)
      assert.match(csv[0] ?? '', /^Purpose,Legal basis,People,Categories of data,Recipients/)
      const arabic = recordOfProcessing(m, 'ar')
      const html = recordHtml(arabic, 'ar')
      assert.match(html, /dir="rtl"/)
      assert.match(html, /سجل أنشطة المعالجة/)
      for (const a of arabic.activities) assert.ok(html.includes(a.title.replaceAll('&', '&amp;')), a.title)
      assert.match(recordCsv(arabic, 'ar'), /^\uFEFFالغرض,الأساس القانوني/)
    })
})

describe('records over HTTP: the record for staff, the transfer documentation for customers', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp()
  })
  after(async () => {
    await t?.close()
  })

  test('a privacy officer downloads the record as CSV; anyone downloads the transfer documentation in their language', async () => {
    const unauthenticated = await t.app.inject({ method: 'GET', url: '/v1/records/processing?format=csv' })
    assert.equal(unauthenticated.statusCode, 401)
    const member = await addMember(t, 'privacy-officer')
    const s = await signIn(t, member.email, member.password)
    const csv = await t.app.inject({
      method: 'GET',
      url: '/v1/records/processing?format=csv',
      headers: asStaff(s),
    })
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.match(String(csv.headers['content-disposition']), /record-of-processing-en\.csv/)
    assert.match(csv.body, /Mailchimp/)

    const page = await t.app.inject({ method: 'GET', url: '/privacy/transfers?lang=ar' })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /وثائق نقل البيانات/)
    // RUMROM sends data to the US (Google Analytics, Mailchimp, Meta) under standard contractual clauses.
    for (const name of ['Google Analytics', 'Mailchimp', 'Meta Pixel'])
      assert.ok(page.body.includes(name), name)
    assert.ok(!page.body.includes('payment processor in Kuwait'), 'a recipient in Kuwait is not a transfer')
    const json = await t.app.inject({ method: 'GET', url: '/privacy/transfers?format=json' })
    assert.deepEqual(
      json
        .json()
        .transfers.map((x: { recipient: string; countries: string[]; mechanism: string }) => [
          x.recipient,
          x.countries,
          x.mechanism,
        ]),
      [
        ['Google Analytics', ['US'], 'standard-contractual-clauses'],
        ['Mailchimp', ['US'], 'standard-contractual-clauses'],
        ['Meta Pixel', ['US'], 'standard-contractual-clauses'],
      ],
    )
  })

  test('each download of the record, the transfer register and the ODPC form is in the audit ledger: who, which report, which format; nothing personal', async () => {
    const member = await addMember(t, 'privacy-officer')
    const s = await signIn(t, member.email, member.password)
    const downloads = [
      ['/v1/records/processing?format=csv&lang=ar', 'record-of-processing', 'csv', 'ar'],
      ['/v1/records/transfers?format=html', 'transfer-register', 'html', 'en'],
      ['/v1/records/odpc-registration', 'odpc-registration', 'json', 'en'],
    ] as const
    for (const [url] of downloads) {
      const r = await t.app.inject({ method: 'GET', url, headers: asStaff(s) })
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`)
    }
    await t.services.audit.flush()
    const rows = await t.database.db
      .selectFrom('audit_entry')
      .select('body')
      .where('action', '=', 'records.report-downloaded')
      .where('actor_id', '=', member.id)
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      rows.map((r) => parseBody(r.body)).map((e) => [e.target, e.details]),
      downloads.map(([, report, format, lang]) => [report, { report, format, lang }]),
    )
    for (const r of rows)
      assert.equal(r.body.includes(member.email), false, 'the staff member by id, not address')
  })

  test("a request's evidence bundle: its timeline, steps and audit entries, whose chain proof verifies offline", async () => {
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'access', email: 'layla.ahmad@example.com', locale: 'en' },
    })
    assert.equal(submitted.statusCode, 202, submitted.body)
    const reference = submitted.json().reference as string
    const row = await t.database.db
      .selectFrom('dsr_request')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
    await t.services.audit.flush()
    await t.services.audit.checkpoint()
    const member = await addMember(t, 'owner')
    const s = await signIn(t, member.email, member.password)
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/requests/${row.id}/evidence`,
      headers: asStaff(s),
    })
    assert.equal(response.statusCode, 200, response.body)
    assert.match(String(response.headers['content-disposition']), new RegExp(`evidence-${reference}\\.json`))
    const bundle = response.json()
    assert.equal(bundle.request.reference, reference)
    assert.ok(bundle.timeline.length > 0)
    assert.ok(bundle.requestEntries.length > 0, 'the request has audit entries')
    const report = verifyExport(bundle.audit, t.services.audit.publicKey)
    assert.equal(report.ok, true, JSON.stringify(report))
    const missing = await t.app.inject({
      method: 'GET',
      url: `/v1/requests/${crypto.randomUUID()}/evidence`,
      headers: asStaff(s),
    })
    assert.equal(missing.statusCode, 404)
  })
})
