import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createTestApp } from '../testing/test-app.ts'
import { base32Decode, totp } from './domain/totp.ts'
import { ensureSetupLink } from './setup-link.ts'
import { addMember, asStaff, signIn, staffAccessFor } from './testing.ts'

const post = (email: string, password: string, extra: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url: '/v1/session',
  payload: { email, password, ...extra },
})

test('a wrong password and an unknown email get the same answer, in similar time', async () => {
  const t = await createTestApp()
  try {
    const member = await addMember(t, 'viewer')
    const timed = async (email: string) => {
      const started = performance.now()
      const response = await t.app.inject(post(email, 'wrong password here'))
      return { response, ms: performance.now() - started }
    }
    await timed('warm-up@nowhere.example')
    const wrong = await timed(member.email)
    const unknown = await timed('nobody@nowhere.example')
    assert.equal(wrong.response.statusCode, 401)
    assert.equal(unknown.response.statusCode, 401)
    assert.equal(wrong.response.json().error.message, unknown.response.json().error.message)
    assert.equal(wrong.response.json().error.code, unknown.response.json().error.code)
    assert.equal(wrong.response.cookies.length, 0)
    // Both spend one scrypt; without the dummy hash the unknown email would answer in ~1 ms.
    assert.ok(
      unknown.ms > wrong.ms / 3,
      `unknown ${unknown.ms.toFixed(0)} ms vs wrong ${wrong.ms.toFixed(0)} ms`,
    )
  } finally {
    await t.close()
  }
})

test('the right password signs in with an HttpOnly, SameSite=Strict session cookie; Secure behind https', async () => {
  const t = await createTestApp()
  try {
    const member = await addMember(t, 'viewer')
    const response = await t.app.inject(post(member.email.toUpperCase(), member.password))
    assert.equal(response.statusCode, 200)
    const header = String(response.headers['set-cookie'])
    assert.match(header, /^amana_session=[\w-]{43};/)
    assert.match(header, /HttpOnly/)
    assert.match(header, /SameSite=Strict/)
    assert.match(header, /Path=\//)
    assert.doesNotMatch(header, /Secure/, 'plain-http public URL: browsers would drop a Secure cookie')
    const me = await t.app.inject({ url: '/v1/session', headers: { cookie: header.split(';')[0] ?? '' } })
    assert.equal(me.statusCode, 200)
    assert.equal(me.json().staff.role, 'viewer')
  } finally {
    await t.close()
  }
  const { createTestConfig } = await import('../testing/test-app.ts')
  const https = await createTestApp({
    config: createTestConfig({ AMANA_PUBLIC_URL: 'https://privacy.example.com' }),
  })
  try {
    const member = await addMember(https, 'viewer')
    const response = await https.app.inject(post(member.email, member.password))
    assert.match(String(response.headers['set-cookie']), /; Secure/)
  } finally {
    await https.close()
  }
})

const from = (
  remoteAddress: string,
  email: string,
  password: string,
  extra: Record<string, string> = {},
) => ({
  ...post(email, password, extra),
  remoteAddress,
})

test('a stranger guessing the owner’s password waits 1 s, 2 s, 4 s … while the owner still signs in from their own address', async () => {
  let now = new Date('2026-03-01T10:00:00Z')
  const t = await createTestApp({ now: () => now })
  try {
    const owner = await addMember(t, 'owner')
    const attacker = '203.0.113.66'
    for (let i = 0; i < 3; i++)
      assert.equal((await t.app.inject(from(attacker, owner.email, `wrong-${i}`))).statusCode, 401)
    for (const wait of [1, 2, 4, 8]) {
      const slowed = await t.app.inject(from(attacker, owner.email, 'guess'))
      assert.equal(slowed.statusCode, 429)
      assert.equal(slowed.json().error.code, 'RATE_LIMITED')
      assert.equal(slowed.headers['retry-after'], String(wait), `after ${wait} s of delay`)
      now = new Date(now.getTime() + wait * 1000)
      assert.equal((await t.app.inject(from(attacker, owner.email, 'guess'))).statusCode, 401)
    }
    // A botnet: three free guesses from each of many addresses.
    for (let host = 1; host <= 10; host++)
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await t.app.inject(from(`198.51.100.${host}`, owner.email, `spray-${i}`))).statusCode,
          401,
        )
    const ownerIn = await t.app.inject(from('192.0.2.10', owner.email, owner.password))
    assert.equal(ownerIn.statusCode, 200, 'the owner is not locked out by strangers')

    // The state is in the database: another process on it slows the attacker the same way.
    const other = await staffAccessFor(t).signIn(
      { email: owner.email, password: 'guess', pendingAllowed: false },
      { ip: attacker },
    )
    assert.deepEqual(other, { ok: false, reason: 'throttled', retryAfterSeconds: 16 })

    // However long the attack, the wait is capped (5 minutes): a delay, never a lock.
    for (let i = 0; i < 12; i++) {
      const r = await t.app.inject(from(attacker, owner.email, 'guess'))
      if (r.statusCode === 429) now = new Date(now.getTime() + Number(r.headers['retry-after']) * 1000)
    }
    const capped = await t.app.inject(from(attacker, owner.email, 'guess'))
    assert.equal(capped.statusCode, 429)
    assert.ok(Number(capped.headers['retry-after']) <= 300, `waits ${capped.headers['retry-after']} s`)
  } finally {
    await t.close()
  }
})

