import { renderAdminApiKeys } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AmanaServer } from '../../platform/http/index.ts'
import { apiKeyScopes, isApiKeyScope } from '../domain/roles.ts'
import { callContext, refusalError, staffActorOf } from '../http-kit.ts'
import { Form, hide, IdParams, Lang, refusedOn, type StaffPageKit } from './page-kit.ts'

const many = z.union([z.string(), z.array(z.string())]).optional()
const keysManage = { permission: 'api-keys:manage' as const }

const keysPage = async (
  kit: StaffPageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: { createdKey?: string; error?: string },
  status = 200,
) => {
  const frame = kit.frameOf(request)
  const actor = staffActorOf(request.principal)
  const grantableScopes = apiKeyScopes.filter((s) => actor.permissions.has(s))
  return kit.html(
    reply,
    frame.locale,
    renderAdminApiKeys({ ...frame, keys: await kit.access.listApiKeys(), grantableScopes, ...extra }),
    status,
  )
}

const refusedOnPage = refusedOn(keysPage)

/** The API keys page: the shop's keys, a new key (its secret shown once), and revoking one. */
export const apiKeyRoutes = (app: AmanaServer, kit: StaffPageKit) => {
  const { access } = kit
  app.get(
    '/admin/api-keys',
    { schema: { ...hide, querystring: Lang }, config: keysManage },
    async (request, reply) => keysPage(kit, request, reply, {}),
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
      if (!name || scopes.length !== requested.length) {
        const message = 'Give the key a name and choose known scopes.'
        const error = refusalError({ ok: false, reason: 'invalid', field: 'name', message })
        return keysPage(kit, request, reply, { error: error.message }, 400)
      }
      const actor = staffActorOf(request.principal)
      const result = await access.createApiKey(actor, { name, scopes }, callContext(request))
      if (!result.ok) return refusedOnPage(kit, request, reply, result)
      return keysPage(kit, request, reply, { createdKey: result.key }, 201)
    },
  )

  app.post(
    '/admin/api-keys/:id/revoke',
    { schema: { ...hide, querystring: Lang, params: IdParams, body: Form }, config: keysManage },
    async (request, reply) => {
      const actor = staffActorOf(request.principal)
      const result = await access.revokeApiKey(actor, request.params.id, callContext(request))
      if (!result.ok) return refusedOnPage(kit, request, reply, result)
      return keysPage(kit, request, reply, {})
    },
  )
}
