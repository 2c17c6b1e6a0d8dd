import { renderAdminStaff, ta } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AmanaServer } from '../../platform/http/index.ts'
import { canManageRole, isRole, roles } from '../domain/roles.ts'
import { callContext, refusalError, staffActorOf } from '../http-kit.ts'
import { invitationMail, sendInvitation } from '../invitation-mail.ts'
import { Form, hide, IdParams, Lang, refusedOn, type StaffPageKit } from './page-kit.ts'

type StaffPageExtra = {
  setupLink?: { email: string; url: string; expiresAt: Date; mailed?: true }
  notice?: string
  error?: string
}

const manage = { permission: 'staff:manage' as const }

const staffPage = async (
  kit: StaffPageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: StaffPageExtra,
  status = 200,
) => {
  const frame = kit.frameOf(request)
  const actor = staffActorOf(request.principal)
  const members = (await kit.access.listStaff()).map((m) => ({
    ...m,
    manageable: canManageRole(actor.role, m.role),
  }))
  return kit.html(
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

const refusedOnPage = refusedOn(staffPage)

const done = (kit: StaffPageKit, request: FastifyRequest, reply: FastifyReply) =>
  staffPage(kit, request, reply, { notice: ta(kit.frameOf(request).locale, 'staff.done') })

/** The staff page: members and roles, invitations, role changes, session revocation and new setup links. */
export const staffRoutes = (app: AmanaServer, kit: StaffPageKit) => {
  const { access } = kit
  app.get(
    '/admin/staff',
    { schema: { ...hide, querystring: Lang }, config: manage },
    async (request, reply) => staffPage(kit, request, reply, {}),
  )

  inviteRoute(app, kit)

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
      if (!isRole(role)) return staffPage(kit, request, reply, { error: 'Choose a role.' }, 400)
      const actor = staffActorOf(request.principal)
      const result = await access.changeRole(actor, request.params.id, role, callContext(request))
      if (!result.ok) return refusedOnPage(kit, request, reply, result)
      return done(kit, request, reply)
    },
  )

  app.post(
    '/admin/staff/:id/revoke-sessions',
    { schema: { ...hide, querystring: Lang, params: IdParams, body: Form }, config: manage },
    async (request, reply) => {
      const actor = staffActorOf(request.principal)
      const result = await access.revokeSessions(actor, request.params.id, callContext(request))
      if (!result.ok) return refusedOnPage(kit, request, reply, result)
      return done(kit, request, reply)
    },
  )

  app.post(
    '/admin/staff/:id/setup-link',
    { schema: { ...hide, querystring: Lang, params: IdParams, body: Form }, config: manage },
    async (request, reply) => {
      const actor = staffActorOf(request.principal)
      const result = await access.reissueInvite(actor, request.params.id, callContext(request))
      if (!result.ok) return refusedOnPage(kit, request, reply, result)
      const member = await access.getStaff(request.params.id)
      return staffPage(kit, request, reply, {
        setupLink: { email: member?.email ?? '', url: result.setupUrl, expiresAt: result.expiresAt },
      })
    },
  )
}

/** POST /admin/staff/invite: a new member and their setup link, mailed in the language the inviter chose. */
const inviteRoute = (app: AmanaServer, kit: StaffPageKit) => {
  const { access, options } = kit
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
      if (!isRole(role) || !z.email().safeParse(email).success) {
        const message = 'Enter a valid email and role.'
        const error = refusalError({ ok: false, reason: 'invalid', field: 'email', message })
        return staffPage(kit, request, reply, { error: error.message }, 400)
      }
      // The invitee reads the email (and opens the setup page) in the language the inviter chose, and
      // later mail from Amana (reminders) in the same language until they change it on "My account".
      const language = request.body.language ?? kit.frameOf(request).locale
      const result = await access.invite(
        staffActorOf(request.principal),
        { email, role, language },
        callContext(request),
      )
      if (!result.ok) return refusedOnPage(kit, request, reply, result)
      const message = invitationMail({
        locale: language,
        shopName: kit.shop(language),
        role,
        setupUrl: result.setupUrl,
        expiresAt: result.expiresAt,
      })
      if (options.mail) await sendInvitation(options.mail, result.staff.email, message, language, kit.now())
      const setupLink = { email: result.staff.email, url: message.url, expiresAt: result.expiresAt }
      return staffPage(
        kit,
        request,
        reply,
        { setupLink: { ...setupLink, ...(options.mail ? { mailed: true } : {}) } },
        201,
      )
    },
  )
}
