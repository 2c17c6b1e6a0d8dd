import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import {
  type ConsentTestApp,
  createConsentTestApp,
  demoManifest,
  staff,
} from '../testing/consent-test-app.ts'
import { notCached } from './consent-service.ts'
import { parseSubjectRef } from './domain/consent-record.ts'
import { projectState } from './domain/consent-state.ts'
import { getRecords, listRecords, loadState } from './store.ts'

const hex = () => randomBytes(16).toString('hex')
const widgetRecord = (t: ConsentTestApp, overrides: Record<string, unknown> = {}) => ({
  recordId: hex(),
  deviceId: hex(),
  method: 'banner-reject-all',
  granted: [],
  refused: ['functional', 'analytics', 'marketing'],
  policyVersion: t.consent.policyVersion,
  locale: 'en',
  gpc: false,
  source: 'https://rumrom.com/cakes',
  ...overrides,
})
const post = (t: ConsentTestApp, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/v1/consent', payload: payload as object, headers })
const decision = async (t: ConsentTestApp, subject: string, purpose: string, extra = '') => {
  const res = await t.app.inject({
    url: `/v1/decisions?subject=${encodeURIComponent(subject)}&purpose=${purpose}${extra}`,
    headers: staff('decisions:read'),
  })
  assert.equal(res.statusCode, 200, res.body)
  return res.json() as { allow: boolean; reason: string }
}

describe('consent ledger over HTTP', () => {
  let t: ConsentTestApp
  before(async () => {
    t = await createConsentTestApp({ recordRateLimit: 10_000 })
  })
  after(() => t.close())

  test('a banner choice is recorded once, even when the widget replays it', async () => {
    const payload = widgetRecord(t)
    const first = await post(t, payload)
    assert.equal(first.statusCode, 201, first.body)
    const replay = await post(t, payload)
    assert.equal(replay.statusCode, 200)
    assert.equal(replay.json().status, 'duplicate')
    assert.equal(replay.json().id, first.json().id)
    const records = await listRecords(t.database.db, {
      subjectHash: t.consent.keys.hashSubject({ kind: 'device', id: payload.deviceId }),
      limit: 10,
    })
    assert.equal(records.length, 1)
    assert.equal(records[0]?.method, 'banner-reject-all')
  })

  test('the ledger stores a keyed hash of the subject, never the identifier', async () => {
    const payload = widgetRecord(t)
    await post(t, payload)
    const rows = await sql<{
      n: number
    }>`select count(*)::int as n from consent_record where subject_hash = ${payload.deviceId} or source like ${`%${payload.deviceId}%`}`.execute(
      t.database.db,
    )
    assert.equal(rows.rows[0]?.n, 0)
  })

  test('the ledger refuses UPDATE and DELETE', async () => {
    await post(t, widgetRecord(t))
    await assert.rejects(
      sql`update consent_record set method = 'banner-accept-all'`.execute(t.database.db),
      /append-only/,
    )
    await assert.rejects(sql`delete from consent_record`.execute(t.database.db), /append-only/)
  })

  test('the projection equals a replay of the ledger', async () => {
    const deviceId = hex()
    await post(
      t,
      widgetRecord(t, {
        deviceId,
        method: 'banner-accept-all',
        granted: ['functional', 'analytics', 'marketing'],
        refused: [],
      }),
    )
    await post(
      t,
      widgetRecord(t, {
        deviceId,
        method: 'banner-custom',
        granted: ['analytics'],
        refused: ['functional', 'marketing'],
      }),
    )
    const subjectHash = t.consent.keys.hashSubject({ kind: 'device', id: deviceId })
    const replayed = projectState(await listRecords(t.database.db, { subjectHash, limit: 100 }))
    const projected = await loadState(t.database.db, subjectHash)
    const view = (s: typeof projected) =>
      [...s.entries.values()].map((e) => `${e.target}:${e.id}:${e.channel}=${e.granted}@${e.seq}`).sort()
    assert.deepEqual(view(projected), view(replayed))
    assert.deepEqual(await decision(t, `device:${deviceId}`, 'advertising'), {
      purpose: 'advertising',
      allow: false,
      reason: 'consent-refused',
    })
    assert.deepEqual(await decision(t, `device:${deviceId}`, 'analytics'), {
      purpose: 'analytics',
      allow: true,
      reason: 'consent-given',
    })
  })

  test('concurrent appends are batched and none is lost', async () => {
    const payloads = Array.from({ length: 60 }, () => widgetRecord(t))
    const results = await Promise.all(payloads.map((p) => post(t, p)))
    assert.ok(results.every((r) => r.statusCode === 201))
    const ids = payloads.map((p) => p.recordId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'))
    const rows = await t.database.db
      .selectFrom('consent_record')
      .select('id')
      .where('id', 'in', ids)
      .execute()
    assert.equal(rows.length, 60)
  })

  test('malformed records are refused with a 400 naming the field, and nothing is recorded', async () => {
    const before = await t.database.db
      .selectFrom('consent_record')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ recordId: 'not-an-id' }, /body\.recordId/],
      [{ method: 'coerced' }, /body\.method/],
      [{ granted: ['advertising-everywhere'] }, /body\.granted\.0: unknown value/],
      [{ refused: 'marketing' }, /body\.refused/],
      [{ granted: Array.from({ length: 40 }, () => 'marketing') }, /body\.granted/],
      [{ granted: ['marketing'], refused: ['marketing'] }, /body\.refused/],
      [{ locale: '<script>' }, /body\.locale/],
    ]
    for (const [override, field] of cases) {
      const res = await post(t, widgetRecord(t, override))
      assert.equal(res.statusCode, 400, JSON.stringify(override))
      assert.match(res.json().error.message, field)
    }
    const oversized = await post(t, widgetRecord(t, { source: 'x'.repeat(5000) }))
    assert.equal(oversized.statusCode, 400)
    const after = await t.database.db
      .selectFrom('consent_record')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    assert.equal(Number(after.n), Number(before.n))
  })

  test('a grant from a banner built for an older policy version is refused; a refusal is still recorded', async () => {
    const stale = await post(
      t,
      widgetRecord(t, {
        policyVersion: 'old',
        method: 'banner-accept-all',
        granted: ['marketing'],
        refused: [],
      }),
    )
    assert.equal(stale.statusCode, 409)
    assert.match(stale.json().error.message, /policy version old/)
    const refusal = await post(t, widgetRecord(t, { policyVersion: 'old' }))
    assert.equal(refusal.statusCode, 201)
  })

  test('a receipt verifies, and an edited receipt does not', async () => {
    const created = await post(t, widgetRecord(t))
    const receipt = await t.app.inject({ url: created.json().receipt })
    assert.equal(receipt.statusCode, 200)
    assert.match(receipt.headers['content-type'] as string, /application\/jose/)
    const ok = await t.app.inject({
      method: 'POST',
      url: '/v1/consent/receipts/verify',
      payload: { receipt: receipt.body },
    })
    assert.equal(ok.json().valid, true)
    assert.equal(ok.json().receipt.collectionMethod, 'banner-reject-all')
    const [h, p, s] = receipt.body.split('.') as [string, string, string]
    const body = JSON.parse(Buffer.from(p, 'base64url').toString())
    body.choices = body.choices.map((c: { state: string }) => ({ ...c, state: 'given' }))
    const edited = `${h}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${s}`
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/consent/receipts/verify',
      payload: { receipt: edited },
    })
    assert.deepEqual(bad.json(), { valid: false, reason: 'bad-signature' })
    const unknown = await t.app.inject({ url: '/v1/consent/00000000-0000-4000-8000-000000000000/receipt' })
    assert.equal(unknown.statusCode, 404)
  })

  test('GPC on the request is recorded with the choice', async () => {
    const payload = widgetRecord(t, { method: 'gpc', refused: ['marketing'], gpc: false })
    await post(t, payload, { 'sec-gpc': '1' })
    const [record] = await listRecords(t.database.db, {
      subjectHash: t.consent.keys.hashSubject({ kind: 'device', id: payload.deviceId }),
      limit: 1,
    })
    assert.equal(record?.gpc, true)
    assert.deepEqual(await decision(t, `device:${payload.deviceId}`, 'advertising'), {
      purpose: 'advertising',
      allow: false,
      reason: 'gpc',
    })
  })

  test('the public consent endpoint is rate-limited per address', async () => {
    const limited = await createConsentTestApp({ recordRateLimit: 3, database: t.database })
    try {
      // An address of its own: the budget is counted in the database this suite's other posts share.
      const from = (remoteAddress: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/v1/consent',
          payload: widgetRecord(limited),
          remoteAddress,
        })
      const codes = []
      for (let i = 0; i < 5; i++) codes.push((await from('192.0.2.7')).statusCode)
      assert.deepEqual(codes, [201, 201, 201, 429, 429])
      const refused = await from('192.0.2.7')
      assert.equal(refused.json().error.code, 'RATE_LIMITED')
      assert.match(
        refused.json().error.message,
        /Too many consent records from this address\. Retry in \d+ s\./,
      )
      assert.ok(Number(refused.headers['retry-after']) > 0 && Number(refused.headers['retry-after']) <= 60)
      assert.equal((await from('192.0.2.8')).statusCode, 201, 'another address has its own budget')
    } finally {
      await limited.close()
    }
  })
})

