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

test('five failures lock the email for 15 minutes, known or not; the right password then fails too', async () => {
  let now = new Date('2026-03-01T10:00:00Z')
  const t = await createTestApp({ now: () => now })
  try {
    const member = await addMember(t, 'support-agent')
    for (const email of [member.email, 'ghost@nowhere.example']) {
      for (let i = 0; i < 5; i++)
        assert.equal((await t.app.inject(post(email, `wrong-${i}`))).statusCode, 401)
    }
    const locked = await t.app.inject(post(member.email, member.password))
    assert.equal(locked.statusCode, 429)
    assert.equal(locked.json().error.code, 'RATE_LIMITED')
    assert.ok(Number(locked.headers['retry-after']) > 0)
    const ghost = await t.app.inject(post('ghost@nowhere.example', 'anything at all'))
    assert.equal(
      ghost.statusCode,
      429,
      'an unknown email locks the same way: no enumeration through the lockout',
    )
    assert.equal(ghost.json().error.message, locked.json().error.message)
    now = new Date(now.getTime() + 15 * 60_000 + 1000)
    assert.equal((await t.app.inject(post(member.email, member.password))).statusCode, 200)
  } finally {
    await t.close()
  }
})

test('one IP is slowed down after 20 failures across many emails', async () => {
  const t = await createTestApp()
  try {
    for (let i = 0; i < 20; i++)
      assert.equal((await t.app.inject(post(`spray-${i}@nowhere.example`, 'Winter2026!'))).statusCode, 401)
    const blocked = await t.app.inject(post('spray-21@nowhere.example', 'Winter2026!'))
    assert.equal(blocked.statusCode, 429)
    const elsewhere = await t.app.inject({
      ...post('spray-21@nowhere.example', 'Winter2026!'),
      remoteAddress: '10.1.2.3',
    })
    assert.equal(elsewhere.statusCode, 401, 'another IP is not affected')
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
