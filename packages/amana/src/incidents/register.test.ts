import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { parseBody } from '../audit/index.ts'
import { addMember, asStaff, type SignedIn, signIn } from '../staff/testing.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'

describe('incident register: refusals, status, timeline, attachments, audit', () => {
  const clock = { now: new Date('2026-05-10T20:00:00Z') }
  let t: TestApp
  let owner: SignedIn
  let ownerMember: { id: string; email: string }
  before(async () => {
    t = await createTestApp({ now: () => clock.now })
    const member = await addMember(t, 'owner')
    ownerMember = member
    owner = await signIn(t, member.email, member.password)
  })
  after(async () => {
    await t?.close()
  })
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: asStaff(owner), ...(payload ? { payload } : {}) })

  test('refuses an incident with no systems or a discovery time in the future, naming the field', async () => {
    const noSystems = await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-10T08:00:00Z',
      summary: 'Orders exported by a leaked admin token',
      systems: [],
    })
    assert.equal(noSystems.statusCode, 400, noSystems.body)
    assert.deepEqual(
      noSystems.json().error.details.map((d: { field: string }) => d.field),
      ['systems'],
    )
    assert.match(noSystems.json().error.message, /shop_db/)
    const future = await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-11T08:00:00Z',
      summary: 'x',
      systems: ['shop_db'],
    })
    assert.equal(future.statusCode, 400)
    assert.deepEqual(
      future.json().error.details.map((d: { field: string }) => d.field),
      ['discoveredAt'],
    )
    const unknown = await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-10T08:00:00Z',
      summary: 'x',
      systems: ['crm'],
    })
    assert.equal(unknown.statusCode, 400)
    assert.equal(unknown.json().error.details[0].field, 'systems[0]')
  })

  test('status moves forward only; team, experts, actions and attachments are on the timeline and in the audit ledger', async () => {
    const opened = await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-10T08:00:00Z',
      summary: 'Laptop with an order export stolen',
      systems: ['shop_db'],
      categories: ['contact'],
    })
    assert.equal(opened.statusCode, 201, opened.body)
    const id = opened.json().id as string
    assert.equal(opened.json().status, 'investigating')
    // Before a scope, the clocks of every pack the shop serves run: CITRA's 24 h.
    const kw = opened.json().clocks.find((c: { audience: string }) => c.audience === 'regulator')
    assert.equal(kw.hours, 24)
    assert.equal(kw.verified, false, 'the 24 h value is flagged unverified in the Kuwait pack')
    const patched = await call('PATCH', `/v1/incidents/${id}`, {
      status: 'contained',
      team: ['security@rumrom.example'],
      experts: ['Forensics Co (example)'],
    })
    assert.equal(patched.statusCode, 200, patched.body)
    assert.equal(patched.json().status, 'contained')
    const back = await call('PATCH', `/v1/incidents/${id}`, { status: 'investigating' })
    assert.equal(back.statusCode, 409)
    assert.equal(back.json().error.details[0].field, 'status')
    assert.equal(
      (await call('POST', `/v1/incidents/${id}/actions`, { note: 'Revoked the laptop VPN certificate' }))
        .statusCode,
      204,
    )
    const form = new FormData()
    form.append('file', new Blob(['forensic report'], { type: 'text/plain' }), 'report.txt')
    const request = new Request('http://x/', { method: 'POST', body: form })
    const attached = await t.app.inject({
      method: 'POST',
      url: `/v1/incidents/${id}/attachments`,
      headers: { ...asStaff(owner), 'content-type': request.headers.get('content-type') ?? '' },
      payload: Buffer.from(await request.arrayBuffer()),
    })
    assert.equal(attached.statusCode, 201, attached.body)
    const download = await call('GET', `/v1/incidents/${id}/attachments/${attached.json().id}`)
    assert.equal(download.body, 'forensic report')
    const closed = await call('PATCH', `/v1/incidents/${id}`, { status: 'closed' })
    assert.equal(closed.json().closedAt, '2026-05-10T20:00:00.000Z')
    const view = (await call('GET', `/v1/incidents/${id}`)).json()
    assert.deepEqual(
      view.timeline.map((e: { kind: string }) => e.kind),
      ['opened', 'status', 'team', 'experts', 'action', 'attachment', 'status'],
    )
    assert.deepEqual(
      view.attachments.map((a: { filename: string; size: number }) => [a.filename, a.size]),
      [['report.txt', 15]],
    )
    await t.services.audit.flush()
    const audited = await t.database.db
      .selectFrom('audit_entry')
      .select(['action'])
      .where('body', 'like', `%${id}%`)
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      audited.map((a) => a.action),
      [
        'incident.opened',
        'incident.status',
        'incident.team',
        'incident.experts',
        'incident.action',
        'incident.attachment',
        'incident.status',
      ],
    )
  })

  test('systems Amana cannot read are tasks to check by hand, naming whom to ask, on the incident and its page', async () => {
    const opened = await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-10T08:00:00Z',
      summary: 'A shared mailbox and the upload folder were exposed',
      systems: ['shop_db', 'support_inbox', 'uploads_store'],
    })
    assert.equal(opened.statusCode, 201, opened.body)
    type Task = {
      system: string
      kind: string
      ask: string
      askRole: string
      text: { en: string; ar: string }
    }
    const tasks = opened.json().tasks as Task[]
    assert.deepEqual(
      tasks.map((x) => [x.system, x.kind, x.ask, x.askRole]),
      [
        ['support_inbox', 'manual', 'hello@rumrom.com', 'assignee'],
        ['uploads_store', 'files', 'hello@rumrom.com', 'privacy-contact'],
      ],
      'the SQL database is read by Amana: no task for it',
    )
    assert.match(
      tasks[0]?.text.en ?? '',
      /^support_inbox \(our email and WhatsApp inbox\): not read by Amana — check it by hand.*ask hello@rumrom\.com, who looks after it/,
    )
    assert.match(
      tasks[1]?.text.ar ?? '',
      /لا تقرؤه أمانة — افحصه يدويًا.*مسؤول الخصوصية في المتجر، \u2068hello@rumrom\.com\u2069/,
    )
    const id = opened.json().id as string
    const page = await t.app.inject({ url: `/admin/incidents/${id}?lang=ar`, headers: asStaff(owner, false) })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /أنظمة لا تقرؤها أمانة: افحصها يدويًا/)
    assert.match(page.body, /uploads_store/)
  })

  test('the console page lists each incident with its countdown, in English and Arabic', async () => {
    await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-10T08:00:00Z',
      summary: 'Console check',
      systems: ['shop_db'],
    })
    const en = await t.app.inject({ url: '/admin/incidents?lang=en', headers: asStaff(owner, false) })
    assert.equal(en.statusCode, 200)
    assert.match(en.body, /href="\/admin\/incidents\?lang=en" aria-current="page"/)
    assert.match(en.body, /Console check/)
    assert.match(en.body, /CITRA\) \(authority, 24 h\): 12 h left — value not verified/)
    const ar = await t.app.inject({ url: '/admin/incidents?lang=ar', headers: asStaff(owner, false) })
    assert.match(ar.body, /dir="rtl"/)
    assert.match(ar.body, /متبقٍ 12 ساعة/)
  })

  test("the breach register (Oman's ER Art 28 shape) lists every incident with its measures, in JSON and printable EN/AR", async () => {
    const opened = await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-10T09:00:00Z',
      summary: 'Register check: courier list emailed to the wrong address',
      systems: ['shop_db'],
      categories: ['contact'],
    })
    const id = opened.json().id as string
    await call('POST', `/v1/incidents/${id}/actions`, { note: 'Recipient confirmed deletion in writing' })
    const json = await call('GET', '/v1/incidents/breach-register')
    assert.equal(json.statusCode, 200, json.body)
    const register = json.json()
    assert.equal(register.verified, false)
    assert.equal(register.servesOman, false)
    const entries = register.entries as {
      reference: string
      discoveredAt: string
      summary: string
      measures: { note: string }[]
      categories: string[]
    }[]
    // Every incident, oldest first.
    const list = (await call('GET', '/v1/incidents')).json().incidents as { reference: string }[]
    assert.deepEqual(new Set(entries.map((e) => e.reference)), new Set(list.map((i) => i.reference)))
    assert.deepEqual(
      entries.map((e) => e.discoveredAt),
      [...entries.map((e) => e.discoveredAt)].sort(),
    )
    const mine = entries.find((e) => e.summary.startsWith('Register check'))
    assert.deepEqual(
      mine?.measures.map((m) => m.note),
      ['Recipient confirmed deletion in writing'],
    )
    assert.deepEqual(mine?.categories, ['contact'])
    const en = await call('GET', '/v1/incidents/breach-register?format=html&lang=en')
    assert.match(en.headers['content-type'] as string, /text\/html/)
    assert.match(en.body, /Register of personal data breaches/)
    assert.match(en.body, /Recipient confirmed deletion in writing/)
    const ar = await call('GET', '/v1/incidents/breach-register?format=html&lang=ar')
    assert.match(ar.body, /dir="rtl"/)
    assert.match(ar.body, /سجل خروقات البيانات الشخصية/)
    await call('PATCH', `/v1/incidents/${id}`, { status: 'closed' })
  })

  test('each download of the breach register and of a report to an authority is in the audit ledger: who, which report, which format; nothing personal', async () => {
    const opened = await call('POST', '/v1/incidents', {
      discoveredAt: '2026-05-10T10:00:00Z',
      summary: 'Download check: a courier sheet with customer9@example.com left on a bench',
      systems: ['shop_db'],
      categories: ['contact'],
    })
    const id = opened.json().id as string
    const register = await call('GET', '/v1/incidents/breach-register?format=html&lang=ar')
    assert.equal(register.statusCode, 200)
    const report = await call('GET', `/v1/incidents/${id}/reports/kw`)
    assert.equal(report.statusCode, 200, report.body)
    await t.services.audit.flush()
    const rows = await t.database.db
      .selectFrom('audit_entry')
      .select('body')
      .where('action', '=', 'incident.report-downloaded')
      .orderBy('seq')
      .execute()
    const entries = rows.map((r) => parseBody(r.body)).slice(-2)
    assert.deepEqual(
      entries.map((e) => [e.actor.id, e.target, e.details]),
      [
        [ownerMember.id, 'breach-register', { report: 'breach-register', format: 'html', lang: 'ar' }],
        [ownerMember.id, id, { report: 'regulator-report', format: 'json', lang: 'en', jurisdiction: 'kw' }],
      ],
    )
    for (const r of rows.slice(-2)) {
      assert.equal(r.body.includes('customer9@example.com'), false, 'the summary stays out of the entry')
      assert.equal(r.body.includes(ownerMember.email), false, 'the staff member by id, not address')
    }
  })

  test('a viewer reads the register but cannot change it; a support agent cannot read it', async () => {
    const viewer = await addMember(t, 'viewer')
    const v = await signIn(t, viewer.email, viewer.password)
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/v1/incidents', headers: asStaff(v) })).statusCode,
      200,
    )
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: asStaff(v),
      payload: { discoveredAt: '2026-05-10T08:00:00Z', summary: 'x', systems: ['shop_db'] },
    })
    assert.equal(refused.statusCode, 403)
    const agent = await addMember(t, 'support-agent')
    const a = await signIn(t, agent.email, agent.password)
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/v1/incidents', headers: asStaff(a) })).statusCode,
      403,
    )
  })
})
