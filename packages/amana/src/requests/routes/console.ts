import { type AdminFrame, type Locale, renderAdminRequestsQueue } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AmanaError } from '../../platform/errors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { requestStatuses } from '../domain/request-state.ts'
import type { RequestType } from '../domain/request-types.ts'
import type { RequestsAppPorts } from '../ports.ts'
import type { Actor } from '../requests-service.ts'
import type { RequestsRoutesDeps } from '../routes.ts'
import { dryRunPageRoute } from './dry-run.ts'
import { requestPageRoute } from './request-page.ts'

/**
 * The staff console's request pages and the staff queue API: the queue, one request in plain words
 * (with a dry run of what running it would touch), and the staff's actions on it.
 */
export const consoleRequestRoutes = async (
  app: AmanaServer,
  ctx: RequestsAppPorts,
  deps: RequestsRoutesDeps,
  localeOf: (request: FastifyRequest) => Locale,
) => {
  const { requests } = deps
  const { options } = requests
  const shopName = (locale: Locale) => requests.shopName(locale)
  const LangQuery = z.object({ lang: z.string().optional() }).loose()
  // ---- Staff console ----
  const actorOf = (request: FastifyRequest): Actor => ({
    type: request.principal?.kind === 'api-key' ? 'api-key' : 'staff',
    id: request.principal?.id ?? 'unknown',
  })
  const frame = (request: FastifyRequest) => {
    const locale = localeOf(request)
    return {
      ...(deps.consoleFrame?.(request) ?? {
        locale,
        shopName: shopName(locale),
        csrfToken: request.principal?.csrfToken ?? '',
        sections: [],
      }),
      canManage: request.principal?.permissions.has('requests:manage') ?? false,
    }
  }
  const QueueQuery = z.object({
    lang: z.string().optional(),
    status: z.string().max(20).optional(),
    type: z.string().max(20).optional(),
    overdue: z.string().max(2).optional(),
  })
  app.get(
    '/admin/requests',
    { schema: { hide: true, querystring: QueueQuery }, config: { permission: 'requests:read' } },
    async (request, reply) => {
      const now = ctx.now()
      const q = request.query
      const rows = await requests.store.list({
        ...(q.status ? { status: q.status } : {}),
        ...(q.type ? { type: q.type } : {}),
        ...(q.overdue ? { overdueAt: now } : {}),
        limit: 200,
      })
      const f = frame(request)
      return reply.type('text/html; charset=utf-8').send(
        renderAdminRequestsQueue({
          ...f,
          filters: {
            ...(q.status ? { status: q.status } : {}),
            ...(q.type ? { type: q.type } : {}),
            overdue: q.overdue === '1',
          },
          statuses: requestStatuses,
          types: options.types,
          rows: rows.map((r) => ({
            id: r.id,
            reference: r.reference,
            type: r.type as RequestType,
            status: r.status as never,
            receivedAt: r.received_at,
            dueAt: r.extended_due_at ?? r.due_at,
            sla: requests.sla(r, now),
            extended: r.extended_due_at !== null,
            failing: r.last_error !== null,
          })),
        }),
      )
    },
  )

  const IdParams = z.object({ id: z.uuid() })
  const load = async (id: string) => {
    const row = await requests.store.byId(id)
    if (!row) throw new AmanaError('NOT_FOUND', 'No request has this id.')
    return row
  }

  await requestPageRoute(app, ctx, deps, frame, load)
  await dryRunPageRoute(app, ctx, deps, frame, load)

  app.get(
    '/admin/requests/:id/proof',
    { schema: { hide: true, params: IdParams }, config: { permission: 'requests:read' } },
    async (request, reply) => {
      const row = await load(request.params.id)
      const file = await requests.store.fileOf(row.id, 'proof')
      if (!file) throw new AmanaError('NOT_FOUND', 'This request has no proof upload.')
      await requests.audit('proof-viewed', actorOf(request), row.id)
      const bytes = await requests.files.get(row.subject_id, file.id, file.key_enc)
      return reply
        .type(file.content_type)
        .header('content-disposition', 'attachment; filename="proof"')
        .header('cache-control', 'no-store')
        .send(bytes)
    },
  )

  const Form = z.object({
    csrf: z.string().optional(),
    reason: z.string().max(2000).optional(),
    note: z.string().max(2000).optional(),
    into: z.string().max(20).optional(),
    changes: z.string().max(20_000).optional(),
    evidence: z.string().max(2000).optional(),
  })
  const manage = {
    schema: { hide: true, params: IdParams, body: Form, querystring: LangQuery },
    config: { permission: 'requests:manage' as const },
  }
  const done = (request: FastifyRequest, reply: FastifyReply) =>
    reply.redirect(`/admin/requests/${(request.params as { id: string }).id}?lang=${localeOf(request)}`, 303)
  const refuse = (message: string): never => {
    throw new AmanaError('CONFLICT', message)
  }

  app.post('/admin/requests/:id/approve', manage, async (request, reply) => {
    const row = await load(request.params.id)
    let changes: unknown[] | undefined
    if (row.type === 'rectification') {
      try {
        const parsed: unknown = JSON.parse(request.body.changes ?? '')
        changes = z
          .array(
            z.object({
              system: z.string(),
              table: z.string(),
              key: z.record(z.string(), z.unknown()),
              changes: z.record(z.string(), z.unknown()),
            }),
          )
          .min(1)
          .parse(parsed)
      } catch {
        throw new AmanaError(
          'VALIDATION_FAILED',
          'changes: give a JSON list such as [{"system":"shop_db","table":"customers","key":{"id":7},"changes":{"full_name":"Sara"}}].',
        )
      }
    }
    if (!(await requests.approve(row.id, actorOf(request), changes)))
      refuse('Only a verified request can be approved.')
    return done(request, reply)
  })
  app.post('/admin/requests/:id/verify-proof', manage, async (request, reply) => {
    if (!(await requests.verifyProof(request.params.id, actorOf(request))))
      refuse('This request is not waiting for a proof check.')
    return done(request, reply)
  })
  app.post('/admin/requests/:id/deny', manage, async (request, reply) => {
    if (!(await requests.deny(request.params.id, actorOf(request), request.body.reason ?? '')))
      refuse('Give a reason of at least 5 characters; a closed or running request cannot be declined.')
    return done(request, reply)
  })
  app.post('/admin/requests/:id/extend', manage, async (request, reply) => {
    const outcome = await requests.extend(request.params.id, actorOf(request), request.body.reason ?? '')
    if (!outcome.ok) refuse(`Cannot extend: ${outcome.reason}.`)
    return done(request, reply)
  })
  app.post('/admin/requests/:id/notes', manage, async (request, reply) => {
    await load(request.params.id)
    await requests.addNote(request.params.id, actorOf(request), request.body.note ?? '')
    return done(request, reply)
  })
  app.post('/admin/requests/:id/merge', manage, async (request, reply) => {
    const outcome = await requests.merge(
      request.params.id,
      actorOf(request),
      (request.body.into ?? '').trim().toUpperCase(),
    )
    if (!outcome.ok) refuse(`Cannot merge: ${outcome.reason}.`)
    return done(request, reply)
  })
  app.post('/admin/requests/:id/retry', manage, async (request, reply) => {
    if (!(await requests.retry(request.params.id, actorOf(request))))
      refuse('Only a running or waiting request can be retried.')
    return done(request, reply)
  })
  app.post(
    '/admin/requests/:id/tasks/:taskId',
    { ...manage, schema: { ...manage.schema, params: IdParams.extend({ taskId: z.uuid() }) } },
    async (request, reply) => {
      if (
        !(await requests.completeTask(
          request.params.id,
          request.params.taskId,
          actorOf(request),
          request.body.evidence ?? '',
        ))
      )
        refuse('Describe the evidence (3 characters at least); the task may be done already.')
      return done(request, reply)
    },
  )

  app.get(
    '/v1/admin/requests',
    {
      schema: {
        summary: 'The request queue (staff)',
        tags: ['requests'],
        querystring: QueueQuery.omit({ lang: true }),
      },
      config: { permission: 'requests:read' },
    },
    async (request) => {
      const now = ctx.now()
      const q = request.query
      const rows = await requests.store.list({
        ...(q.status ? { status: q.status } : {}),
        ...(q.type ? { type: q.type } : {}),
        ...(q.overdue ? { overdueAt: now } : {}),
        limit: 500,
      })
      return rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        type: r.type,
        status: r.status,
        receivedAt: r.received_at.toISOString(),
        dueAt: (r.extended_due_at ?? r.due_at).toISOString(),
        sla: requests.sla(r, now),
        lastError: r.last_error,
      }))
    },
  )
}
