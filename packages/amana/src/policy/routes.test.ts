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

test('a version published with a future effective date is scheduled: the one in effect stays live until that date', async () => {
  let clock = new Date('2026-03-10T12:00:00Z')
  const { app, database, close } = await createTestApp({ now: () => clock })
  try {
    const demo = await loadDemoManifest()
    const a = await publishPolicy(database.db, demo.manifest, { effectiveDate: '2026-03-10', now: clock })
    assert.ok(a.ok && a.version === 1)
    const doc = parseDocument(readFileSync(demoManifestPath, 'utf8'))
    doc.setIn(['categories', 'order_history', 'retention', 'keep'], 'P10Y')
    const changed = parseManifest(doc.toString(), 'amana.yaml')
    assert.ok(changed.ok)
    const b = await publishPolicy(database.db, changed.value.manifest, {
      effectiveDate: '2026-04-10',
      now: clock,
    })
    assert.ok(b.ok && b.version === 2)

    const servedVersion = async () =>
      JSON.parse((await app.inject('/privacy/policy?format=json')).body).version
    assert.equal(await servedVersion(), '1')
    assert.match((await app.inject('/privacy/policy?lang=en')).body, /Version 1, effective 10 March 2026/)
    assert.match((await app.inject('/privacy/policy?format=md')).body, /^# RUMROM Bakery/m)
    const list = await app.inject('/privacy/policy/versions?lang=en')
    assert.match(list.body, /Version 2 — takes effect 10 April 2026<\/a> \(scheduled, not in effect yet\)/)
    assert.match(list.body, /Version 1 — effective 10 March 2026<\/a> \(current\)/)
    assert.match((await app.inject('/privacy/policy/versions?lang=ar')).body, /مجدول، لم يسرِ بعد/)
    const statuses = () =>
      app
        .inject('/v1/policy/versions')
        .then((r) => r.json().versions.map((v: { version: number; status: string }) => [v.version, v.status]))
    assert.deepEqual(await statuses(), [
      [2, 'scheduled'],
      [1, 'current'],
    ])
    // The scheduled text itself stays readable at its own address.
    assert.equal((await app.inject('/privacy/policy/v/2')).statusCode, 200)

    clock = new Date('2026-04-09T23:59:59Z')
    assert.equal(await servedVersion(), '1')
    clock = new Date('2026-04-10T00:00:00Z')
    assert.equal(await servedVersion(), '2')
    assert.deepEqual(await statuses(), [
      [2, 'current'],
      [1, 'superseded'],
    ])
  } finally {
    await close()
  }
})

test('when the only published version is scheduled, /privacy/policy still shows the unpublished preview', async () => {
  const clock = new Date('2026-03-10T12:00:00Z')
  const { app, database, close } = await createTestApp({ now: () => clock })
  try {
    const demo = await loadDemoManifest()
    await publishPolicy(database.db, demo.manifest, { effectiveDate: '2026-05-01', now: clock })
    assert.match((await app.inject('/privacy/policy')).body, /has not been published yet/)
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
