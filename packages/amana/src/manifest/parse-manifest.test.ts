import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseDocument } from 'yaml'
import { formatIssue, type ManifestIssue, manifestJsonSchema, parseManifest } from './index.ts'

const rumrom = readFileSync(new URL('../../../../examples/rumrom-bakery/amana.yaml', import.meta.url), 'utf8')

const issuesOf = (text: string, file = 'amana.yaml'): ManifestIssue[] => {
  const result = parseManifest(text, file)
  assert.equal(result.ok, false, 'expected the manifest to be rejected')
  return result.ok ? [] : result.issues
}

const lineOf = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split('\n').length

describe('parseManifest', () => {
  it('accepts the RUMROM manifest and types it', () => {
    const result = parseManifest(rumrom)
    assert.ok(result.ok)
    assert.equal(result.value.manifest.organisation.homeCountry, 'KW')
    assert.equal(result.value.manifest.categories.order_history?.sensitivity, 'normal')
  })

  it('rejects an unknown key and suggests the closest one', () => {
    const text = rumrom.replace('    retention:\n      keep: P7Y', '    retension:\n      keep: P7Y')
    const [issue] = issuesOf(text)
    assert.equal(issue?.path, 'categories.payment.retension')
    assert.equal(issue?.message, 'unknown key "retension"')
    assert.equal(issue?.fix, 'Did you mean "retention"?')
    assert.equal(issue?.line, lineOf(text, '    retension:'))
    assert.equal(issue?.column, 5)
  })

  it('lists the allowed keys when nothing is close', () => {
    const text = rumrom.replace('  legalName: RUMROM Bakery', '  legalName: RUMROM Bakery\n  zzzzzzzzzz: 1')
    const [issue] = issuesOf(text)
    assert.match(issue?.fix ?? '', /^Remove it; allowed here: legalName, tradingName, homeCountry/)
  })

  it('reports every problem in one run', () => {
    const text = rumrom
      .replace('homeCountry: KW', 'homeCountry: Kuwait')
      .replace('jurisdictions: [kw]', 'jurisdictions: [kwt]')
      .replace('    kind: postgres', '    kind: postgress')
      .replace('  effectiveDate: 2026-01-01\n', '')
    const issues = issuesOf(text)
    assert.deepEqual(issues.map((issue) => issue.path).sort(), [
      'jurisdictions[0]',
      'organisation.effectiveDate',
      'organisation.homeCountry',
      'systems.shop_db.kind',
    ])
    const kind = issues.find((issue) => issue.path === 'systems.shop_db.kind')
    assert.equal(kind?.fix, 'Did you mean "postgres"?')
    const missing = issues.find((issue) => issue.path === 'organisation.effectiveDate')
    assert.equal(missing?.message, 'missing')
    assert.equal(missing?.fix, 'Add e.g. "effectiveDate: 2025-01-01"')
    assert.equal(missing?.line, lineOf(text, 'organisation:'))
  })

  it('formats an issue as file:line:column path: message. fix', () => {
    const text = rumrom.replace('homeCountry: KW', 'homeCountry: Kuwait')
    const [issue] = issuesOf(text, 'shop/amana.yaml')
    assert.ok(issue)
    assert.equal(
      formatIssue(issue),
      `shop/amana.yaml:${lineOf(text, 'homeCountry')}:16 organisation.homeCountry: expected an ISO 3166-1 alpha-2 country code such as KW.`,
    )
  })

  it('refuses a secret written inline where an environment variable name belongs', () => {
    const text = rumrom.replace('{ env: RUMROM_DATABASE_URL }', "{ env: 'postgres://shop:hunter2@db/shop' }")
    const [issue] = issuesOf(text)
    assert.equal(issue?.path, 'systems.shop_db.connection.env')
    assert.match(issue?.message ?? '', /NAME of an environment variable/)
  })

  it('reports YAML syntax errors with their position', () => {
    const [issue] = issuesOf('version: 1\norganisation: [\n')
    assert.equal(issue?.line, 3)
  })

  it('accepts JSON and still points to lines', () => {
    const json = JSON.stringify(parseDocument(rumrom).toJS(), null, 2).replace(
      '"homeCountry": "KW"',
      '"homeCountry": "K"',
    )
    const [issue] = issuesOf(json, 'amana.json')
    assert.equal(issue?.path, 'organisation.homeCountry')
    assert.equal(issue?.line, lineOf(json, '"homeCountry"'))
  })

  it('exports a JSON Schema editors can use', () => {
    const schema = manifestJsonSchema()
    const properties = schema.properties as Record<string, unknown>
    assert.ok(properties.categories && properties.purposes && properties.organisation)
    assert.equal(schema.additionalProperties, false)
  })
})
