import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Manifest } from '../../manifest/index.ts'
import { addMember, signIn } from '../../staff/testing.ts'
import { createTestApp } from '../../testing/test-app.ts'
import { pick } from '../format.ts'
import { publishPolicy } from '../publish.ts'
import { policyStore } from '../store.ts'

const NOW = new Date('2026-11-20T09:00:00Z')

/** The running manifest with one category kept for a single day and a 20-day promise to answer: an older version to compare with. */
const olderManifest = (manifest: Manifest): { older: Manifest; category: string } => {
  const older = structuredClone(manifest) as Manifest
  const [category, spec] = Object.entries(older.categories).find(([, c]) => c.retention !== undefined) ?? []
  assert.ok(category && spec?.retention, 'the demo manifest keeps some category for a period')
  ;(spec.retention as { keep: string }).keep = 'P1D'
  ;(older as { commitments: Manifest['commitments'] }).commitments = {
    ...older.commitments,
    requestDeadlineDays: 20,
  }
  return { older, category }
}

test('the owner schedules a policy version for next month from the console: the live one stays live, the publish is audited, the diff names the change', async () => {
  const t = await createTestApp({ now: () => NOW })
  try {
    const { older, category } = olderManifest(t.ctx.manifest.manifest)
    const first = await publishPolicy(t.database.db, older, { effectiveDate: '2026-01-01', now: NOW })
    assert.ok(first.ok)
    const owner = await addMember(t, 'owner')
    const session = await signIn(t, owner.email, owner.password)
    const page = async (url: string) => {
      const response = await t.app.inject({ url, headers: { cookie: session.cookie } })
      assert.equal(response.statusCode, 200, response.body)
      return response.body
    }

    // Before: version 1 live, the running manifest a draft.
    const before = await page('/admin/policy?lang=en')
    assert.match(before, /<tr data-version="1" data-status="live">/)
    assert.match(before, /<tr data-status="draft">/)
    assert.match(before, /The manifest differs from every published version/)

    // Publish for next month through the form, with the session's CSRF token.
    const published = await t.app.inject({
      method: 'POST',
      url: '/admin/policy/publish?lang=en',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${encodeURIComponent(session.csrf)}&effectiveDate=2026-12-20`,
    })
    assert.equal(published.statusCode, 303, published.body)
    assert.equal(published.headers.location, '/admin/policy?lang=en&published=2')
    const after = await page('/admin/policy?lang=en&published=2')
    assert.match(after, /Version <bdi>2<\/bdi> is scheduled for <bdi>20 December 2026<\/bdi>/)
    assert.match(after, /<tr data-version="2" data-status="scheduled">/)
    assert.match(after, /<tr data-version="1" data-status="live">/)
    assert.doesNotMatch(after, /data-status="draft"/)

    // Customers still read version 1 until 20 December.
    const store = policyStore(t.database.db)
    assert.equal((await store.current('2026-11-20'))?.version, 1)
    assert.equal((await store.current('2026-12-20'))?.version, 2)
    const publicPolicy = await t.app.inject({ url: '/privacy/policy?format=json&lang=en' })
    assert.equal(publicPolicy.statusCode, 200)
    assert.equal(publicPolicy.json().version, '1')

    // The publish is in the audit ledger: who, which version, for when, scheduled.
    await t.services.audit.flush()
    const entries = await t.database.db
      .selectFrom('audit_entry')
      .select(['actor_id', 'body'])
      .where('action', '=', 'policy.published')
      .execute()
    assert.equal(entries.length, 1)
    assert.equal(entries[0]?.actor_id, owner.id)
    // Body format v1: [1, seq, at, actorType, actorId, action, subject, purpose, target, ip, agent, requestId, details].
    const body = JSON.parse(entries[0]?.body ?? '[]') as unknown[]
    assert.equal(body[8], 'policy:2')
    assert.deepEqual(body[12], { version: 2, effectiveFrom: '2026-12-20T00:00:00.000Z', scheduled: true })

    // Publishing the same manifest again publishes nothing and says so.
    const again = await t.app.inject({
      method: 'POST',
      url: '/admin/policy/publish?lang=en',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${encodeURIComponent(session.csrf)}&effectiveDate=2026-12-21`,
    })
    assert.equal(again.headers.location, '/admin/policy?lang=en&unchanged=2')

    // A date that is not a date is refused on the page, naming the field and an example.
    const bad = await t.app.inject({
      method: 'POST',
      url: '/admin/policy/publish?lang=ar',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${encodeURIComponent(session.csrf)}&effectiveDate=next+month`,
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /role="alert">يسري من: أدخل تاريخًا مثل <bdi>2026-11-20<\/bdi>/)

    // The diff between the two versions in plain words: the category (as the shop names it) now
    // kept longer, the sections whose sentences changed and the clock the policy states; in Arabic too.
    const diff = await page('/admin/policy?lang=en&from=1&to=2')
    assert.match(diff, /Material changes from version <bdi>1<\/bdi> to version <bdi>2<\/bdi>/)
    const spec = t.ctx.manifest.manifest.categories[category]
    const name = (lang: 'en' | 'ar') =>
      (pick(spec?.label ?? spec?.description, lang) ?? category).replace(/[()]/g, '\\$&')
    assert.match(
      diff,
      new RegExp(
        `<strong>Data is kept longer</strong><br>Kept longer: <bdi>${name('en')}</bdi> \\(<bdi>1 day</bdi> before, <bdi>30 days</bdi> now\\)`,
      ),
    )
    assert.doesNotMatch(diff, /<code>categories\./, 'no manifest path for the owner to decode')
    assert.match(diff, /What changed in the policy text/)
    assert.match(
      diff,
      /<li><bdi>[^<]+<\/bdi>: sentences added <bdi>\d+<\/bdi>, removed <bdi>\d+<\/bdi>, reworded <bdi>[1-9]\d*<\/bdi><\/li>/,
    )
    // One line for the clock every right's request shares, not one per right.
    const clock = [
      ...diff.matchAll(
        /Days to answer a request<\/bdi> \(<bdi>([^<]+)<\/bdi>\): <bdi>20<\/bdi> before, <bdi>30<\/bdi> now/g,
      ),
    ]
    assert.deepEqual(
      clock.map((m) => m[1]),
      ['Kuwait'],
    )
    const diffAr = await page('/admin/policy?lang=ar&from=1&to=2')
    assert.match(diffAr, /مدة احتفاظ أطول/)
    assert.match(
      diffAr,
      new RegExp(`مدة الاحتفاظ بفئة <bdi>${name('ar')}</bdi> أطول: كانت <bdi>يوم واحد</bdi> وصارت`),
    )
    assert.match(diffAr, /ما الذي تغيّر في نص السياسة/)
    assert.match(
      diffAr,
      /عدد أيام الرد على الطلب<\/bdi> \(<bdi>دولة الكويت<\/bdi>\): كانت <bdi>٢٠<\/bdi> وصارت <bdi>٣٠<\/bdi>/,
    )
    const none = await page('/admin/policy?lang=en&from=2&to=2')
    assert.match(none, /No material change/)
    assert.match(await page('/admin/policy?lang=en&from=1&to=9'), /Choose two published versions/)
  } finally {
    await t.close()
  }
})

test('a version previews in English and Arabic, and the trace toggle shows where each sentence comes from', async () => {
  const t = await createTestApp({ now: () => NOW })
  try {
    const first = await publishPolicy(t.database.db, t.ctx.manifest.manifest, {
      effectiveDate: '2026-01-01',
      now: NOW,
    })
    assert.ok(first.ok)
    const viewer = await addMember(t, 'viewer')
    const { cookie } = await signIn(t, viewer.email, viewer.password)
    const get = (url: string) => t.app.inject({ url, headers: { cookie } })

    const en = await get('/admin/policy/1?lang=en&doc=en')
    assert.equal(en.statusCode, 200, en.body)
    assert.match(en.body, /<div class="policy-preview" lang="en" dir="ltr"><article class="privacy-policy">/)
    assert.match(en.body, /aria-pressed="false" role="button">Show where each sentence comes from/)
    assert.doesNotMatch(en.body, /data-statement=/)

    // The console in English, the policy in Arabic, each with its own direction.
    const ar = await get('/admin/policy/1?lang=en&doc=ar')
    assert.match(ar.body, /<div class="policy-preview" lang="ar" dir="rtl">/)
    assert.match(ar.body, /<h1>Version 1 in Arabic<\/h1>/)

    const traced = await get('/admin/policy/1?lang=ar&doc=ar&trace=1')
    assert.equal(traced.statusCode, 200)
    assert.match(traced.body, /aria-pressed="true" role="button">أخفِ مصدر كل جملة/)
    const statements = [
      ...traced.body.matchAll(
        /<li data-statement="([^"]+)"><p>[^<]+<\/p><p class="trace-sources"[^>]*>المصدر: (.*?)<\/p><\/li>/g,
      ),
    ]
    assert.ok(statements.length > 20, `every sentence is listed with its sources (${statements.length})`)
    for (const [, id, sources] of statements)
      assert.match(sources ?? '', /<bdi><code>[^<]+<\/code><\/bdi>/, `${id} names its source`)
    assert.match(traced.body, /<bdi><code>organisation\.[a-zA-Z.]+<\/code><\/bdi>/)
    // A pack value the reference leaves unverified is marked as docs/jurisdictions.md marks it.
    assert.match(traced.body, /<bdi><code>pack:kw\.breach\.regulator ⚠<\/code><\/bdi>/)

    // The draft previews too: the running manifest, before it is published.
    const draft = await get('/admin/policy/draft?lang=en&doc=en')
    assert.equal(draft.statusCode, 200)
    assert.match(draft.body, /<h1>Draft in English<\/h1>/)
    assert.equal((await get('/admin/policy/7?lang=en')).statusCode, 404)

    // A viewer reads but does not publish: no form, and the POST is refused.
    const list = await get('/admin/policy?lang=en')
    assert.match(list.body, /an owner or privacy officer publishes/)
    assert.doesNotMatch(list.body, /action="\/admin\/policy\/publish/)
    const session = await signIn(t, viewer.email, viewer.password)
    const refused = await t.app.inject({
      method: 'POST',
      url: '/admin/policy/publish',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${encodeURIComponent(session.csrf)}&effectiveDate=2026-12-01`,
    })
    assert.equal(refused.statusCode, 403)
    assert.equal((await policyStore(t.database.db).list()).length, 1)

    // A support agent's role does not open the policy pages, and the menu does not offer them.
    const agent = await addMember(t, 'support-agent')
    const agentSession = await signIn(t, agent.email, agent.password)
    const agentPage = await t.app.inject({ url: '/admin/policy', headers: { cookie: agentSession.cookie } })
    assert.equal(agentPage.statusCode, 403)
    const home = await t.app.inject({ url: '/admin/home?lang=en', headers: { cookie: agentSession.cookie } })
    assert.doesNotMatch(home.body, /href="\/admin\/policy/)
    const viewerHome = await get('/admin/home?lang=en')
    assert.match(viewerHome.body, /href="\/admin\/policy\?lang=en">Policy versions</)
  } finally {
    await t.close()
  }
})
