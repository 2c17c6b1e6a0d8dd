import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { packsFor } from '../jurisdictions/index.ts'
import { addMember, asStaff, type SignedIn, signIn } from '../staff/testing.ts'
import { pdfText } from '../testing/pdf-text.ts'
import { createTestApp, createTestConfig, loadDemoManifest, type TestApp } from '../testing/test-app.ts'

/**
 * Every printable export as PDF, printed by Debian's Chromium, read back by PDF.js: the file is a PDF,
 * and a reader finds the Arabic words in the order they are written and the figures the law sets.
 */
describe('PDF exports: Arabic in reading order, the same figures as the HTML', () => {
  const clock = { now: new Date('2026-05-10T20:00:00Z') }
  let t: TestApp
  let owner: SignedIn
  let incident: string
  before(async () => {
    const loaded = await loadDemoManifest()
    const manifest = structuredClone(loaded.manifest)
    manifest.jurisdictions = ['kw', 'eu-gdpr']
    t = await createTestApp({
      manifest: { ...loaded, manifest, packs: packsFor(manifest.jurisdictions) },
      now: () => new Date(clock.now),
    })
    const member = await addMember(t, 'owner')
    owner = await signIn(t, member.email, member.password)
    const opened = await get('/v1/incidents', {
      discoveredAt: '2026-05-10T08:00:00Z',
      summary: 'An order export left on a shared drive',
      systems: ['shop_db'],
      categories: ['contact'],
    })
    assert.equal(opened.statusCode, 201, opened.body)
    incident = opened.json().id
  })
  after(async () => {
    await t?.close()
  })
  const get = (url: string, payload?: object) =>
    t.app.inject({
      method: payload ? 'POST' : 'GET',
      url,
      headers: asStaff(owner),
      ...(payload ? { payload } : {}),
    })
  /** The PDF at `url`, checked to be one, as its text. */
  const pdfAt = async (url: string) => {
    const response = await get(url)
    assert.equal(response.statusCode, 200, response.body.slice(0, 500))
    assert.equal(response.headers['content-type'], 'application/pdf')
    assert.match(String(response.headers['content-disposition']), /^attachment; filename=".+\.pdf"$/)
    assert.equal(response.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-')
    return pdfText(response.rawPayload)
  }

  test("the report to Kuwait's CITRA in Arabic: its title and the 24-hour deadline, read right to left", async () => {
    const text = await pdfAt(`/v1/incidents/${incident}/reports/kw?lang=ar&format=pdf`)
    assert.match(text, /تقرير اختراق بيانات شخصية/)
    assert.match(text, /هيئة الاتصالات وتقنية المعلومات/)
    assert.match(text, /خلال 24 ساعة من الاكتشاف/)
    assert.ok(!text.includes('\u0000'), 'every printed letter maps back to a character')
  })

  test('the report to an EU authority in English says 72 hours', async () => {
    const text = await pdfAt(`/v1/incidents/${incident}/reports/eu-gdpr?lang=en&format=pdf`)
    assert.match(text, /Personal data breach report/)
    assert.match(text, /within 72 hours of discovery/)
  })

  test("the breach register, the record of processing, transfers, Kenya's registration and the retention report", async () => {
    assert.match(
      await pdfAt('/v1/incidents/breach-register?lang=ar&format=pdf'),
      /سجل خروقات البيانات الشخصية/,
    )
    assert.match(await pdfAt('/v1/records/processing?lang=ar&format=pdf'), /سجل أنشطة المعالجة/)
    assert.match(await pdfAt('/v1/records/transfers?lang=ar&format=pdf'), /وثائق نقل البيانات/)
    assert.match(
      await pdfAt('/v1/records/odpc-registration?lang=en&format=pdf'),
      /Office of the Data\s+Protection Commissioner/,
    )
    assert.match(await pdfAt('/v1/retention/report?lang=ar&format=pdf'), /تقرير الاحتفاظ بالبيانات/)
  })

  test("a customer's transfer documentation as PDF, public, printed once per language", async () => {
    const first = await t.app.inject({ method: 'GET', url: '/privacy/transfers?lang=ar&format=pdf' })
    assert.equal(first.statusCode, 200)
    assert.match(await pdfText(first.rawPayload), /وثائق نقل البيانات/)
    const again = await t.app.inject({ method: 'GET', url: '/privacy/transfers?lang=ar&format=pdf' })
    assert.deepEqual(again.rawPayload, first.rawPayload)
  })

  test("a request's evidence bundle in Arabic, with its reference and audit entries", async () => {
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'access', email: 'layla.ahmad@example.com', locale: 'ar' },
    })
    assert.equal(submitted.statusCode, 202, submitted.body)
    const reference = submitted.json().reference as string
    const row = await t.database.db
      .selectFrom('dsr_request')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
    await t.services.audit.flush()
    const text = await pdfAt(`/v1/requests/${row.id}/evidence?lang=ar&format=pdf`)
    assert.match(text, /ملف الإثبات للطلب/)
    assert.ok(text.includes(reference), 'the reference is printed')
    assert.match(text, /قيود سجل التدقيق الخاصة بهذا الطلب/)
    // Taking a copy of the evidence is itself in the audit ledger, with the format taken.
    await t.services.audit.flush()
    const exported = await t.database.db
      .selectFrom('audit_entry')
      .select('body')
      .where('action', '=', 'records.evidence-exported')
      .execute()
    assert.equal(exported.length, 1)
    assert.match(exported[0]?.body ?? '', /"format":"pdf"/)
    assert.match(exported[0]?.body ?? '', new RegExp(row.id))
  })

  test('a PDF needs the permission its HTML needs', async () => {
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/v1/incidents/${incident}/reports/kw?lang=ar&format=pdf`,
    })
    assert.equal(anonymous.statusCode, 401)
  })
})

describe('PDF exports without Chromium', () => {
  let t: TestApp
  let owner: SignedIn
  before(async () => {
    t = await createTestApp({ config: createTestConfig({ AMANA_CHROMIUM_PATH: '/nonexistent/chromium' }) })
    const member = await addMember(t, 'owner')
    owner = await signIn(t, member.email, member.password)
  })
  after(async () => {
    await t?.close()
  })

  test('the PDF answers 503 naming AMANA_CHROMIUM_PATH and the fix; the HTML is still there', async () => {
    const pdf = await t.app.inject({
      method: 'GET',
      url: '/v1/records/processing?lang=ar&format=pdf',
      headers: asStaff(owner),
    })
    assert.equal(pdf.statusCode, 503)
    const error = pdf.json().error
    assert.equal(error.code, 'PDF_UNAVAILABLE')
    assert.match(error.message, /AMANA_CHROMIUM_PATH/)
    assert.match(error.message, /apt-get install chromium/)
    assert.match(error.message, /format=html/)
    const html = await t.app.inject({
      method: 'GET',
      url: '/v1/records/processing?lang=ar&format=html',
      headers: asStaff(owner),
    })
    assert.equal(html.statusCode, 200)
    assert.match(html.body, /سجل أنشطة المعالجة/)
  })
})
