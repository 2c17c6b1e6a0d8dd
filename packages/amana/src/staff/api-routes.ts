import { z } from 'zod'
import { AmanaError } from '../platform/errors/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import type { StaffAccess, StaffView } from './access.ts'
import { apiKeyScopes, roles } from './domain/roles.ts'
import {
  type CookiePolicy,
  callContext,
  clearSessionCookie,
  refusalError,
  sessionCookie,
  setSessionCookie,
  staffActorOf,
} from './http-kit.ts'

const SignInBody = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
  totp: z.string().max(16).optional(),
})
const IdParams = z.object({ id: z.string().max(64) })
const Code = z.object({ code: z.string().min(1).max(16) })
const CsrfField = { csrf: z.string().optional() }

const staffJson = (s: StaffView) => ({
  id: s.id,
  email: s.email,
  role: s.role,
  totpEnabled: s.totpEnabled,
  hasPassword: s.hasPassword,
  language: s.language,
  createdAt: s.createdAt.toISOString(),
})

const waitText = (seconds: number) =>
  seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`

const tags = ['staff']

const keyJson = (k: Awaited<ReturnType<StaffAccess['listApiKeys']>>[number]) => ({
  id: k.id,
  name: k.name,
  prefix: k.displayPrefix,
  scopes: k.scopes,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
})

type Kit = { readonly app: AmanaServer; readonly access: StaffAccess; readonly cookies: CookiePolicy }

/** Sign in (JSON only), with its throttle and second-factor answers. */
const signInRoute = ({ app, access, cookies }: Kit) => {
  app.post(
    '/v1/session',
    {
      schema: {
        tags,
        summary: 'Sign in with email, password and (when enrolled) a TOTP code; sets the session cookie',
        body: SignInBody,
      },
      config: { permission: 'public' },
    },
    async (request, reply) => {
      // JSON only: a cross-site form cannot send it without a CORS preflight (login CSRF).
      if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new AmanaError(
          'VALIDATION_FAILED',
          'Send the sign-in as JSON (content-type: application/json).',
        )
      }
      const outcome = await access.signIn({ ...request.body, pendingAllowed: false }, callContext(request))
      if (outcome.ok && outcome.kind === 'signed-in') {
        setSessionCookie(reply, outcome.session, cookies)
        return {
          staff: staffJson(outcome.staff),
          csrfToken: outcome.session.csrfToken,
          expiresAt: outcome.session.expiresAt.toISOString(),
        }
      }
      if (!outcome.ok && outcome.reason === 'throttled') {
        reply.header('retry-after', String(outcome.retryAfterSeconds))
        throw new AmanaError(
          'RATE_LIMITED',
          `Too many failed sign-ins. Try again in ${waitText(outcome.retryAfterSeconds)}.`,
          { retryAfterSeconds: outcome.retryAfterSeconds },
        )
      }
      if (!outcome.ok && outcome.reason === 'second-factor-invalid') {
        throw new AmanaError(
          'UNAUTHENTICATED',
          'Enter the current code from your authenticator app in "totp".',
          { secondFactor: 'totp' },
        )
      }
      throw new AmanaError('UNAUTHENTICATED', 'Email or password is wrong.')
    },
  )
}

/** The signed-in member's session: who, sign out, change password. */
const sessionRoutes = ({ app, access, cookies }: Kit) => {
  app.get(
    '/v1/session',
    {
      schema: { tags, summary: 'The signed-in staff member and the CSRF token for state-changing requests' },
      config: { permission: 'session:self' },
    },
    async (request) => {
      const staff = await access.getStaff(staffActorOf(request.principal).id)
      if (!staff) throw new AmanaError('UNAUTHENTICATED', 'Sign in again.')
      return {
        staff: staffJson(staff),
        permissions: [...(request.principal?.permissions ?? [])].sort(),
        csrfToken: request.principal?.csrfToken,
      }
    },
  )

  app.delete(
    '/v1/session',
    { schema: { tags, summary: 'Sign out (ends this session)' }, config: { permission: 'session:self' } },
    async (request, reply) => {
      const sessionId = request.cookies[sessionCookie]
      if (sessionId) await access.signOut(sessionId, staffActorOf(request.principal), callContext(request))
      clearSessionCookie(reply, cookies)
      return reply.code(204).send()
    },
  )

  app.put(
    '/v1/session/password',
    {
      schema: {
        tags,
        summary: 'Change your password; every session ends and a new one is issued',
        body: z.object({ current: z.string().max(1024), next: z.string().max(1024), ...CsrfField }),
      },
      config: { permission: 'session:self' },
    },
    async (request, reply) => {
      const result = await access.changePassword(
        staffActorOf(request.principal),
        request.body,
        callContext(request),
      )
      if (!result.ok) throw refusalError(result)
      setSessionCookie(reply, result.session, cookies)
      return { csrfToken: result.session.csrfToken, expiresAt: result.session.expiresAt.toISOString() }
    },
  )
}

/** The second factor: enrol, confirm, remove. */
const totpRoutes = ({ app, access }: Kit) => {
  app.post(
    '/v1/session/totp',
    {
      schema: { tags, summary: 'Start TOTP enrolment: the secret and otpauth URI, shown once' },
      config: { permission: 'session:self' },
    },
    async (request) => {
      const result = await access.beginTotp(staffActorOf(request.principal))
      if (!result.ok) throw refusalError(result)
      return { secret: result.secret, otpauthUri: result.uri }
    },
  )

  app.post(
    '/v1/session/totp/confirm',
    {
      schema: { tags, summary: 'Finish TOTP enrolment with a current code', body: Code.extend(CsrfField) },
      config: { permission: 'session:self' },
    },
    async (request) => {
      const result = await access.confirmTotp(
        staffActorOf(request.principal),
        request.body.code,
        callContext(request),
      )
      if (!result.ok) throw refusalError(result)
      return { totpEnabled: true }
    },
  )

  app.delete(
    '/v1/session/totp',
    {
      schema: {
        tags,
        summary: 'Remove the second factor (needs a current code)',
        body: Code.extend(CsrfField),
      },
      config: { permission: 'session:self' },
    },
    async (request) => {
      const result = await access.disableTotp(
        staffActorOf(request.principal),
        request.body.code,
        callContext(request),
      )
      if (!result.ok) throw refusalError(result)
      return { totpEnabled: false }
    },
  )
}

/** Staff members: list, invite, change role, end sessions. */
const memberRoutes = ({ app, access }: Kit) => {
  app.get(
    '/v1/staff',
    {
      schema: { tags, summary: 'Staff members, their roles and live sessions' },
      config: { permission: 'staff:manage' },
    },
    async () => ({
      staff: (await access.listStaff()).map((s) => ({ ...staffJson(s), liveSessions: s.liveSessions })),
    }),
  )

  app.post(
    '/v1/staff',
    {
      schema: {
        tags,
        summary: 'Invite a staff member: returns a one-time setup link (24 h)',
        body: z.object({
          email: z.email().max(320),
          role: z.enum(roles),
          /** The language of the mail Amana sends the member (reminders); English when left out. */
          language: z.enum(['en', 'ar']).optional(),
          ...CsrfField,
        }),
      },
      config: { permission: 'staff:manage' },
    },
    async (request, reply) => {
      const result = await access.invite(staffActorOf(request.principal), request.body, callContext(request))
      if (!result.ok) throw refusalError(result)
      return reply.code(201).send({
        staff: staffJson(result.staff),
        setupUrl: result.setupUrl,
        expiresAt: result.expiresAt.toISOString(),
      })
    },
  )

  app.put(
    '/v1/staff/:id/role',
    {
      schema: {
        tags,
        summary: "Change a member's role; their sessions end",
        params: IdParams,
        body: z.object({ role: z.enum(roles), ...CsrfField }),
      },
      config: { permission: 'staff:manage' },
    },
    async (request) => {
      const result = await access.changeRole(
        staffActorOf(request.principal),
        request.params.id,
        request.body.role,
        callContext(request),
      )
      if (!result.ok) throw refusalError(result)
      return { staff: staffJson(result.staff) }
    },
  )

  app.delete(
    '/v1/staff/:id/sessions',
    {
      schema: { tags, summary: 'End every session of a member', params: IdParams },
      config: { permission: 'staff:manage' },
    },
    async (request) => {
      const result = await access.revokeSessions(
        staffActorOf(request.principal),
        request.params.id,
        callContext(request),
      )
      if (!result.ok) throw refusalError(result)
      return { revoked: result.revoked }
    },
  )
}

/** API keys for the shop's backend: list, create, revoke. */
const apiKeyRoutes = ({ app, access }: Kit) => {
  app.get(
    '/v1/api-keys',
    { schema: { tags, summary: 'API keys (never the secret)' }, config: { permission: 'api-keys:manage' } },
    async () => ({ apiKeys: (await access.listApiKeys()).map(keyJson) }),
  )

  app.post(
    '/v1/api-keys',
    {
      schema: {
        tags,
        summary: "Create an API key for the shop's backend; the key is in this answer only",
        body: z.object({
          name: z.string().trim().min(1).max(80),
          scopes: z.array(z.enum(apiKeyScopes)).max(apiKeyScopes.length),
          ...CsrfField,
        }),
      },
      config: { permission: 'api-keys:manage' },
    },
    async (request, reply) => {
      const result = await access.createApiKey(
        staffActorOf(request.principal),
        request.body,
        callContext(request),
      )
      if (!result.ok) throw refusalError(result)
      return reply.code(201).send({ key: result.key, apiKey: keyJson(result.view) })
    },
  )

  app.delete(
    '/v1/api-keys/:id',
    {
      schema: { tags, summary: 'Revoke an API key at once', params: IdParams },
      config: { permission: 'api-keys:manage' },
    },
    async (request, reply) => {
      const result = await access.revokeApiKey(
        staffActorOf(request.principal),
        request.params.id,
        callContext(request),
      )
      if (!result.ok) throw refusalError(result)
      return reply.code(204).send()
    },
  )
}

/** `/v1/session`, `/v1/staff` and `/v1/api-keys`: JSON for scripts and the shop's tooling. */
export const staffApiRoutes = (access: StaffAccess, cookies: CookiePolicy) => async (app: AmanaServer) => {
  const kit: Kit = { app, access, cookies }
  for (const group of [signInRoute, sessionRoutes, totpRoutes, memberRoutes, apiKeyRoutes]) group(kit)
}
