import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseDocument } from 'yaml'
import { parseManifest } from '../manifest/index.ts'
import { ownRecordFindings } from './check.ts'

// `amana check` on the periods of Amana's own records: a period that is not a duration names its
// field; a period shorter than a served law asks (CCPA: request records, 24 months) is reported.

const examples = new URL('../../../../examples/', import.meta.url)
const withOwnRecords = (example: string, ownRecords: Record<string, string> | undefined) => {
  const doc = parseDocument(readFileSync(new URL(`${example}/amana.yaml`, examples), 'utf8'))
  if (ownRecords) doc.setIn(['ownRecords'], ownRecords)
  return parseManifest(doc.toString())
}

const findingsFor = (example: string, ownRecords?: Record<string, string>) => {
  const parsed = withOwnRecords(example, ownRecords)
  if (!parsed.ok) assert.fail(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
  return ownRecordFindings(parsed.value.manifest, parsed.value.sourceMap)
}

describe('own records in amana check', () => {
  it('a period that is not a duration is refused, naming the field and the form it takes', () => {
    const parsed = withOwnRecords('rumrom-bakery', { sentMail: '90 days' })
    assert.equal(parsed.ok, false)
    const issue = parsed.ok ? undefined : parsed.issues.find((i) => i.path.includes('ownRecords'))
    assert.ok(issue, 'an issue on ownRecords')
    assert.match(`${issue.path} ${issue.message}`, /ownRecords\.sentMail.*ISO-8601 duration such as P7Y/)
  })

  it('request records kept 12 months where the CCPA applies: a warning naming the field, the law and the fix', () => {
    const [finding, ...rest] = findingsFor('lumen-web-shop', { requestRecords: 'P12M' })
    assert.equal(rest.length, 0)
    assert.ok(finding)
    assert.equal(finding.rule, 'own-records.shorter-than-law')
    assert.equal(finding.severity, 'warning', 'the 24-month source is unverified')
    assert.equal(finding.path, 'ownRecords.requestRecords')
    assert.match(finding.message, /kept P12M, shorter than Cal\. Code Regs\. tit\. 11 § 7101/)
    assert.match(finding.fix, /requestRecords: P24M/)
    assert.ok(finding.line > 1, 'points at the line in amana.yaml')
  })

  it('the default (three years) satisfies the CCPA; a shop no such law serves may keep them shorter', () => {
    assert.deepEqual(findingsFor('lumen-web-shop'), [])
    assert.deepEqual(findingsFor('rumrom-bakery', { requestRecords: 'P1M' }), [])
  })
})
