import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { packsFor } from '../jurisdictions/index.ts'
import { type Manifest, ownRecordKinds, ownRecordPeriods, parseManifest } from '../manifest/index.ts'
import { formatDuration, renderPolicy, statementsOf } from '../policy/index.ts'

// The policy states the periods of Amana's own records from the same source the own-records sweep
// reads (ownRecordPeriods): a declared period and a default alike, in English and Arabic, each row
// traced to the field that declares it.

const rumrom = (): Manifest => {
  const parsed = parseManifest(
    readFileSync(new URL('../../../../examples/rumrom-bakery/amana.yaml', import.meta.url), 'utf8'),
  )
  if (!parsed.ok) assert.fail('the example parses')
  return parsed.value.manifest
}

const rows = (manifest: Manifest, locale: 'en' | 'ar') =>
  new Map(
    statementsOf(renderPolicy(manifest, packsFor(manifest.jurisdictions), { locale, version: 'test' })).map(
      (s) => [s.id, s],
    ),
  )

describe('the policy and the own-records sweep state the same periods', () => {
  const manifest: Manifest = {
    ...rumrom(),
    ownRecords: { sentMail: 'P60D', requestRecords: 'P5Y', logs: 'P6M' },
  }
  const periods = ownRecordPeriods(manifest)

  for (const locale of ['en', 'ar'] as const)
    it(`every kind, declared or default, in ${locale}`, () => {
      const byId = rows(manifest, locale)
      for (const kind of ownRecordKinds) {
        const row = byId.get(`retention.own-${kind}`)
        assert.ok(row && 'cells' in row, `${kind} has a row`)
        assert.equal(row.cells[1], formatDuration(periods[kind].keep, locale, 'nominative'))
        assert.deepEqual(row.sourcePaths, [periods[kind].path ?? 'jurisdictions'])
      }
      const logs = byId.get('retention.own-logs')
      assert.ok(logs && 'text' in logs)
      assert.ok(logs.text.includes(formatDuration('P6M', locale)), logs.text)
    })

  it('what a reader sees: 60 days for sent mail, 5 years for requests, the 1-day and 3-year defaults', () => {
    const byId = rows(manifest, 'en')
    const cells = (id: string) => {
      const row = byId.get(id)
      return row && 'cells' in row ? row.cells.join(' | ') : ''
    }
    assert.match(cells('retention.own-sentMail'), /60 days \| after it was sent \| deleted/)
    assert.match(cells('retention.own-requestRecords'), /5 years \| after your request was closed \| reduced/)
    assert.match(cells('retention.own-verificationCodes'), /1 day \| after it expired/)
    assert.match(
      cells('retention.own-consentRecords'),
      /3 years \| after you withdrew or changed that choice/,
    )
    assert.match(cells('retention.own-audit'), /12 months/)
  })

  it('without a log period, the policy says only that Amana keeps no log file of its own', () => {
    const byId = rows(rumrom(), 'en')
    const logs = byId.get('retention.own-logs')
    assert.ok(logs && 'text' in logs)
    assert.doesNotMatch(logs.text, /keeps them for/)
    assert.match(logs.text, /keeps no log file of its own/)
  })
})