test('wrong guesses from the owner’s own address delay the owner there, but a wait gets them in', async () => {
  let now = new Date('2026-03-01T10:00:00Z')
  const t = await createTestApp({ now: () => now })
  try {
    const owner = await addMember(t, 'owner')
    const office = '192.0.2.20'
    for (let i = 0; i < 4; i++) await t.app.inject(from(office, owner.email, `wrong-${i}`))
    const delayed = await t.app.inject(from(office, owner.email, owner.password))
    assert.equal(delayed.statusCode, 429, 'the right password waits like any other: no oracle')
    const wait = Number(delayed.headers['retry-after'])
    assert.equal(wait, 1, 'the fourth try was refused, not counted: three failures, one second')
    now = new Date(now.getTime() + wait * 1000)
    assert.equal((await t.app.inject(from(office, owner.email, owner.password))).statusCode, 200)
    assert.equal(
      (await t.app.inject(from(office, owner.email, 'one more typo'))).statusCode,
      401,
      'a success clears the count for that address',
    )
  } finally {
    await t.close()
  }
})

test('one address spraying many accounts is slowed after 30 failures; accounts known there and password + second factor still get in', async () => {
  let now = new Date('2026-03-01T10:00:00Z')
  const t = await createTestApp({ now: () => now })
  try {
    const proxy = '10.20.30.40'
    const regular = await addMember(t, 'viewer')
    assert.equal((await t.app.inject(from(proxy, regular.email, regular.password))).statusCode, 200)
    const newcomer = await addMember(t, 'support-agent')
    const guarded = await addMember(t, 'owner')
    const access = staffAccessFor(t)
    const actor = { id: guarded.id, role: 'owner' as const, permissions: new Set<never>() }
    const begun = await access.beginTotp(actor)
    assert.ok(begun.ok)
    const secret = base32Decode(begun.secret)
    assert.ok((await access.confirmTotp(actor, totp(secret, now))).ok)
    now = new Date(now.getTime() + 30_000) // the enrolment code is used up; the next step's is fresh

    for (let i = 0; i < 30; i++)
      assert.equal(
        (await t.app.inject(from(proxy, `spray-${i}@nowhere.example`, 'Winter2026!'))).statusCode,
        401,
      )
    const sprayed = await t.app.inject(from(proxy, 'spray-31@nowhere.example', 'Winter2026!'))
    assert.equal(sprayed.statusCode, 429)
    assert.equal(sprayed.headers['retry-after'], '1')
    assert.equal(
      (await t.app.inject(from(proxy, newcomer.email, newcomer.password))).statusCode,
      429,
      'a password alone from a slowed address waits',
    )
    assert.equal(
      (await t.app.inject(from(proxy, regular.email, regular.password))).statusCode,
      200,
      'an account that signed in from this address before is not slowed by strangers there',
    )
    assert.equal(
      (await t.app.inject(from(proxy, guarded.email, guarded.password, { totp: '000000' }))).statusCode,
      429,
      'a wrong code does not pass',
    )
    assert.equal(
      (await t.app.inject(from(proxy, guarded.email, guarded.password, { totp: totp(secret, now) })))
        .statusCode,
      200,
      'password and second factor together always pass the address throttle',
    )
    assert.equal(
      (await t.app.inject(from('10.1.2.3', 'spray-31@nowhere.example', 'Winter2026!'))).statusCode,
      401,
      'another address is not affected',
    )
  } finally {
    await t.close()
  }
})

