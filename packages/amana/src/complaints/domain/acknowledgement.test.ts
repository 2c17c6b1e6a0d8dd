import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { packsFor } from '../../jurisdictions/index.ts'
import { loadManifest, type Manifest } from '../../manifest/index.ts'
import { renderAcknowledgement } from './acknowledgement.ts'

const load = async (name: string): Promise<Manifest> => {
  const result = await loadManifest(join(import.meta.dirname, '../../../../../examples', name, 'amana.yaml'))
  assert.ok(result.ok, `${name} loads`)
  return result.value.manifest
}

const acknowledge = (manifest: Manifest, locale: 'en' | 'ar') =>
  renderAcknowledgement({
    manifest,
    packs: packsFor(manifest.jurisdictions),
    locale,
    reference: 'CMP-TEST-0001',
    dueAt: new Date('2027-01-05T00:00:00Z'),
  }).text

test("the acknowledgement names the escalation routes amana.yaml declares, in the complainant's language", async () => {
  const lumen = await load('lumen-web-shop')
  const en = acknowledge(lumen, 'en')
  assert.match(en, /California Attorney General/)
  assert.match(en, /https:\/\/oag\.ca\.gov/)
  assert.match(en, /Autoriteit Persoonsgegevens/)
  const ar = acknowledge(lumen, 'ar')
  assert.match(ar, /المدعي العام لولاية كاليفورنيا/)
  assert.doesNotMatch(ar, /California Attorney General/)
})

test('an authority the manifest declares with the pack authority’s website is named once', async () => {
  const kenya = await load('kenya-outsourcing')
  const text = acknowledge(kenya, 'en')
  assert.equal(text.split('https://www.odpc.go.ke').length - 1, 1, text)
})
