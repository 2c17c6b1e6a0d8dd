import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openManifest } from '../../../app/app-manifest.ts'
import { retentionFindings } from '../../../retention/index.ts'
import type { Manifest } from '../../schema.ts'
import { checkManifest } from '../check-manifest.ts'
import { ar } from './ar.ts'
import { en } from './en.ts'
import { findingText } from './index.ts'

const example = (name: string) =>
  openManifest(fileURLToPath(new URL(`../../../../../../examples/${name}/amana.yaml`, import.meta.url)))

test("the check catalogue's English is the CLI's text, and its Arabic fills every parameter", async () => {
  const rumrom = await example('rumrom-bakery')
  // RUMROM with planted problems, so every catalogued rule fires.
  const broken = structuredClone(rumrom.manifest) as Manifest & Record<string, never>
  const [withRetention] = Object.entries(broken.categories).filter(([, c]) => c.retention)
  assert.ok(withRetention)
  delete (withRetention[1] as { retention?: unknown }).retention
  broken.categories.unused_thing = { ...withRetention[1], storage: {} } as never
  const [systemId, system] = Object.entries(broken.systems ?? {})[0] ?? []
  assert.ok(systemId && system)
  delete (system as { connection?: unknown }).connection
  const [processor] = Object.values(broken.processors ?? {}) as { name: unknown }[]
  assert.ok(processor)
  processor.name = 'Courier (TBC)'
  Object.assign(processor, { countries: ['US'] })
  delete (processor as { transfer?: unknown }).transfer
  Object.assign(system, { country: 'US' })
  delete (system as { hostedBy?: unknown }).hostedBy
  const consented = Object.values(broken.purposes).find((p) => p.consent?.required)
  assert.ok(consented?.consent)
  Object.assign(consented.consent, { toggleable: false })
  ;(broken.organisation as { website?: string }).website = 'https://rumrom.example.com'
  const findings = [
    ...checkManifest(broken, rumrom.packs, rumrom.sourceMap),
    ...retentionFindings(broken, rumrom.sourceMap),
    ...(await Promise.all(['lumen-web-shop', 'omani-sweets', 'kenya-outsourcing'].map(example))).flatMap(
      (m) => m.findings,
    ),
  ]
  const keys = new Set<string>()
  for (const f of findings) {
    if (!f.copy) continue
    keys.add(f.copy.key)
    assert.deepEqual(findingText('en', f.copy), { message: f.message, fix: f.fix }, f.copy.key)
    const arabic = findingText('ar', f.copy)
    assert.doesNotMatch(`${arabic.message} ${arabic.fix}`, /\{\w+\}/, f.copy.key)
  }
  for (const key of [
    'retention.missing',
    'category.unused',
    'system.no-connection',
    'text.placeholder.name',
    'text.placeholder.address',
  ])
    assert.ok(keys.has(key), `${key} was exercised`)
  assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort())
})
