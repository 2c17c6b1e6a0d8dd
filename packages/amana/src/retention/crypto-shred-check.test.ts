import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { parseDocument } from 'yaml'
import { parseManifest } from '../manifest/index.ts'
import { cryptoShredFindings } from './check.ts'

// `amana check`: crypto-shred destroys a person's vault key, so a rule that crypto-shreds a column
// which cannot hold a vault token (a key, a lookup value, a link, a time, a file) would leave the
// value readable. The owner is told which table.column and what to do instead.

const rumrom = (edit: (doc: ReturnType<typeof parseDocument>) => void) => {
  const doc = parseDocument(
    readFileSync(new URL('../../../../examples/rumrom-bakery/amana.yaml', import.meta.url), 'utf8'),
  )
  edit(doc)
  const parsed = parseManifest(doc.toString())
  if (!parsed.ok) assert.fail(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
  return cryptoShredFindings(parsed.value.manifest, parsed.value.sourceMap)
}

test('crypto-shred on the identity columns requests look people up by: an error naming each table.column and the fix', () => {
  const findings = rumrom((doc) =>
    doc.setIn(['categories', 'contact', 'retention', 'action'], 'crypto-shred'),
  )
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.path]),
    [
      ['retention.crypto-shred-not-token', 'error', 'categories.contact.retention.action'],
      ['retention.crypto-shred-not-token', 'error', 'categories.contact.retention.action'],
    ],
  )
  assert.match(findings[0]?.message ?? '', /shop_db\.customers\.email: it is an identity column/)
  assert.match(findings[1]?.message ?? '', /shop_db\.customers\.phone/)
  assert.match(findings[0]?.fix ?? '', /"action: delete" or "action: anonymise"/)
  assert.ok((findings[0]?.line ?? 0) > 1, 'points at the rule in amana.yaml')
})

test('crypto-shred on a column that can hold tokens (a parent’s email) is accepted', () => {
  const findings = rumrom((doc) => {
    doc.setIn(['categories', 'contact', 'storage', 'shop_db'], { parental_consents: ['parent_email'] })
    doc.setIn(['categories', 'contact', 'retention', 'action'], 'crypto-shred')
  })
  assert.deepEqual(findings, [])
})

test('delete and anonymise rules are not crypto-shred’s concern', () => {
  assert.deepEqual(
    rumrom(() => {}),
    [],
  )
})