test('a session expires after 30 idle minutes and after 12 hours even when active', async () => {
  let now = new Date('2026-03-01T08:00:00Z')
  const t = await createTestApp({ now: () => now })
  try {
    const member = await addMember(t, 'viewer')
    const idle = await signIn(t, member.email, member.password)
    now = new Date(now.getTime() + 29 * 60_000)
    assert.equal((await t.app.inject({ url: '/v1/session', headers: asStaff(idle) })).statusCode, 200)
    now = new Date(now.getTime() + 31 * 60_000)
    const expired = await t.app.inject({ url: '/v1/session', headers: asStaff(idle) })
    assert.equal(expired.statusCode, 401)
    assert.equal(expired.json().error.code, 'UNAUTHENTICATED')

    const busy = await signIn(t, member.email, member.password)
    for (let i = 0; i < 25; i++) {
      now = new Date(now.getTime() + 29 * 60_000)
      const r = await t.app.inject({ url: '/v1/session', headers: asStaff(busy) })
      if (i < 24) assert.equal(r.statusCode, 200, `after ${(i + 1) * 29} minutes`)
      else assert.equal(r.statusCode, 401, 'absolute limit of 12 hours')
    }
  } finally {
    await t.close()
  }
})

test('signing out ends the session; the cookie no longer works', async () => {
  const t = await createTestApp()
  try {
    const member = await addMember(t, 'developer')
    const s = await signIn(t, member.email, member.password)
    assert.equal(
      (await t.app.inject({ method: 'DELETE', url: '/v1/session', headers: asStaff(s) })).statusCode,
      204,
    )
    assert.equal((await t.app.inject({ url: '/v1/session', headers: asStaff(s) })).statusCode, 401)
  } finally {
    await t.close()
  }
})

test('with TOTP enrolled the password alone is not enough, and a code works once', async () => {
  const t = await createTestApp()
  try {
    const member = await addMember(t, 'owner')
    const s = await signIn(t, member.email, member.password)
    const enrol = await t.app.inject({ method: 'POST', url: '/v1/session/totp', headers: asStaff(s) })
    assert.equal(enrol.statusCode, 200)
    const secret = base32Decode(enrol.json().secret)
    assert.match(enrol.json().otpauthUri, /^otpauth:\/\/totp\//)
    const wrongConfirm = await t.app.inject({
      method: 'POST',
      url: '/v1/session/totp/confirm',
      headers: asStaff(s),
      payload: { code: '000000' },
    })
    assert.equal(wrongConfirm.statusCode, 400)
    const code = totp(secret, new Date())
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/session/totp/confirm',
          headers: asStaff(s),
          payload: { code },
        })
      ).statusCode,
      200,
    )

    const passwordOnly = await t.app.inject(post(member.email, member.password))
    assert.equal(passwordOnly.statusCode, 401)
    assert.equal(passwordOnly.json().error.details.secondFactor, 'totp')
    assert.equal(passwordOnly.cookies.length, 0)
    const reused = await t.app.inject(post(member.email, member.password, { totp: code }))
    assert.equal(reused.statusCode, 401, 'the enrolment code cannot be replayed')
    const next = totp(secret, new Date(Date.now() + 30_000))
    assert.equal((await t.app.inject(post(member.email, member.password, { totp: next }))).statusCode, 200)
  } finally {
    await t.close()
  }
})

