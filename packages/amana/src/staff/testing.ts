import assert from 'node:assert/strict'
import type { TestApp } from '../testing/test-app.ts'
import { createStaffAccess, type StaffAccess } from './access.ts'
import type { Role } from './domain/roles.ts'
import { deriveStaffKeys } from './domain/tokens.ts'
import { createLogAuditSink } from './log-audit-sink.ts'

/** Staff access over a test app's own database and secrets, for arranging members and keys. */
export const staffAccessFor = (t: TestApp): StaffAccess =>
  createStaffAccess({
    db: t.database.db,
    keys: deriveStaffKeys(t.ctx.config.secrets),
    audit: createLogAuditSink(t.ctx.logger),
    now: t.ctx.now,
    publicUrl: t.ctx.config.http.publicUrl,
    issuer: 'Amana test',
  })

let counter = 0
/** A member with a password, created as the CLI would. Passwords are generated, never fixed in code. */
export const addMember = async (
  t: TestApp,
  role: Role,
  email = `${role}-${++counter}-${process.pid}@staff.example`,
  language: 'en' | 'ar' = 'en',
) => {
  const password = `pw-${crypto.randomUUID()}`
  const result = await staffAccessFor(t).createMember({ email, role, password, language })
  assert.ok(result.ok)
  return { id: result.staff.id, email, password, role }
}

export interface SignedIn {
  readonly cookie: string
  readonly csrf: string
  readonly sessionId: string
}

/** Signs in through the real JSON endpoint and returns the cookie and CSRF token a browser would hold. */
export const signIn = async (
  t: TestApp,
  email: string,
  password: string,
  totp?: string,
): Promise<SignedIn> => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/v1/session',
    payload: { email, password, ...(totp ? { totp } : {}) },
  })
  assert.equal(response.statusCode, 200, response.body)
  const cookie = response.cookies.find((c) => c.name === 'amana_session')
  assert.ok(cookie)
  return { cookie: `amana_session=${cookie.value}`, csrf: response.json().csrfToken, sessionId: cookie.value }
}

export const asStaff = (s: SignedIn, withCsrf = true) => ({
  cookie: s.cookie,
  ...(withCsrf ? { 'x-csrf-token': s.csrf } : {}),
})
