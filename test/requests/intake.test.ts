import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setupRequests, verifiedRequest } from './harness.ts'

const day = 86_400_000

test('a requester proves the address with the emailed code and an access request goes straight to the queue', async (t) => {
  const h = await setupRequests()
  t.after(() => h.close())
  const submitted = await h.service.submit(
    { type: 'access', email: 'Sara@Example.com', channel: 'email', requester: 'self', locale: 'ar' },
    { ip: '203.0.113.1' },
  )
  assert.ok(submitted.ok)
  assert.equal(submitted.status, 'verifying')
  assert.match(submitted.reference, /^DSR-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  const code = await h.codeFor('sara@example.com')
  assert.match(
    (await h.mails())[0]?.subject ?? '',
    /رمز طلبك/,
    'the code email is in the requester’s language',
  )
  const check = await h.service.verifyCode(submitted.reference, submitted.token, code)
  assert.deepEqual(check, { ok: true })
  const row = await h.service.store.byReference(submitted.reference)
  assert.equal(row?.status, 'in-progress')
  assert.deepEqual(h.queued(), [row?.id])
  const kinds = (await h.service.store.events(row?.id as string)).map((e) => `${e.kind}:${e.to_status ?? ''}`)
  assert.deepEqual(
    // The job engine may already be running it: what came before matters here.
    kinds.filter((k) => k.endsWith(':') === false).slice(0, 4),
    ['received:received', 'verification-started:verifying', 'verified:verified', 'approved:in-progress'],
  )
  const audit = (await h.auditEntries()).filter((a) => a.target === row?.id)
  assert.deepEqual(audit.map((a) => a.action).slice(0, 4), [
    'request.received',
    'request.code-sent',
    'request.verified',
    'request.approved',
  ])
  const everything = JSON.stringify(await h.auditEntries())
  assert.ok(!everything.includes('sara@'), 'the audit trail names no address')
  assert.ok(!everything.includes(code), 'nor the code')
  assert.equal((await h.verifyAudit()).ok, true, 'the ledger verifies')
})

test('the answer is the same whether or not the shop knows the address, and nothing runs before the code', async (t) => {
  const h = await setupRequests()
  t.after(() => h.close())
  const a = await h.service.submit(
    { type: 'erasure', email: 'customer1@example.com', channel: 'email', requester: 'self', locale: 'en' },
    { ip: '203.0.113.2' },
  )
  const b = await h.service.submit(
    { type: 'erasure', email: 'nobody-here@example.com', channel: 'email', requester: 'self', locale: 'en' },
    { ip: '203.0.113.2' },
  )
  assert.ok(a.ok && b.ok)
  assert.deepEqual([a.status, Object.keys(a).sort()], [b.status, Object.keys(b).sort()])
  assert.deepEqual(h.queued(), [], 'unverified identity: no execution is queued')
})

test('a wrong code counts down, five wrong codes exhaust it, and a code expires after 10 minutes', async (t) => {
  const h = await setupRequests()
  t.after(() => h.close())
  const s = await h.service.submit(
    { type: 'access', email: 'a@example.com', channel: 'email', requester: 'self', locale: 'en' },
    { ip: '203.0.113.3' },
  )
  assert.ok(s.ok)
  const right = await h.codeFor('a@example.com')
  const wrong = right === '000000' ? '111111' : '000000'
  assert.deepEqual(await h.service.verifyCode(s.reference, s.token, wrong), {
    ok: false,
    reason: 'wrong',
    attemptsLeft: 4,
  })
  for (let i = 0; i < 3; i++) await h.service.verifyCode(s.reference, s.token, wrong)
  assert.deepEqual(await h.service.verifyCode(s.reference, s.token, wrong), {
    ok: false,
    reason: 'exhausted',
    attemptsLeft: 0,
  })
  assert.equal(
    (await h.service.verifyCode(s.reference, s.token, right)).ok,
    false,
    'even the right code is refused once exhausted',
  )
  assert.equal(await h.service.resendCode(s.reference, s.token), 'sent')
  h.clock.now = new Date(h.clock.now.getTime() + 11 * 60_000)
  const fresh = await h.codeFor('a@example.com')
  assert.deepEqual(await h.service.verifyCode(s.reference, s.token, fresh), {
    ok: false,
    reason: 'expired',
    attemptsLeft: 0,
  })
  assert.deepEqual(await h.service.verifyCode(s.reference, 'not-the-token', fresh), {
    ok: false,
    reason: 'not-found',
    attemptsLeft: 0,
  })
})

test('codes to one address and submissions from one network are rate-limited', async (t) => {
  const h = await setupRequests({ requests: { codeSendsPerAddressPerHour: 2, submissionsPerIpPerHour: 3 } })
  t.after(() => h.close())
  const s = await h.service.submit(
    { type: 'access', email: 'b@example.com', channel: 'email', requester: 'self', locale: 'en' },
    { ip: '198.51.100.1' },
  )
  assert.ok(s.ok)
  assert.equal(await h.service.resendCode(s.reference, s.token), 'sent')
  assert.equal(await h.service.resendCode(s.reference, s.token), 'rateLimited')
  for (let i = 0; i < 2; i++)
    assert.ok(
      (
        await h.service.submit(
          { type: 'access', email: `c${i}@example.com`, channel: 'email', requester: 'self', locale: 'en' },
          { ip: '198.51.100.1' },
        )
      ).ok,
    )
  assert.deepEqual(
    await h.service.submit(
      { type: 'access', email: 'd@example.com', channel: 'email', requester: 'self', locale: 'en' },
      { ip: '198.51.100.1' },
    ),
    { ok: false, problems: ['rateLimited'] },
  )
  assert.ok(
    (
      await h.service.submit(
        { type: 'access', email: 'd@example.com', channel: 'email', requester: 'self', locale: 'en' },
        { ip: '198.51.100.2' },
      )
    ).ok,
    'another network is not affected',
  )
})

test("a guardian's request carries proof and waits for staff after the code", async (t) => {
  const h = await setupRequests()
  t.after(() => h.close())
  const refused = await h.service.submit(
    { type: 'access', email: 'parent@example.com', channel: 'email', requester: 'guardian', locale: 'en' },
    { ip: '203.0.113.4' },
  )
  assert.deepEqual(refused, { ok: false, problems: ['agentName', 'proof'] })
  const s = await h.service.submit(
    {
      type: 'access',
      email: 'parent@example.com',
      channel: 'email',
      requester: 'guardian',
      agentName: 'Huda',
      locale: 'en',
      proof: { name: 'birth.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 proof') },
    },
    { ip: '203.0.113.4' },
  )
  assert.ok(s.ok)
  await h.service.verifyCode(s.reference, s.token, await h.codeFor('parent@example.com'))
  const row = await h.service.store.byReference(s.reference)
  assert.equal(row?.status, 'awaiting-staff')
  assert.deepEqual(h.queued(), [])
  assert.ok(await h.service.verifyProof(row?.id as string, { type: 'staff', id: 'st1' }))
  assert.equal((await h.service.store.byId(row?.id as string))?.status, 'in-progress')
})