describe('decisions API', () => {
  let t: ConsentTestApp
  before(async () => {
    t = await createConsentTestApp()
  })
  after(() => t.close())

  test('needs an API key with decisions:read', async () => {
    assert.equal((await t.app.inject({ url: '/v1/decisions?subject=1&purpose=marketing' })).statusCode, 401)
    assert.equal(
      (
        await t.app.inject({
          url: '/v1/decisions?subject=1&purpose=marketing',
          headers: staff('consent:read'),
        })
      ).statusCode,
      403,
    )
  })

  test('an unknown purpose is a 400 naming the field, whether the state is read or in memory', async () => {
    // The first question reads the subject's state from the database; the second finds it in memory.
    for (const _ of ['read', 'in memory']) {
      const res = await t.app.inject({
        url: '/v1/decisions?subject=1&purpose=mind_reading',
        headers: staff('decisions:read'),
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.json().error.message, /querystring\.purpose: unknown value "mind_reading"/)
    }
    // The second answer came from memory: the state is held, and the purpose is unknown to it too.
    const held = t.consent.keys.hashSubject(parseSubjectRef('1'))
    assert.equal(t.consent.decideCached(held, 'mind_reading'), undefined)
    assert.notEqual(t.consent.decideCached(held, 'marketing'), notCached)
  })

  test('records from the shop, withdrawal, restriction and several purposes at once', async () => {
    const record = (choices: object[], method = 'account-settings') =>
      t.app.inject({
        method: 'POST',
        url: '/v1/consent/records',
        headers: staff('consent:write'),
        payload: { subject: 'account:42', method, choices },
      })
    assert.equal((await record([{ purpose: 'marketing', granted: true }])).statusCode, 201)
    assert.deepEqual(await decision(t, 'account:42', 'marketing', '&channel=email'), {
      purpose: 'marketing',
      allow: true,
      reason: 'consent-given',
    })
    await record([{ purpose: 'marketing', granted: false }])
    assert.deepEqual(await decision(t, 'account:42', 'marketing'), {
      purpose: 'marketing',
      allow: false,
      reason: 'consent-refused',
    })
    await record([{ purpose: 'marketing', granted: true }])
    await t.consent.restrict({ kind: 'account', id: '42' }, ['*'], new Date())
    const many = await t.app.inject({
      method: 'POST',
      url: '/v1/decisions',
      headers: staff('decisions:read'),
      payload: { subject: 'account:42', purposes: ['marketing', 'orders', 'legal'] },
    })
    assert.deepEqual(
      many.json().decisions.map((d: { reason: string }) => d.reason),
      ['restricted', 'restricted', 'legal-basis-not-consent'],
    )
    assert.ok(t.audit.some((e) => e.action === 'consent.recorded-by-staff'))
  })

  test('a record from the shop keeps source and notice as origin and path; free text with a phone or an address is a 400 naming the field', async () => {
    const record = (extra: object) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/consent/records',
        headers: staff('consent:write'),
        payload: {
          subject: 'account:origin',
          method: 'account-settings',
          choices: [{ purpose: 'marketing', granted: true }],
          ...extra,
        },
      })
    const kept = await record({
      source: 'https://staff:pw@shop.example/account/prefs?email=layla%40example.com&phone=96550001234#x',
      notice: 'https://shop.example/privacy/notice?ref=layla%40example.com',
    })
    assert.equal(kept.statusCode, 201, kept.body)
    const [stored] = await getRecords(t.database.db, [kept.json().id])
    assert.equal(stored?.source, 'https://shop.example/account/prefs')
    assert.equal(stored?.notice, 'https://shop.example/privacy/notice')
    for (const [field, value] of [
      ['source', 'till 3, customer phone 96550001234'],
      ['notice', 'layla@example.com'],
    ] as const) {
      const refused = await record({ [field]: value })
      assert.equal(refused.statusCode, 400, refused.body)
      assert.match(
        refused.json().error.message,
        new RegExp(`body\\.${field}: expected an http\\(s\\) page URL`),
      )
    }
    const badLocale = await record({ locale: 'layla@example.com' })
    assert.equal(badLocale.statusCode, 400, badLocale.body)
    assert.match(badLocale.json().error.message, /body\.locale: expected a language tag/)
    const dump = await sql<{ row: string }>`select row_to_json(r)::text as row from consent_record r`.execute(
      t.database.db,
    )
    const text = dump.rows.map((r) => r.row).join('\n')
    for (const personal of ['layla', '96550001234', 'staff:pw'])
      assert.ok(!text.includes(personal), `${personal} is not in the ledger`)
  })

  test('answers given from memory follow the question asked: channel, child, GPC, jurisdiction, and the latest record', async () => {
    const record = (choices: object[]) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/consent/records',
        headers: staff('consent:write'),
        payload: { subject: 'account:77', method: 'preferences-page', choices },
      })
    assert.equal(
      (
        await record([
          { purpose: 'marketing', channel: 'email', granted: true },
          { purpose: 'advertising', granted: true },
        ])
      ).statusCode,
      201,
    )
    const reasons = async (questions: [string, string][]) => {
      const out = []
      for (const [purpose, extra] of questions)
        out.push((await decision(t, 'account:77', purpose, extra)).reason)
      return out
    }
    // Each question twice, interleaved: the second answer of each comes from what was kept in memory.
    const questions: [string, string][] = [
      ['marketing', '&channel=email'],
      ['marketing', ''],
      ['marketing', '&channel=sms'],
      ['advertising', ''],
      ['advertising', '&child=true'],
      ['advertising', '&gpc=true'],
      ['advertising', '&child=true&gpc=true'],
      ['advertising', '&jurisdiction=us-ca'],
    ]
    const expected = [
      'consent-given',
      'consent-absent',
      'consent-absent',
      'consent-given',
      'child',
      'gpc',
      'child',
      'consent-given',
    ]
    assert.deepEqual(await reasons([...questions, ...questions]), [...expected, ...expected])
    assert.notEqual(t.consent.decideCached(t.consent.keys.hashSubject('account:77'), 'marketing'), notCached)
    // A new record replaces the state: the kept answers go with it.
    await record([{ purpose: 'advertising', granted: false }])
    assert.deepEqual(
      await reasons([
        ['advertising', ''],
        ['marketing', '&channel=email'],
      ]),
      ['consent-refused', 'consent-given'],
    )
  })

  test('the staff view of a subject shows state and ledger, and is audited', async () => {
    const res = await t.app.inject({ url: '/v1/consent?subject=account:42', headers: staff('consent:read') })
    assert.equal(res.statusCode, 200)
    assert.ok(res.json().records.length >= 3)
    assert.equal(res.body.includes('"42"'), false)
    assert.ok(t.audit.some((e) => e.action === 'consent.read'))
  })
})

