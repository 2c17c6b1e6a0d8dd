import {
  type Locale,
  negotiateLocale,
  renderAdminAccount,
  renderAdminApiKeys,
  renderAdminHome,
  renderAdminRefused,
  renderAdminSecondFactor,
  renderAdminSetup,
  renderAdminSignIn,
  renderAdminStaff,
  ta,
} from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import { z } from 'zod'
import { isAmanaError } from '../platform/errors/index.ts'
import { type AmanaServer, errorHandler } from '../platform/http/index.ts'
import type { ActionRefusal, StaffAccess } from './access.ts'
import type { AuditBrowser } from './audit-port.ts'
import { auditRoutes } from './audit-routes.ts'
import { createConsoleFrame } from './console-frame.ts'
import { apiKeyScopes, canManageRole, isApiKeyScope, isRole, roles } from './domain/roles.ts'
import { formTokenFor, newNonce, type StaffKeys, safeEqual } from './domain/tokens.ts'
import {
  type CookiePolicy,
  callContext,
  clearSessionCookie,
  formCookie,
  refusalError,
  sessionCookie,
  setSessionCookie,
  staffActorOf,
} from './http-kit.ts'
import { invitationMail, sendInvitation } from './invitation-mail.ts'
import type { ConsoleTodayPort, RequestReferencePort, StaffMailPort } from './ports.ts'

const Lang = z.object({ lang: z.enum(['en', 'ar']).optional() }).loose()
const SignInQuery = Lang.extend({ m: z.enum(['setup-done', 'signed-out', 'session', 'expired']).optional() })
const Form = z.object({ csrf: z.string().max(200).optional() }).loose()
const IdParams = z.object({ id: z.string().max(64) })
const many = z.union([z.string(), z.array(z.string())]).optional()

export interface AdminRoutesOptions {
  readonly access: StaffAccess
  readonly keys: StaffKeys
  readonly cookies: CookiePolicy
  readonly shopName: { readonly en: string; readonly ar: string }
  readonly auditBrowser?: AuditBrowser
  /** The demo mailbox (/admin/mailbox) is registered: demo mode without SMTP. */
  readonly mailbox?: boolean
  readonly today?: ConsoleTodayPort
  readonly now?: () => Date
  /** The mail outbox: invitations go out by email; without it the inviter copies the link. */
  readonly mail?: StaffMailPort
  /** Requests by reference, so the audit log names requests as staff know them. */
  readonly requestReferences?: RequestReferencePort
}

/**
 * The admin console's staff pages: sign-in (+ second factor), setup links, staff and roles, API
 * keys, the audit browser and one's own account. Server-rendered forms, no scripts; every page
 * declares its permission like the API, and every form carries a CSRF token.
 */
