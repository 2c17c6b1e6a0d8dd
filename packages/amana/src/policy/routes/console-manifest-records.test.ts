import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMember, signIn } from '../../staff/testing.ts'
import { pdfText } from '../../testing/pdf-text.ts'
import { createTestApp } from '../../testing/test-app.ts'

/** The links of one record on the manifest page, by format. */
const recordLinks = (page: string, record: 'processing' | 'transfers') => {
  const item = page.slice(page.indexOf(`data-record="${record}"`)).split('</li>')[0] ?? ''
  return Object.fromEntries(
    [...item.matchAll(/<a href="([^"]+)" data-format="(\w+)">/g)].map((m) => [
      m[2],
      (m[1] ?? '').replaceAll('&amp;', '&'),
    ]),
  )
}

// Real Chromium prints the PDFs (AMANA_CHROMIUM_PATH, default /usr/bin/chromium).
test('the manifest page links the record of processing and the transfer register as PDF, printable page and CSV, in the reader’s language; each link downloads, and the download is audited', async () => {
  const t = await createTestApp()
  try {
    const viewer = await addMember(t, 'viewer')
    const { cookie } = await signIn(t, viewer.email, viewer.password)
    const get = (url: string) => t.app.inject({ url, headers: { cookie } })

    for (const lang of ['en', 'ar'] as const) {
      const page = (await get(`/admin/manifest?lang=${lang}`)).body
      assert.match(page, lang === 'en' ? /Records for the regulator/ : /سجلات للجهة الرقابية/)
      const processing = recordLinks(page, 'processing')
      const transfers = recordLinks(page, 'transfers')
      assert.deepEqual(processing, {
        pdf: `/v1/records/processing?lang=${lang}&format=pdf`,
        html: `/v1/records/processing?lang=${lang}&format=html`,
        csv: `/v1/records/processing?lang=${lang}&format=csv`,
      })
      assert.deepEqual(transfers, {
        pdf: `/v1/records/transfers?lang=${lang}&format=pdf`,
        html: `/v1/records/transfers?lang=${lang}&format=html`,
      })
      const transfersPage = (await get(`/admin/transfers?lang=${lang}`)).body
      assert.ok(transfersPage.includes(`href="/v1/records/transfers?lang=${lang}&amp;format=pdf"`))
    }

    const ar = recordLinks((await get('/admin/manifest?lang=ar')).body, 'processing')
    const pdf = await get(ar.pdf as string)
    assert.equal(pdf.statusCode, 200, pdf.body)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.match(await pdfText(pdf.rawPayload), /سجل أنشطة المعالجة/)
    const csv = await get(ar.csv as string)
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)

    await t.services.audit.flush()
    const audited = await t.database.db
      .selectFrom('audit_entry')
      .select('action')
      .where('action', '=', 'records.report-downloaded')
      .where('actor_id', '=', viewer.id)
      .execute()
    assert.equal(audited.length, 2, 'the PDF and the CSV')
  } finally {
    await t.close()
  }
})