test('the deadline for the same request differs between a GDPR, a CCPA and a Kuwait customer', async (t) => {
  const received = new Date('2026-03-01T09:00:00Z')
  const h = await setupRequests({ now: received })
  t.after(() => h.close())
  const due = async (email: string, country: string, type: 'access' | 'opt-out-sale' = 'access') => {
    const r = await verifiedRequest(h, { type, email, country })
    const row = await h.service.store.byId(r.id)
    return {
      days: Math.round(((row?.due_at.getTime() ?? 0) - received.getTime()) / day),
      source: row?.deadline_source,
      extendable: h.service.deadlineOf(row as NonNullable<typeof row>).maxExtendedDueAt,
    }
  }
  const gdpr = await due('de@example.com', 'DE')
  const ccpa = await due('ca@example.com', 'US')
  const kw = await due('kw@example.com', 'KW')
  // GDPR Art. 12(3): one month, read strictly as 28 days, beats the shop's 30; extendable by two months.
  assert.deepEqual(
    [
      gdpr.days,
      gdpr.source,
      gdpr.extendable && Math.round((gdpr.extendable.getTime() - received.getTime()) / day),
    ],
    [28, 'eu-gdpr', 84],
  )
  // CCPA: 45 days, so the shop's own 30-day promise wins; the law allows 45 more.
  assert.deepEqual(
    [
      ccpa.days,
      ccpa.source,
      ccpa.extendable && Math.round((ccpa.extendable.getTime() - received.getTime()) / day),
    ],
    [30, 'commitment', 90],
  )
  // Kuwait sets no clock: the shop's promise applies and nothing allows an extension.
  assert.deepEqual([kw.days, kw.source, kw.extendable], [30, 'commitment', null])
  // CCPA opt-out of sale: 15 business days, read as 15 calendar days.
  assert.equal((await due('ca2@example.com', 'US', 'opt-out-sale')).days, 15)
})

test('an extension goes where the law allows it, with the reason sent; elsewhere it is refused', async (t) => {
  const h = await setupRequests()
  t.after(() => h.close())
  const de = await verifiedRequest(h, { type: 'erasure', email: 'e1@example.com', country: 'DE' })
  const kw = await verifiedRequest(h, { type: 'erasure', email: 'e2@example.com', country: 'KW' })
  const staff = { type: 'staff' as const, id: 'st1' }
  assert.deepEqual(await h.service.extend(kw.id, staff, 'many systems to search'), {
    ok: false,
    reason: 'the law governing this request allows no extension',
  })
  const ok = await h.service.extend(de.id, staff, 'many systems to search')
  assert.equal(ok.ok, true)
  const mail = await h.mailTo('e1@example.com', (m) => m.subject.startsWith('More time'))
  assert.ok(mail?.text.includes('Reason: many systems to search'))
  assert.equal((await h.service.extend(de.id, staff, 'again please')).ok, false, 'only once')
})

test('staff deny with a reason the requester receives; a duplicate is merged into the open request', async (t) => {
  const h = await setupRequests()
  t.after(() => h.close())
  const staff = { type: 'staff' as const, id: 'st1' }
  const first = await verifiedRequest(h, { type: 'erasure', email: 'dup@example.com' })
  const second = await verifiedRequest(h, { type: 'erasure', email: 'dup@example.com' })
  const events = await h.service.store.events(second.id)
  assert.ok(events.some((e) => e.kind === 'possible-duplicate'))
  assert.deepEqual(await h.service.merge(second.id, staff, first.reference), { ok: true })
  assert.equal((await h.service.store.byId(second.id))?.status, 'merged')
  assert.equal(await h.service.deny(first.id, staff, 'We hold no data about this address.'), true)
  assert.equal((await h.service.store.byId(first.id))?.status, 'denied')
  assert.ok(
    (await h.mails()).some(
      (m) => m.to === 'dup@example.com' && m.text.includes('We hold no data about this address.'),
    ),
  )
})
