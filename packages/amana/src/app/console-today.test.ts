import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addMember, asStaff, signIn } from '../staff/testing.ts'
import { createTestApp } from '../testing/test-app.ts'

const HOUR = 3_600_000

test('the overview shows retention (paused, due counts), open incidents with their clocks and open/overdue complaints, each one click from its page, EN and AR', async () => {
  let clock = new Date('2026-06-01T10:00:00Z')
  const t = await createTestApp({ now: () => clock })
  try {
    // A complaint filed on 1 June is overdue after its response period; one filed today is not.
    const file = async () => {
      const filed = await t.app.inject({
        method: 'POST',
        url: '/privacy/complaints?lang=en',
        payload: 'locale=en&email=maryam%40example.com&summary=You+kept+emailing+me',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(filed.statusCode, 201, filed.body)
      const reference = /CMP-[0-9A-F]{8}/.exec(filed.body)?.[0]
      assert.ok(reference)
      return reference
    }
    const late = await file()
    clock = new Date('2026-08-01T10:00:00Z')
    const fresh = await file()
    // Signed in today (a session does not outlive two months).
    const owner = await signIn(
      t,
      ...(await addMember(t, 'owner').then((m) => [m.email, m.password] as const)),
    )

    // An incident found ten hours ago on one of the shop's systems.
    const system = Object.keys(t.ctx.manifest.manifest.systems ?? {})[0]
    assert.ok(system, 'the demo manifest declares a system')
    const opened = await t.app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: asStaff(owner),
      payload: {
        discoveredAt: new Date(clock.getTime() - 10 * HOUR).toISOString(),
        summary: 'A courier list was emailed to the wrong address',
        systems: [system],
      },
    })
    assert.equal(opened.statusCode, 201, opened.body)
    const incident = opened.json().reference as string

    // Retention paused by the owner.
    const paused = await t.app.inject({
      method: 'PUT',
      url: '/v1/retention/pause',
      headers: asStaff(owner),
      payload: { paused: true, reason: 'restoring a backup' },
    })
    assert.equal(paused.statusCode, 200, paused.body)

    const home = async (lang: 'en' | 'ar') => {
      const page = await t.app.inject({ url: `/admin/home?lang=${lang}`, headers: { cookie: owner.cookie } })
      assert.equal(page.statusCode, 200, page.body)
      return page.body
    }
    const panel = (body: string, id: string) =>
      body.match(new RegExp(`<section class="panel" aria-labelledby="h-${id}">[\\s\\S]*?</section>`))?.[0] ??
      ''

    const en = await home('en')
    const complaints = panel(en, 'complaints')
    assert.match(complaints, /<bdi>2<\/bdi> open · <bdi>1<\/bdi> overdue/)
    // Overdue first, marked, and each one click from the complaints page.
    assert.ok(complaints.indexOf(late) < complaints.indexOf(fresh), 'the overdue complaint comes first')
    assert.match(
      complaints,
      new RegExp(
        `<li data-complaint="${late}" class="sla-overdue"><a href="/admin/complaints\\?lang=en"><bdi>${late}</bdi></a> — <strong>overdue since`,
      ),
    )
    assert.match(
      complaints,
      new RegExp(
        `data-complaint="${fresh}"><a href="/admin/complaints\\?lang=en"><bdi>${fresh}</bdi></a> — due`,
      ),
    )

    const incidents = panel(en, 'incidents')
    assert.match(
      incidents,
      new RegExp(`<a href="/admin/incidents\\?lang=en"><bdi>${incident}</bdi></a> — Investigating`),
    )
    // The regulator's clock: found ten hours ago, so (for a 72-hour law) 62 hours are left.
    assert.match(
      incidents,
      /<bdi>[^<]+<\/bdi>: <bdi>\d+(\.\d)?<\/bdi> h left|the deadline has passed|no deadline/,
    )

    const retention = panel(en, 'retention')
    assert.match(retention, /data-paused="true">Retention is paused/)
    assert.match(
      retention,
      /Falling due: <bdi>\d+<\/bdi> today · <bdi>\d+<\/bdi> within a week · <bdi>\d+<\/bdi> within a month/,
    )
    assert.match(retention, /Next sweep: as soon as a worker runs/)
    assert.match(retention, /href="\/admin\/retention\?lang=en"/)

    const ar = await home('ar')
    assert.match(panel(ar, 'complaints'), /المفتوحة: <bdi>٢<\/bdi> · المتأخرة: <bdi>١<\/bdi>/)
    assert.match(panel(ar, 'incidents'), /قيد التحقيق|التحقيق/)
    assert.match(panel(ar, 'retention'), /الاحتفاظ متوقف مؤقتًا/)

    // A support agent sees complaints, but neither incidents nor retention.
    const agent = await addMember(t, 'support-agent')
    const agentSession = await signIn(t, agent.email, agent.password)
    const agentHome = await t.app.inject({
      url: '/admin/home?lang=en',
      headers: { cookie: agentSession.cookie },
    })
    assert.match(agentHome.body, /aria-labelledby="h-complaints"/)
    assert.doesNotMatch(agentHome.body, /aria-labelledby="h-incidents"|aria-labelledby="h-retention"/)
  } finally {
    await t.close()
  }
})