describe('minimum ages per jurisdiction', () => {
  test('an age makes a person a child under the minimum age the manifest (and the policy) sets for their law', async () => {
    // Lumen's ages: 13 in California, 16 in the EEA.
    const manifest = await demoManifest((m) => ({
      ...m,
      jurisdictions: ['eu-gdpr', 'us-ca'],
      children: { ...m.children!, minimumAge: 16, minimumAgeBy: { 'us-ca': 13, 'eu-gdpr': 16 } },
    }))
    const t = await createConsentTestApp({ manifest })
    try {
      const given = await t.app.inject({
        method: 'POST',
        url: '/v1/consent/records',
        headers: staff('consent:write'),
        payload: {
          subject: 'account:14',
          method: 'preferences-page',
          choices: [{ purpose: 'advertising', granted: true }],
        },
      })
      assert.equal(given.statusCode, 201, given.body)
      const reason = async (extra: string) => (await decision(t, 'account:14', 'advertising', extra)).reason
      assert.equal(await reason('&age=14&jurisdiction=eu-gdpr'), 'child')
      assert.equal(await reason('&age=14&jurisdiction=us-ca'), 'consent-given')
      assert.equal(await reason('&age=12&jurisdiction=us-ca'), 'child')
      assert.equal(await reason('&age=16&jurisdiction=eu-gdpr'), 'consent-given')
      // Without a jurisdiction, the shop's first law (the EEA here).
      assert.equal(await reason('&age=15'), 'child')
      const batch = await t.app.inject({
        method: 'POST',
        url: '/v1/decisions',
        headers: staff('decisions:read'),
        payload: { subject: 'account:14', purposes: ['advertising'], age: 14, jurisdiction: 'us-ca' },
      })
      assert.equal(batch.json().decisions[0].reason, 'consent-given')
      const bad = await t.app.inject({
        url: '/v1/decisions?subject=account:14&purpose=advertising&age=fourteen',
        headers: staff('decisions:read'),
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /age/)
    } finally {
      await t.close()
    }
  })
})

describe('CCPA shop', () => {
  test('sale/sharing is allowed until opt-out, and GPC opts out', async () => {
    const manifest = await demoManifest((m) => ({
      ...m,
      jurisdictions: ['us-ca'],
      purposes: {
        ...m.purposes,
        advertising: { ...m.purposes.advertising!, legalBasis: 'legitimate-interest', consent: undefined },
      },
    }))
    const t = await createConsentTestApp({ manifest })
    try {
      assert.deepEqual(await decision(t, 'account:7', 'advertising'), {
        purpose: 'advertising',
        allow: true,
        reason: 'opt-out-default',
      })
      const config = await t.app.inject({ url: '/v1/consent/config', headers: { 'sec-gpc': '1' } })
      assert.equal(config.json().jurisdictionDefault, 'opt-out')
      assert.equal(config.json().gpc.requestSignal, true)
      assert.equal(config.json().consentModeDefaults.ad_storage, 'denied')
      assert.equal(config.json().consentModeDefaults.analytics_storage, 'granted')
      assert.deepEqual(await decision(t, 'account:7', 'advertising', '&gpc=true'), {
        purpose: 'advertising',
        allow: false,
        reason: 'gpc',
      })
    } finally {
      await t.close()
    }
  })
})

describe('widget, config and GPC endpoints', () => {
  let t: ConsentTestApp
  before(async () => {
    t = await createConsentTestApp({
      deps: {
        materialChanges: [
          {
            kind: 'purpose-category-added',
            path: 'purposes.advertising.categories',
            purposes: ['advertising'],
            summary: 'x',
          },
        ],
      },
    })
  })
  after(() => t.close())

  test('the config comes from the manifest, in Arabic with RTL', async () => {
    const res = await t.app.inject({ url: '/v1/consent/config?lang=ar' })
    const config = res.json()
    assert.equal(config.dir, 'rtl')
    assert.equal(config.locale, 'ar')
    assert.deepEqual(
      config.categories.map((c: { id: string }) => c.id),
      ['necessary', 'functional', 'analytics', 'marketing'],
    )
    const marketing = config.categories.find((c: { id: string }) => c.id === 'marketing')
    assert.equal(marketing.cookies[0].name, '_fbp')
    assert.equal(marketing.cookies[0].provider, 'Meta Pixel')
    assert.equal(marketing.cookies[0].duration, '٣ أشهر')
    assert.deepEqual(config.reaskPurposes, ['advertising'])
    assert.equal(config.jurisdictionDefault, 'opt-in')
    assert.equal(config.gpc.requestSignal, false)
    assert.equal(config.policyVersion, t.consent.policyVersion)
    assert.equal(Object.keys(config.consentModeDefaults).length, 7)
    assert.equal(config.consentModeDefaults.ad_storage, 'denied')
    assert.equal(config.consentModeDefaults.security_storage, 'granted')
  })

  test('the config echoes Sec-GPC: 1 and nothing else', async () => {
    assert.equal(
      (await t.app.inject({ url: '/v1/consent/config', headers: { 'sec-gpc': '1' } })).json().gpc
        .requestSignal,
      true,
    )
    assert.equal(
      (await t.app.inject({ url: '/v1/consent/config', headers: { 'sec-gpc': 'true' } })).json().gpc
        .requestSignal,
      false,
    )
  })

  test('/.well-known/gpc.json declares support', async () => {
    const res = await t.app.inject({ url: '/.well-known/gpc.json' })
    assert.match(res.headers['content-type'] as string, /application\/json/)
    assert.deepEqual(res.json(), { gpc: true, lastUpdate: '2026-01-01' })
  })

  test('CORS is granted to the shop origin only', async () => {
    const shop = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/consent',
      headers: { origin: 'https://rumrom.com' },
    })
    assert.equal(shop.headers['access-control-allow-origin'], 'https://rumrom.com')
    const other = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/consent',
      headers: { origin: 'https://evil.example' },
    })
    assert.equal(other.headers['access-control-allow-origin'], undefined)
  })
})

