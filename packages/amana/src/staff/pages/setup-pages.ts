import { renderAdminHome, renderAdminSetup, ta } from '@amana/web'
import { z } from 'zod'
import type { AmanaServer } from '../../platform/http/index.ts'
import { localeOfRequest } from '../console-frame.ts'
import { callContext, staffActorOf } from '../http-kit.ts'
import { Form, hide, Lang, pub, type StaffPageKit } from './page-kit.ts'

/** A setup link's page: the first owner's account, or an invited member's password. */
export const setupRoutes = (app: AmanaServer, kit: StaffPageKit) => {
  const { access } = kit
  app.get(
    '/admin/setup',
    { schema: { ...hide, querystring: Lang.extend({ token: z.string().max(100).optional() }) }, config: pub },
    async (request, reply) => {
      const locale = localeOfRequest(request)
      const token = request.query.token
      const link = token ? await access.describeSetupLink(token) : undefined
      const csrfToken = kit.issueFormToken(request, reply)
      return kit.html(
        reply,
        locale,
        renderAdminSetup({
          locale,
          shopName: kit.shop(locale),
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
      const locale = localeOfRequest(request)
      const { token, email, password, confirm } = request.body
      const again = async (error: string, status: number) => {
        const link = await access.describeSetupLink(token)
        const csrfToken = kit.issueFormToken(request, reply)
        return kit.html(
          reply,
          locale,
          renderAdminSetup({
            locale,
            shopName: kit.shop(locale),
            csrfToken,
            error,
            ...(link ? { link: { ...link, token } } : {}),
          }),
          status,
        )
      }
      if (!kit.formTokenValid(request, request.body.csrf)) return again(ta(locale, 'signin.expiredForm'), 403)
      if (password !== confirm) return again(ta(locale, 'setup.mismatch'), 400)
      const result = await access.completeSetup(
        { token, password, email, language: locale },
        callContext(request),
      )
      if (!result.ok)
        return again(
          result.reason === 'invalid' ? result.message : ta(locale, 'setup.invalid'),
          result.reason === 'invalid' ? 400 : 404,
        )
      return reply.redirect(`/admin/sign-in?lang=${locale}&m=setup-done`, 303)
    },
  )
}

/** The console's home: who is signed in and today's work. */
export const homeRoutes = (app: AmanaServer, kit: StaffPageKit) => {
  app.get(
    '/admin/home',
    { schema: { ...hide, querystring: Lang }, config: { permission: 'admin:console' } },
    async (request, reply) => {
      const frame = kit.frameOf(request)
      const actor = staffActorOf(request.principal)
      const [me, today] = await Promise.all([
        kit.access.getStaff(actor.id),
        kit.options.today?.today({
          locale: frame.locale,
          permissions: actor.permissions,
          now: kit.now(),
        }) ?? {},
      ])
      return kit.html(
        reply,
        frame.locale,
        renderAdminHome({ ...frame, email: me?.email ?? '', role: actor.role, today }),
      )
    },
  )
}
