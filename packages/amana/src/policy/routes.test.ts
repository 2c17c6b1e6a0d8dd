import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { parseDocument } from 'yaml'
import { shopProfileOf } from '../app/app-manifest.ts'
import { packsFor } from '../jurisdictions/index.ts'
import { parseManifest } from '../manifest/index.ts'
import { demoManifestPath } from '../platform/config/index.ts'
import { createTestApp, loadDemoManifest } from '../testing/test-app.ts'
import { publishPolicy } from './publish.ts'

test('before anything is published, /privacy/policy shows a preview marked as unpublished', async () => {
  const { app, close } = await createTestApp()
  try {
    const page = await app.inject('/privacy/policy')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /has not been published yet/)
    assert.match(page.body, /RUMROM Bakery/)
  } finally {
    await close()
  }
})

test('a published policy is served in English, Arabic, Markdown and JSON, and old versions stay readable', async () => {
  const { app, database, close } = await createTestApp()
  try {
    const demo = await loadDemoManifest()
    const first = await publishPolicy(database.db, demo.manifest, {
      effectiveDate: '2026-01-01',
      now: new Date(),
    })
    assert.ok(first.ok && first.version === 1)

    const doc = parseDocument(readFileSync(demoManifestPath, 'utf8'))
    doc.setIn(['categories', 'order_history', 'retention', 'keep'], 'P10Y')
    const changed = parseManifest(doc.toString(), 'amana.yaml')
    assert.ok(changed.ok)
    const second = await publishPolicy(database.db, changed.value.manifest, {
      effectiveDate: '2026-06-01',
      now: new Date(),
    })
    assert.ok(second.ok && second.version === 2)
    assert.deepEqual(
      second.changes.map((c) => c.kind),
      ['retention-extended'],
    )

    const ar = await app.inject('/privacy/policy?lang=ar')
    assert.match(ar.body, /dir="rtl"/)
    assert.match(ar.body, /الإصدار ٢/)
    assert.match((await app.inject('/privacy/policy?format=md')).body, /^# RUMROM Bakery/m)
    assert.equal(JSON.parse((await app.inject('/privacy/policy?format=json')).body).version, '2')
    const v1 = await app.inject('/privacy/policy/v/1?lang=en')
    assert.equal(v1.statusCode, 200)
    assert.match(v1.body, /Version 1, effective 1 January 2026/)
    assert.equal((await app.inject('/privacy/policy/v/9')).statusCode, 404)
    const versions = await app.inject('/privacy/policy/versions')
    assert.match(versions.body, /Version 2 — effective 1 June 2026/)
    const diff = await app.inject('/v1/policy/diff?from=1&to=2')
    assert.deepEqual(
      diff.json().changes.map((c: { kind: string }) => c.kind),
      ['retention-extended'],
    )
  } finally {
    await close()
  }
})

test('publishing the same manifest twice is refused; publishing over HTTP needs the policy:publish permission', async () => {
  const { app, database, close } = await createTestApp()
  try {
    const demo = await loadDemoManifest()
    await publishPolicy(database.db, demo.manifest, { effectiveDate: '2026-01-01', now: new Date() })
    const again = await publishPolicy(database.db, demo.manifest, {
      effectiveDate: '2026-02-01',
      now: new Date(),
    })
    assert.deepEqual(again, { ok: false, reason: 'unchanged', version: 1 })
    const anonymous = await app.inject({
      method: 'POST',
      url: '/v1/policy/publish',
      payload: { effectiveDate: '2026-02-01' },
    })
    assert.equal(anonymous.statusCode, 401)
  } finally {
    await close()
  }
})

test('a published version cannot be edited or deleted, even directly in the database', async () => {
  const { database, close } = await createTestApp()
  try {
    const demo = await loadDemoManifest()
    await publishPolicy(database.db, demo.manifest, { effectiveDate: '2026-01-01', now: new Date() })
    await assert.rejects(
      database.db.updateTable('policy_version').set({ effective_date: '2020-01-01' }).execute(),
      /immutable/,
    )
    await assert.rejects(database.db.deleteFrom('policy_version').execute(), /immutable/)
  } finally {
    await close()
  }
})

test('the shop profile shown on pages comes from the manifest organisation', async () => {
  const demo = await loadDemoManifest()
  const profile = shopProfileOf(demo.manifest)
  assert.equal(profile.name.en, 'RUMROM Bakery')
  assert.ok(profile.contacts.some((c) => c.kind === 'whatsapp'))
  assert.ok(packsFor(demo.manifest.jurisdictions).length > 0)
})