test('a setup link creates the first owner once; a second use and a late use are refused', async () => {
  let now = new Date('2026-03-01T09:00:00Z')
  const t = await createTestApp({ now: () => now })
  try {
    const access = staffAccessFor(t)
    const printed = await ensureSetupLink(t.ctx)
    assert.match(printed ?? '', /^http:\/\/127\.0\.0\.1:3000\/admin\/setup\?token=[\w-]{43}$/)
    const link = await access.firstOwnerLink()
    assert.ok(link)
    const replaced = await t.app.inject(
      `/admin/setup?token=${new URL(printed ?? '').searchParams.get('token')}`,
    )
    assert.equal(replaced.statusCode, 404, 'a newer link replaces the printed one')
    const token = new URL(link.url).searchParams.get('token') ?? ''
    const page = await t.app.inject(`/admin/setup?token=${token}`)
    assert.equal(page.statusCode, 200)
    const formCookie = page.cookies.find((c) => c.name === 'amana_form')
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
    const password = `pw-${crypto.randomUUID()}`
    const submit = () =>
      t.app.inject({
        method: 'POST',
        url: '/admin/setup',
        headers: { cookie: `amana_form=${formCookie?.value}` },
        payload: { csrf, token, email: 'first-owner@rumrom.example', password, confirm: password },
      })
    const first = await submit()
    assert.equal(first.statusCode, 303)
    assert.match(String(first.headers.location), /m=setup-done/)
    const second = await submit()
    assert.equal(second.statusCode, 404, 'used once')
    await signIn(t, 'first-owner@rumrom.example', password)
    assert.equal(await access.firstOwnerLink(), undefined, 'no first-owner link once staff exists')

    const invited = await access.createMember({ email: 'late@rumrom.example', role: 'viewer' })
    assert.ok(invited.ok && invited.setupUrl)
    now = new Date(now.getTime() + 24 * 60 * 60_000 + 1)
    const late = await t.app.inject(
      `/admin/setup?token=${new URL(invited.setupUrl).searchParams.get('token')}`,
    )
    assert.equal(late.statusCode, 404, 'expired after 24 hours')
  } finally {
    await t.close()
  }
})

test('the console sign-in form needs its form token, then opens the console', async () => {
  const t = await createTestApp()
  try {
    const member = await addMember(t, 'viewer')
    const forged = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      payload: { email: member.email, password: member.password },
    })
    assert.equal(forged.statusCode, 403, 'login CSRF: no form token')
    const page = await t.app.inject('/admin/sign-in?lang=ar')
    assert.match(page.body, /dir="rtl"/)
    const form = page.cookies.find((c) => c.name === 'amana_form')?.value
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1]
    const ok = await t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: { cookie: `amana_form=${form}` },
      payload: { csrf, email: member.email, password: member.password },
    })
    assert.equal(ok.statusCode, 303)
    assert.match(String(ok.headers.location), /^\/admin\/home/)
    const session = ok.cookies.find((c) => c.name === 'amana_session')?.value
    const home = await t.app.inject({ url: '/admin/home', headers: { cookie: `amana_session=${session}` } })
    assert.equal(home.statusCode, 200)
    assert.match(home.body, new RegExp(member.email.replace(/\./g, '\\.')))
    assert.doesNotMatch(home.body, /<script/)
  } finally {
    await t.close()
  }
})
