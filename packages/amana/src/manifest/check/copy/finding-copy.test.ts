import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openManifest } from '../../../app/app-manifest.ts'
import { packsFor } from '../../../jurisdictions/index.ts'
import { ownRecordFindings } from '../../../own-records/index.ts'
import { retentionFindings } from '../../../retention/index.ts'
import { checkManifest } from '../check-manifest.ts'
import { type Finding, ruleIds } from '../finding.ts'
import { plantedManifests } from '../planted-manifests.ts'
import { ar } from './ar.ts'
import { en } from './en.ts'
import { findingText } from './index.ts'

const example = (name: string) =>
  openManifest(fileURLToPath(new URL(`../../../../../../examples/${name}/amana.yaml`, import.meta.url)))

/** Variants no manifest can reach with today's data; each still has its words, checked below. */
const unreachable: Record<string, string> = {
  'retention.event-unsent.no-event': 'every retention event has an event type the shop can send',
  'retention.event-unsent.none-listed': 'every retention event has an event type the shop can send',
  'own-records.shorter-than-law': 'no proof need is verified yet (own-records/proof-needs.ts)',
  'own-records.shorter-than-law.default': 'no proof need is verified yet',
  'own-records.shorter-than-law.default-unverified': "Amana's defaults are longer than every law asks",
}

/** Everything `amana check` reports on the examples and on RUMROM with every problem planted. */
const allFindings = async (): Promise<Finding[]> => {
  const rumrom = await example('rumrom-bakery')
  const examples = await Promise.all(
    ['rumrom-bakery', 'lumen-web-shop', 'omani-sweets', 'kenya-outsourcing'].map(example),
  )
  const planted = plantedManifests(rumrom.manifest).flatMap(({ manifest }) => [
    ...checkManifest(manifest, packsFor(manifest.jurisdictions), rumrom.sourceMap),
    ...retentionFindings(manifest, rumrom.sourceMap),
    ...ownRecordFindings(manifest, rumrom.sourceMap),
  ])
  return [...examples.flatMap((m) => m.findings), ...planted]
}

const params = (template: string) =>
  [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()
/** Latin words left once values (parameters, and a law's id in brackets) are taken out. */
const latinIn = (text: string) => text.replace(/\([a-z-]+\)/g, '').match(/[A-Za-z]+/g) ?? []

test('every finding any check rule emits has catalogue words, and the Arabic reads in Arabic', async () => {
  const findings = await allFindings()
  const fired = new Set(findings.map((f) => f.rule))
  assert.deepEqual(
    ruleIds.filter((rule) => !fired.has(rule)),
    [],
    'every rule fires on the planted manifests',
  )
  const keys = new Set<string>()
  for (const f of findings) {
    const where = `${f.rule} at ${f.path}: ${f.message}`
    assert.ok(f.copy, where)
    keys.add(f.copy.key)
    // The CLI prints the catalogue's English.
    assert.deepEqual(findingText('en', f.copy), { message: f.message, fix: f.fix }, where)
    const arabic = findingText('ar', f.copy, () => '')
    assert.deepEqual(latinIn(`${arabic.message} ${arabic.fix}`), [], where)
    assert.doesNotMatch(`${arabic.message} ${arabic.fix}`, /\{\w+\}/, where)
    // A parameter given in both languages is prose: its Arabic is Arabic, not the English again.
    for (const [name, value] of Object.entries(f.copy.params))
      if (typeof value !== 'string') {
        assert.notEqual(value.ar, value.en, `${where}: {${name}}`)
        // Event names joined by «أو» are values; every other such parameter is words.
        if (name !== 'send') assert.deepEqual(latinIn(value.ar), [], `${where}: {${name}}`)
      }
  }
  assert.deepEqual(
    Object.keys(en).filter((key) => !keys.has(key) && !(key in unreachable)),
    [],
    'every catalogue entry is used by a finding',
  )
  for (const key of Object.keys(unreachable))
    assert.ok(!keys.has(key), `${key} is reached now: drop it from the list`)
})

test('the Arabic catalogue has every English entry, with the same parameters and no English words of its own', () => {
  assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort())
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    for (const part of ['message', 'fix'] as const) {
      assert.deepEqual(params(ar[key][part]), params(en[key][part]), `${key}.${part}`)
      assert.deepEqual(latinIn(ar[key][part].replace(/\{\w+\}/g, '')), [], `${key}.${part}`)
    }
  }
})
