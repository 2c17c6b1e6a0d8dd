import { fastifyCookie } from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AmanaError } from '../platform/errors/index.ts'
import type { Authenticate, Principal } from '../platform/http/index.ts'
import type { ActionRefusal, CallContext, IssuedSession, StaffAccess, StaffActor } from './access.ts'
import { isRole } from './domain/roles.ts'
import { safeEqual } from './domain/tokens.ts'

export const sessionCookie = 'amana_session'
/** Pre-session nonce for the sign-in and setup forms (login CSRF); see domain/tokens.ts formTokenFor. */
export const formCookie = 'amana_form'

export interface CookiePolicy {
  /** Secure when the public URL is https (browsers refuse Secure cookies over plain http). */
  readonly secure: boolean
}

export const setSessionCookie = (reply: FastifyReply, session: IssuedSession, policy: CookiePolicy): void => {
  reply.setCookie(sessionCookie, session.id, {
    httpOnly: true,
    sameSite: 'strict',
    secure: policy.secure,
    path: '/',
    expires: session.expiresAt,
  })
}

export const clearSessionCookie = (reply: FastifyReply, policy: CookiePolicy): void => {
  reply.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'strict', secure: policy.secure, path: '/' })
}

export const callContext = (request: FastifyRequest): CallContext => ({
  ip: request.ip,
  requestId: request.id,
})

/**
 * The credentials of `Authorization: Bearer <token>` (the scheme is case-insensitive, RFC 9110
 * §11.1). The form every client sends, one space and the token, is cut without a regular
 * expression, as it arrives with every decision; a token with spaces inside or after it is then
 * refused by the key's own format check, as the general form refuses it.
 */
export const bearerToken = (authorization: string): string | undefined =>
  authorization.startsWith('Bearer ') && authorization.charCodeAt(7) > 0x20
    ? authorization.slice(7)
    : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1]

const stateChanging = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method)

/**
 * The `authenticate` port for the HTTP shell. `Authorization: Bearer <key>` means an API key and
 * nothing else (no cookie fallback, no CSRF: browsers never attach it on their own). Otherwise the
 * session cookie, and on every state-changing request the session's synchronizer token, from the
 * `x-csrf-token` header or the form field `csrf`.
 */
export const createAuthenticate =
  (access: StaffAccess): Authenticate =>
  (request) => {
    const authorization = request.headers.authorization
    if (authorization !== undefined) {
      const bearer = bearerToken(authorization)
      if (!bearer) return undefined
      // A key checked within the last second answers at once; otherwise it is looked up.
      return access.cachedApiKey(bearer) ?? access.authenticateApiKey(bearer, callContext(request))
    }
    return sessionPrincipal(access, request)
  }

const sessionPrincipal = async (
  access: StaffAccess,
  request: FastifyRequest,
): Promise<Principal | undefined> => {
  // Outside the staff routes the cookie plugin is not registered (see staff.ts): parse the header.
  const cookies =
    request.cookies ?? (request.headers.cookie ? fastifyCookie.parse(request.headers.cookie) : {})
  const sessionId = cookies[sessionCookie]
  if (!sessionId) return undefined
  const principal = await access.authenticateSession(sessionId)
  if (!principal || !stateChanging(request.method)) return principal
  const header = request.headers['x-csrf-token']
  const field = (request.body as { csrf?: unknown } | undefined)?.csrf
  const sent = typeof header === 'string' ? header : typeof field === 'string' ? field : undefined
  if (sent === undefined || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
    request.principal = principal
    await access.auditRefusal(refusalOf(request), 'CSRF_FAILED')
    throw new AmanaError(
      'CSRF_FAILED',
      'This request lacks a valid CSRF token. Reload the page and try again, or send the token from GET /v1/session as "x-csrf-token".',
    )
  }
  return principal
}

const refusalOf = (request: FastifyRequest) => ({
  principal: request.principal,
  ip: request.ip,
  id: request.id,
  method: request.method,
  route: request.routeOptions.url ?? 'unmatched',
  permission: request.routeOptions.config?.permission ?? 'none',
})

/** The `onRefused` callback for the HTTP shell: every refused access is audited. */
export const createOnRefused =
  (access: StaffAccess) => async (request: FastifyRequest, code: 'UNAUTHENTICATED' | 'FORBIDDEN') => {
    await access.auditRefusal(refusalOf(request), code)
  }

/** The signed-in staff member; routes declaring a staff-only permission can rely on it. */
export const staffActorOf = (principal: Principal | undefined): StaffActor => {
  if (principal?.kind !== 'staff' || !isRole(principal.role))
    throw new AmanaError('FORBIDDEN', 'Only a signed-in staff member can do this.')
  return { id: principal.id, role: principal.role, permissions: principal.permissions }
}

const refusalMessages = {
  self: 'You cannot change your own role. Ask another owner.',
  'above-actor':
    'Your role cannot grant or act on this role: only an owner manages owners, and nobody grants what they do not hold.',
  'last-owner': 'This is the last owner. Make someone else an owner first.',
} as const

/** Maps a refused action to the one error type. */
export const refusalError = (refusal: ActionRefusal): AmanaError => {
  switch (refusal.reason) {
    case 'not-found':
      return new AmanaError(
        'NOT_FOUND',
        'No such staff member, API key or setup link (or the link was used or expired).',
      )
    case 'conflict':
      return new AmanaError('CONFLICT', refusal.message)
    case 'invalid':
      return new AmanaError(
        'VALIDATION_FAILED',
        `Invalid request. body.${refusal.field}: ${refusal.message}`,
        [{ field: `body.${refusal.field}`, message: refusal.message }],
      )
    case 'last-owner':
      return new AmanaError('CONFLICT', refusalMessages['last-owner'], { reason: refusal.reason })
    default:
      return new AmanaError('FORBIDDEN', refusalMessages[refusal.reason], { reason: refusal.reason })
  }
}