export const staffAdminRoutes = (options: AdminRoutesOptions) => async (app: AmanaServer) => {
  const { access, keys, cookies } = options
  const html = (reply: FastifyReply, locale: Locale, body: string, status = 200) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-language', locale)
      .header('cache-control', 'no-store')
      .send(body)
  const localeOf = (request: FastifyRequest): Locale =>
    negotiateLocale(
      (request.query as { lang?: string } | undefined)?.lang,
      request.headers['accept-language'] as string | undefined,
    )
  const shop = (locale: Locale) => options.shopName[locale]

  const frameOf = createConsoleFrame(options)
  const now = options.now ?? (() => new Date())

  // Pages answer refusals as pages: sign in again, "not allowed", or "form expired".
  app.setErrorHandler((error, request, reply) => {
    const locale = localeOf(request)
    if (isAmanaError(error) && error.code === 'UNAUTHENTICATED')
      return reply.redirect(`/admin/sign-in?lang=${locale}&m=session`, 303)
    if (isAmanaError(error) && (error.code === 'FORBIDDEN' || error.code === 'CSRF_FAILED')) {
      request.log.info({ code: error.code }, 'request refused')
      return html(
        reply,
        locale,
        renderAdminRefused({
          locale,
          shopName: shop(locale),
          reason: error.code === 'CSRF_FAILED' ? 'csrf' : 'forbidden',
        }),
        403,
      )
    }
    return errorHandler(error, request, reply)
  })

  /** The pre-session form token (login CSRF): a nonce cookie and its HMAC in the form. */
  const issueFormToken = (request: FastifyRequest, reply: FastifyReply): string => {
    let nonce = request.cookies[formCookie]
    if (!nonce || !/^[\w-]{16,64}$/.test(nonce)) {
      nonce = newNonce()
      reply.setCookie(formCookie, nonce, {
        httpOnly: true,
        sameSite: 'strict',
        secure: cookies.secure,
        path: '/admin',
        maxAge: 3600,
      })
    }
    return formTokenFor(keys, nonce)
  }
  const formTokenValid = (request: FastifyRequest, sent: string | undefined): boolean => {
    const nonce = request.cookies[formCookie]
    return !!nonce && typeof sent === 'string' && safeEqual(sent, formTokenFor(keys, nonce))
  }

  const signInPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    error: string | undefined,
    status: number,
    notice?: string,
  ) => {
    const locale = localeOf(request)
    const csrfToken = issueFormToken(request, reply)
    return html(
      reply,
      locale,
      renderAdminSignIn({
        locale,
        shopName: shop(locale),
        csrfToken,
        ...(error ? { error } : {}),
        ...(notice ? { notice } : {}),
      }),
      status,
    )
  }

  const pub = { permission: 'public' as const }
  const hide = { hide: true }

  app.get(
    '/admin/sign-in',
    { schema: { ...hide, querystring: SignInQuery }, config: pub },
    async (request, reply) => {
      const locale = localeOf(request)
      const m = request.query.m
      const notice =
        m === 'setup-done'
          ? ta(locale, 'signin.setupDone')
          : m === 'signed-out'
            ? ta(locale, 'signin.signedOut')
            : // "Your session ended" only to a browser that had a session: a first visit just signs in.
              (m === 'session' && request.cookies[sessionCookie]) || m === 'expired'
              ? ta(locale, 'signin.sessionEnded')
              : undefined
      return signInPage(request, reply, undefined, 200, notice)
    },
  )

  app.post(
    '/admin/sign-in',
    {
      schema: {
        ...hide,
        querystring: Lang,
        body: Form.extend({
          email: z.string().max(320).default(''),
          password: z.string().max(1024).default(''),
        }),
      },
      config: pub,
    },
    async (request, reply) => {
      const locale = localeOf(request)
      if (!formTokenValid(request, request.body.csrf))
        return signInPage(request, reply, ta(locale, 'signin.expiredForm'), 403)
      const outcome = await access.signIn(
        { email: request.body.email, password: request.body.password, pendingAllowed: true },
        callContext(request),
      )
      if (outcome.ok) {
        setSessionCookie(reply, outcome.kind === 'signed-in' ? outcome.session : outcome.pending, cookies)
        return reply.redirect(
          outcome.kind === 'signed-in' ? `/admin/home?lang=${locale}` : `/admin/sign-in/totp?lang=${locale}`,
          303,
        )
      }
      if (outcome.reason === 'throttled') {
        reply.header('retry-after', String(outcome.retryAfterSeconds))
        return signInPage(
          request,
          reply,
          ta(locale, 'signin.locked', { minutes: String(Math.ceil(outcome.retryAfterSeconds / 60)) }),
          429,
        )
      }
      return signInPage(request, reply, ta(locale, 'signin.wrong'), 401)
    },
  )

  app.get(
    '/admin/sign-in/totp',
    { schema: { ...hide, querystring: Lang }, config: pub },
    async (request, reply) => {
      const locale = localeOf(request)
      return html(
        reply,
        locale,
        renderAdminSecondFactor({
          locale,
          shopName: shop(locale),
          csrfToken: issueFormToken(request, reply),
        }),
      )
    },
  )

  app.post(
    '/admin/sign-in/totp',
    {
      schema: { ...hide, querystring: Lang, body: Form.extend({ code: z.string().max(16).default('') }) },
      config: pub,
    },
    async (request, reply) => {
      const locale = localeOf(request)
      const pendingId = request.cookies[sessionCookie]
      if (!pendingId || !formTokenValid(request, request.body.csrf))
        return reply.redirect(`/admin/sign-in?lang=${locale}&m=expired`, 303)
      const outcome = await access.completeSecondFactor(pendingId, request.body.code, callContext(request))
      if (outcome.ok && outcome.kind === 'signed-in') {
        setSessionCookie(reply, outcome.session, cookies)
        return reply.redirect(`/admin/home?lang=${locale}`, 303)
      }
      if (!outcome.ok && outcome.reason === 'second-factor-invalid') {
        return html(
          reply,
          locale,
          renderAdminSecondFactor({
            locale,
            shopName: shop(locale),
            csrfToken: issueFormToken(request, reply),
            error: ta(locale, 'totp.wrong'),
          }),
          401,
        )
      }
      clearSessionCookie(reply, cookies)
      return reply.redirect(`/admin/sign-in?lang=${locale}&m=expired`, 303)
    },
  )

  app.post(
    '/admin/sign-out',
    { schema: { ...hide, querystring: Lang, body: Form }, config: { permission: 'session:self' } },
    async (request, reply) => {
      const sessionId = request.cookies[sessionCookie]
      if (sessionId) await access.signOut(sessionId, staffActorOf(request.principal), callContext(request))
      clearSessionCookie(reply, cookies)
      return reply.redirect(`/admin/sign-in?lang=${localeOf(request)}&m=signed-out`, 303)
    },
  )

  app.get(
    '/admin/setup',
    { schema: { ...hide, querystring: Lang.extend({ token: z.string().max(100).optional() }) }, config: pub },
    async (request, reply) => {
      const locale = localeOf(request)
      const token = request.query.token
      const link = token ? await access.describeSetupLink(token) : undefined
      const csrfToken = issueFormToken(request, reply)
      return html(
        reply,
        locale,
        renderAdminSetup({
          locale,
          shopName: shop(locale),
          csrfToken,
          ...(link && token ? { link: { ...link, token } } : {}),
        }),
        link ? 200 : 404,
      )
    },
  )

  app.post(
    '/admin/setup',
    {
      schema: {
        ...hide,
        querystring: Lang,
        body: Form.extend({
          token: z.string().max(100).default(''),
          email: z.string().max(320).optional(),
          password: z.string().max(1024).default(''),
          confirm: z.string().max(1024).default(''),
        }),
      },
      config: pub,
    },
    async (request, reply) => {
      const locale = localeOf(request)
      const { token, email, password, confirm } = request.body
      const again = async (error: string, status: number) => {
        const link = await access.describeSetupLink(token)
        const csrfToken = issueFormToken(request, reply)
        return html(
          reply,
          locale,
          renderAdminSetup({
            locale,
            shopName: shop(locale),
            csrfToken,
            error,
            ...(link ? { link: { ...link, token } } : {}),
          }),
          status,
        )
      }
      if (!formTokenValid(request, request.body.csrf)) return again(ta(locale, 'signin.expiredForm'), 403)
      if (password !== confirm) return again(ta(locale, 'setup.mismatch'), 400)
      const result = await access.completeSetup({ token, password, email }, callContext(request))
      if (!result.ok)
        return again(
          result.reason === 'invalid' ? result.message : ta(locale, 'setup.invalid'),
          result.reason === 'invalid' ? 400 : 404,
        )
      return reply.redirect(`/admin/sign-in?lang=${locale}&m=setup-done`, 303)
    },
  )

  app.get(
    '/admin/home',
    { schema: { ...hide, querystring: Lang }, config: { permission: 'admin:console' } },
    async (request, reply) => {
      const frame = frameOf(request)
      const actor = staffActorOf(request.principal)
      const [me, today] = await Promise.all([
        access.getStaff(actor.id),
        options.today?.today({
          locale: frame.locale,
          permissions: actor.permissions,
          now: now(),
        }) ?? {},
      ])
      return html(
        reply,
        frame.locale,
        renderAdminHome({ ...frame, email: me?.email ?? '', role: actor.role, today }),
      )
    },
  )

  // Staff and roles

  const staffPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { setupLink?: { email: string; url: string; expiresAt: Date }; notice?: string; error?: string },
    status = 200,
  ) => {
    const frame = frameOf(request)
    const actor = staffActorOf(request.principal)
    const members = (await access.listStaff()).map((m) => ({
      ...m,
      manageable: canManageRole(actor.role, m.role),
    }))
    return html(
      reply,
      frame.locale,
      renderAdminStaff({
        ...frame,
        selfId: actor.id,
        members,
        assignableRoles: roles.filter((r) => canManageRole(actor.role, r)),
        ...extra,
      }),
      status,
    )
  }
  const refusedOnPage = (request: FastifyRequest, reply: FastifyReply, refusal: ActionRefusal) => {
    const error = refusalError(refusal)
    return staffPage(request, reply, { error: error.message }, error.httpStatus)
  }
  const manage = { permission: 'staff:manage' as const }

  app.get(
    '/admin/staff',
    { schema: { ...hide, querystring: Lang }, config: manage },
    async (request, reply) => staffPage(request, reply, {}),
  )

  app.post(
    '/admin/staff/invite',
    {
      schema: {
        ...hide,
        querystring: Lang,
        body: Form.extend({
          email: z.string().max(320).default(''),
          role: z.string().max(40).default(''),
          language: z.enum(['en', 'ar']).optional(),
        }),
      },
      config: manage,
    },
    async (request, reply) => {
      const { email, role } = request.body
      if (!isRole(role) || !z.email().safeParse(email).success)
        return staffPage(
          request,
          reply,
          {
            error: refusalError({
              ok: false,
              reason: 'invalid',
              field: 'email',
              message: 'Enter a valid email and role.',
            }).message,
          },
          400,
        )
      const result = await access.invite(
        staffActorOf(request.principal),
        { email, role },
        callContext(request),
      )
      if (!result.ok) return refusedOnPage(request, reply, result)
      // The invitee reads the email (and opens the setup page) in the language the inviter chose.
      const language = request.body.language ?? frameOf(request).locale
      const message = invitationMail({
        locale: language,
        shopName: shop(language),
        role,
        setupUrl: result.setupUrl,
        expiresAt: result.expiresAt,
      })
      if (options.mail) await sendInvitation(options.mail, result.staff.email, message, language, now())
      return staffPage(
        request,
        reply,
        {
          setupLink: {
            email: result.staff.email,
            url: message.url,
            expiresAt: result.expiresAt,
            ...(options.mail ? { mailed: true } : {}),
          },
        },
        201,
      )
    },
  )

  app.post(
    '/admin/staff/:id/role',
    {
      schema: {
        ...hide,
        querystring: Lang,
        params: IdParams,
        body: Form.extend({ role: z.string().max(40).default('') }),
      },
      config: manage,
    },
    async (request, reply) => {
      const role = request.body.role
      if (!isRole(role)) return staffPage(request, reply, { error: 'Choose a role.' }, 400)
      const result = await access.changeRole(
        staffActorOf(request.principal),
        request.params.id,
        role,
        callContext(request),
      )
      if (!result.ok) return refusedOnPage(request, reply, result)
      return staffPage(request, reply, { notice: ta(frameOf(request).locale, 'staff.done') })
    },
  )

  app.post(
    '/admin/staff/:id/revoke-sessions',
    { schema: { ...hide, querystring: Lang, params: IdParams, body: Form }, config: manage },
    async (request, reply) => {
      const result = await access.revokeSessions(
        staffActorOf(request.principal),
        request.params.id,
        callContext(request),
      )
      if (!result.ok) return refusedOnPage(request, reply, result)
      return staffPage(request, reply, { notice: ta(frameOf(request).locale, 'staff.done') })
    },
  )

  app.post(
    '/admin/staff/:id/setup-link',
    { schema: { ...hide, querystring: Lang, params: IdParams, body: Form }, config: manage },
    async (request, reply) => {
      const result = await access.reissueInvite(
        staffActorOf(request.principal),
        request.params.id,
        callContext(request),
      )
      if (!result.ok) return refusedOnPage(request, reply, result)
      const member = await access.getStaff(request.params.id)
      return staffPage(request, reply, {
        setupLink: { email: member?.email ?? '', url: result.setupUrl, expiresAt: result.expiresAt },
      })
    },
  )

  // API keys

  const keysPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { createdKey?: string; error?: string },
    status = 200,
  ) => {
    const frame = frameOf(request)
    const actor = staffActorOf(request.principal)
    const grantableScopes = apiKeyScopes.filter((s) => actor.permissions.has(s))
    return html(
      reply,
      frame.locale,
      renderAdminApiKeys({ ...frame, keys: await access.listApiKeys(), grantableScopes, ...extra }),
      status,
    )
  }
  const keysManage = { permission: 'api-keys:manage' as const }

  app.get(
    '/admin/api-keys',
    { schema: { ...hide, querystring: Lang }, config: keysManage },
    async (request, reply) => keysPage(request, reply, {}),
  )

  app.post(
    '/admin/api-keys',
    {
      schema: {
        ...hide,
        querystring: Lang,
        body: Form.extend({ name: z.string().max(80).default(''), scopes: many }),
      },
      config: keysManage,
    },
    async (request, reply) => {
      const requested = request.body.scopes === undefined ? [] : [request.body.scopes].flat()
      const scopes = requested.filter(isApiKeyScope)
      const name = request.body.name.trim()
      if (!name || scopes.length !== requested.length)
        return keysPage(
          request,
          reply,
          {
            error: refusalError({
              ok: false,
              reason: 'invalid',
              field: 'name',
              message: 'Give the key a name and choose known scopes.',
            }).message,
          },
          400,
        )
      const result = await access.createApiKey(
        staffActorOf(request.principal),
        { name, scopes },
        callContext(request),
      )
      if (!result.ok)
        return keysPage(
          request,
          reply,
          { error: refusalError(result).message },
          refusalError(result).httpStatus,
        )
      return keysPage(request, reply, { createdKey: result.key }, 201)
    },
  )

  app.post(
    '/admin/api-keys/:id/revoke',
    { schema: { ...hide, querystring: Lang, params: IdParams, body: Form }, config: keysManage },
    async (request, reply) => {
      const result = await access.revokeApiKey(
        staffActorOf(request.principal),
        request.params.id,
        callContext(request),
      )
      if (!result.ok)
        return keysPage(
          request,
          reply,
          { error: refusalError(result).message },
          refusalError(result).httpStatus,
        )
      return keysPage(request, reply, {})
    },
  )

  await app.register(
    auditRoutes({
      access,
      frameOf,
      ...(options.auditBrowser ? { browser: options.auditBrowser } : {}),
      ...(options.requestReferences ? { references: options.requestReferences } : {}),
    }),
  )

  // One's own account: second factor and password

  const self = { permission: 'session:self' as const }
  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      enrolment?: { secret: string; uri: string; qrSvg?: string }
      recoveryCodes?: readonly string[]
      notice?: string
      error?: string
    },
    status = 200,
    frame = frameOf(request),
  ) => {
    const me = await access.getStaff(staffActorOf(request.principal).id)
    const left = me?.totpEnabled ? await access.recoveryCodesLeft(me.id) : undefined
    return html(
      reply,
      frame.locale,
      renderAdminAccount({
        ...frame,
        totpEnabled: me?.totpEnabled ?? false,
        ...(left !== undefined ? { recoveryCodesLeft: left } : {}),
        ...extra,
      }),
      status,
    )
  }
  const onAccount = (request: FastifyRequest, reply: FastifyReply, result: { ok: true } | ActionRefusal) => {
    if (result.ok) return accountPage(request, reply, { notice: ta(frameOf(request).locale, 'staff.done') })
    const error = refusalError(result)
    return accountPage(request, reply, { error: error.message }, error.httpStatus)
  }

  app.get(
    '/admin/account',
    { schema: { ...hide, querystring: Lang }, config: self },
    async (request, reply) => accountPage(request, reply, {}),
  )

  app.post(
    '/admin/account/totp',
    { schema: { ...hide, querystring: Lang, body: Form }, config: self },
    async (request, reply) => {
      const result = await access.beginTotp(staffActorOf(request.principal))
      if (!result.ok) return onAccount(request, reply, result)
      // The QR code is SVG markup drawn here, so the page needs no script or image request.
      const qrSvg = await QRCode.toString(result.uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      return accountPage(request, reply, { enrolment: { secret: result.secret, uri: result.uri, qrSvg } })
    },
  )

  app.post(
    '/admin/account/totp/confirm',
    {
      schema: { ...hide, querystring: Lang, body: Form.extend({ code: z.string().max(16).default('') }) },
      config: self,
    },
    async (request, reply) => {
      const result = await access.confirmTotp(
        staffActorOf(request.principal),
        request.body.code,
        callContext(request),
      )
      if (!result.ok) return onAccount(request, reply, result)
      return accountPage(request, reply, {
        notice: ta(frameOf(request).locale, 'staff.done'),
        recoveryCodes: result.recoveryCodes,
      })
    },
  )

  app.post(
    '/admin/account/totp/disable',
    {
      schema: { ...hide, querystring: Lang, body: Form.extend({ code: z.string().max(16).default('') }) },
      config: self,
    },
    async (request, reply) => {
      return onAccount(
        request,
        reply,
        await access.disableTotp(staffActorOf(request.principal), request.body.code, callContext(request)),
      )
    },
  )

  app.post(
    '/admin/account/password',
    {
      schema: {
        ...hide,
        querystring: Lang,
        body: Form.extend({
          current: z.string().max(1024).default(''),
          next: z.string().max(1024).default(''),
        }),
      },
      config: self,
    },
    async (request, reply) => {
      const result = await access.changePassword(
        staffActorOf(request.principal),
        request.body,
        callContext(request),
      )
      if (!result.ok) {
        const error = refusalError(result)
        return accountPage(request, reply, { error: error.message }, error.httpStatus)
      }
      setSessionCookie(reply, result.session, cookies)
      const frame = { ...frameOf(request), csrfToken: result.session.csrfToken }
      return accountPage(request, reply, { notice: ta(frame.locale, 'account.passwordChanged') }, 200, frame)
    },
  )
}
