import { type AdminFrame, renderAdminAccount, ta } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import { z } from 'zod'
import type { AmanaServer } from '../../platform/http/index.ts'
import type { ActionRefusal } from '../access.ts'
import { callContext, setSessionCookie, staffActorOf } from '../http-kit.ts'
import { Form, hide, Lang, refusedOn, type StaffPageKit } from './page-kit.ts'

const self = { permission: 'session:self' as const }
const CodeForm = Form.extend({ code: z.string().max(16).default('') })

type AccountExtra = {
  enrolment?: { secret: string; uri: string; qrSvg?: string }
  recoveryCodes?: readonly string[]
  notice?: string
  error?: string
}

const accountPage = async (
  kit: StaffPageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: AccountExtra,
  status = 200,
  frame: AdminFrame = kit.frameOf(request),
) => {
  const me = await kit.access.getStaff(staffActorOf(request.principal).id)
  const left = me?.totpEnabled ? await kit.access.recoveryCodesLeft(me.id) : undefined
  return kit.html(
    reply,
    frame.locale,
    renderAdminAccount({
      ...frame,
      totpEnabled: me?.totpEnabled ?? false,
      ...(me ? { language: me.language } : {}),
      ...(left !== undefined ? { recoveryCodesLeft: left } : {}),
      ...extra,
    }),
    status,
  )
}

const onAccount = (
  kit: StaffPageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  result: { ok: true } | ActionRefusal,
) => {
  if (result.ok)
    return accountPage(kit, request, reply, { notice: ta(kit.frameOf(request).locale, 'staff.done') })
  return refusedOn(accountPage)(kit, request, reply, result)
}

/** One's own account: enrolling and removing the second factor (TOTP, recovery codes). */
export const secondFactorAccountRoutes = (app: AmanaServer, kit: StaffPageKit) => {
  const { access } = kit
  app.get(
    '/admin/account',
    { schema: { ...hide, querystring: Lang }, config: self },
    async (request, reply) => accountPage(kit, request, reply, {}),
  )

  app.post(
    '/admin/account/totp',
    { schema: { ...hide, querystring: Lang, body: Form }, config: self },
    async (request, reply) => {
      const result = await access.beginTotp(staffActorOf(request.principal))
      if (!result.ok) return onAccount(kit, request, reply, result)
      // The QR code is SVG markup drawn here, so the page needs no script or image request.
      const qrSvg = await QRCode.toString(result.uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      return accountPage(kit, request, reply, {
        enrolment: { secret: result.secret, uri: result.uri, qrSvg },
      })
    },
  )

  app.post(
    '/admin/account/totp/confirm',
    { schema: { ...hide, querystring: Lang, body: CodeForm }, config: self },
    async (request, reply) => {
      const actor = staffActorOf(request.principal)
      const result = await access.confirmTotp(actor, request.body.code, callContext(request))
      if (!result.ok) return onAccount(kit, request, reply, result)
      return accountPage(kit, request, reply, {
        notice: ta(kit.frameOf(request).locale, 'staff.done'),
        recoveryCodes: result.recoveryCodes,
      })
    },
  )

  app.post(
    '/admin/account/totp/disable',
    { schema: { ...hide, querystring: Lang, body: CodeForm }, config: self },
    async (request, reply) => {
      const actor = staffActorOf(request.principal)
      return onAccount(
        kit,
        request,
        reply,
        await access.disableTotp(actor, request.body.code, callContext(request)),
      )
    },
  )
}

/** One's own password: every session ends and the caller gets a new one. */
export const passwordRoutes = (app: AmanaServer, kit: StaffPageKit) => {
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
      const actor = staffActorOf(request.principal)
      const result = await kit.access.changePassword(actor, request.body, callContext(request))
      if (!result.ok) return refusedOn(accountPage)(kit, request, reply, result)
      setSessionCookie(reply, result.session, kit.options.cookies)
      const frame = { ...kit.frameOf(request), csrfToken: result.session.csrfToken }
      const notice = ta(frame.locale, 'account.passwordChanged')
      return accountPage(kit, request, reply, { notice }, 200, frame)
    },
  )
}

/** One's own mail language: the reminders Amana sends the member come in it. */
export const languageRoutes = (app: AmanaServer, kit: StaffPageKit) => {
  app.post(
    '/admin/account/language',
    {
      schema: { ...hide, querystring: Lang, body: Form.extend({ language: z.enum(['en', 'ar']) }) },
      config: self,
    },
    async (request, reply) => {
      const actor = staffActorOf(request.principal)
      const result = await kit.access.changeLanguage(actor, request.body.language, callContext(request))
      if (!result.ok) return refusedOn(accountPage)(kit, request, reply, result)
      const notice = ta(kit.frameOf(request).locale, 'account.languageChanged')
      return accountPage(kit, request, reply, { notice })
    },
  )
}
