import { minutesPhrase, renderAdminSecondFactor, renderAdminSignIn, ta } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AmanaServer } from '../../platform/http/index.ts'
import { localeOfRequest } from '../console-frame.ts'
import {
  callContext,
  clearSessionCookie,
  sessionCookie,
  setSessionCookie,
  staffActorOf,
} from '../http-kit.ts'
import { Form, hide, Lang, pub, type StaffPageKit } from './page-kit.ts'

const SignInQuery = Lang.extend({ m: z.enum(['setup-done', 'signed-out', 'session', 'expired']).optional() })

const signInPage = (
  kit: StaffPageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  error: string | undefined,
  status: number,
  notice?: string,
) => {
  const locale = localeOfRequest(request)
  const csrfToken = kit.issueFormToken(request, reply)
  return kit.html(
    reply,
    locale,
    renderAdminSignIn({
      locale,
      shopName: kit.shop(locale),
      csrfToken,
      ...(error ? { error } : {}),
      ...(notice ? { notice } : {}),
    }),
    status,
  )
}

/** GET and POST /admin/sign-in: email and password, behind the login-CSRF form token. */
export const signInRoutes = (app: AmanaServer, kit: StaffPageKit) => {
  const { access, options } = kit
  app.get(
    '/admin/sign-in',
    { schema: { ...hide, querystring: SignInQuery }, config: pub },
    async (request, reply) => {
      const locale = localeOfRequest(request)
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
      return signInPage(kit, request, reply, undefined, 200, notice)
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
      const locale = localeOfRequest(request)
      if (!kit.formTokenValid(request, request.body.csrf))
        return signInPage(kit, request, reply, ta(locale, 'signin.expiredForm'), 403)
      const outcome = await access.signIn(
        { email: request.body.email, password: request.body.password, pendingAllowed: true },
        callContext(request),
      )
      if (outcome.ok) {
        setSessionCookie(
          reply,
          outcome.kind === 'signed-in' ? outcome.session : outcome.pending,
          options.cookies,
        )
        return reply.redirect(
          outcome.kind === 'signed-in' ? `/admin/home?lang=${locale}` : `/admin/sign-in/totp?lang=${locale}`,
          303,
        )
      }
      if (outcome.reason === 'throttled') {
        reply.header('retry-after', String(outcome.retryAfterSeconds))
        const wait = minutesPhrase(locale, Math.ceil(outcome.retryAfterSeconds / 60))
        return signInPage(kit, request, reply, ta(locale, 'signin.locked', { wait }), 429)
      }
      return signInPage(kit, request, reply, ta(locale, 'signin.wrong'), 401)
    },
  )
}

/** The second step (a TOTP or recovery code for the pending session) and signing out. */
export const secondFactorRoutes = (app: AmanaServer, kit: StaffPageKit) => {
  const { access, options } = kit
  const codePage = (request: FastifyRequest, reply: FastifyReply, error?: string) => {
    const locale = localeOfRequest(request)
    return kit.html(
      reply,
      locale,
      renderAdminSecondFactor({
        locale,
        shopName: kit.shop(locale),
        csrfToken: kit.issueFormToken(request, reply),
        ...(error ? { error } : {}),
      }),
      error ? 401 : 200,
    )
  }
  app.get(
    '/admin/sign-in/totp',
    { schema: { ...hide, querystring: Lang }, config: pub },
    async (request, reply) => codePage(request, reply),
  )

  app.post(
    '/admin/sign-in/totp',
    {
      schema: { ...hide, querystring: Lang, body: Form.extend({ code: z.string().max(16).default('') }) },
      config: pub,
    },
    async (request, reply) => {
      const locale = localeOfRequest(request)
      const pendingId = request.cookies[sessionCookie]
      if (!pendingId || !kit.formTokenValid(request, request.body.csrf))
        return reply.redirect(`/admin/sign-in?lang=${locale}&m=expired`, 303)
      const outcome = await access.completeSecondFactor(pendingId, request.body.code, callContext(request))
      if (outcome.ok && outcome.kind === 'signed-in') {
        setSessionCookie(reply, outcome.session, options.cookies)
        return reply.redirect(`/admin/home?lang=${locale}`, 303)
      }
      if (!outcome.ok && outcome.reason === 'second-factor-invalid')
        return codePage(request, reply, ta(locale, 'totp.wrong'))
      clearSessionCookie(reply, options.cookies)
      return reply.redirect(`/admin/sign-in?lang=${locale}&m=expired`, 303)
    },
  )

  app.post(
    '/admin/sign-out',
    { schema: { ...hide, querystring: Lang, body: Form }, config: { permission: 'session:self' } },
    async (request, reply) => {
      const sessionId = request.cookies[sessionCookie]
      if (sessionId) await access.signOut(sessionId, staffActorOf(request.principal), callContext(request))
      clearSessionCookie(reply, options.cookies)
      return reply.redirect(`/admin/sign-in?lang=${localeOfRequest(request)}&m=signed-out`, 303)
    },
  )
}