describe('staff views', () => {
  let t: ConsentTestApp
  before(async () => {
    t = await createConsentTestApp()
    for (const method of ['banner-accept-all', 'banner-reject-all', 'banner-reject-all']) {
      const all = ['functional', 'analytics', 'marketing']
      await post(
        t,
        widgetRecord(t, method === 'banner-accept-all' ? { method, granted: all, refused: [] } : { method }),
      )
    }
    await t.app.inject({
      method: 'POST',
      url: '/v1/consent/records',
      headers: staff('consent:write'),
      payload: {
        subject: 'account:9',
        method: 'api',
        choices: [{ purpose: 'marketing', channel: 'email', granted: true }],
        // A formula would be refused in every field (URLs, labels, language tags, ids, enums); the
        // CSV writer's guard is tested in platform/csv. A URL is the freest value left.
        source: 'https://rumrom.example/=HYPERLINK("x")',
      },
    })
  })
  after(() => t.close())

  test('consent rates per purpose and category per day', async () => {
    const res = await t.app.inject({ url: '/v1/consent/stats', headers: staff('consent:read') })
    const marketing = res
      .json()
      .series.find((s: { id: string; target: string }) => s.id === 'marketing' && s.target === 'category')
    assert.equal(marketing.points.length, 1)
    assert.equal(marketing.points[0].granted, 1)
    assert.equal(marketing.points[0].refused, 2)
    assert.equal(marketing.points[0].rate, 0.333)
  })

  test('the admin page draws the rates as inline SVG', async () => {
    const res = await t.app.inject({ url: '/admin/consent?lang=ar', headers: staff('admin:console') })
    assert.equal(res.statusCode, 200)
    assert.match(res.body, /<svg role="img"/)
    assert.match(res.body, /<polyline/)
    assert.match(res.body, /dir="rtl"/)
    assert.equal((await t.app.inject({ url: '/admin/consent' })).statusCode, 401)
  })

  test('the ledger exports as CSV (formula-safe) and JSON, for a period or a subject', async () => {
    const csv = await t.app.inject({ url: '/v1/consent/export?format=csv', headers: staff('consent:read') })
    assert.match(csv.headers['content-type'] as string, /text\/csv/)
    const lines = csv.body.trim().split('\r\n')
    assert.equal(lines[0]?.split(',')[0], 'record_id')
    assert.equal(lines.length, 1 + 3 * 3 + 1)
    assert.ok(csv.body.includes('https://rumrom.example/=HYPERLINK(%22x%22)'))
    assert.ok(
      !/(^|,)"?[=+@-]/m.test(csv.body.split('\r\n').slice(1).join('\r\n')),
      'no cell starts a formula',
    )
    const json = await t.app.inject({
      url: '/v1/consent/export?format=json&subject=account:9',
      headers: staff('consent:read'),
    })
    assert.equal(json.json().records.length, 1)
    assert.equal(json.json().records[0].method, 'api')
    assert.ok(t.audit.filter((e) => e.action === 'consent.export').length >= 2)
  })
})
