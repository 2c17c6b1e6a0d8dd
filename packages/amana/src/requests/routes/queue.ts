import { renderAdminRequestsQueue } from '@amana/web'
import { z } from 'zod'
import { requestStatuses } from '../domain/request-state.ts'
import type { RequestType } from '../domain/request-types.ts'
import type { ConsoleKit } from './console-kit.ts'

const QueueQuery = z.object({
  lang: z.string().optional(),
  status: z.string().max(20).optional(),
  type: z.string().max(20).optional(),
  overdue: z.string().max(2).optional(),
})
type Filters = Omit<z.infer<typeof QueueQuery>, 'lang'>

/** The queue's rows under the page's or the API's filters. */
const listed = (kit: ConsoleKit, q: Filters, now: Date, limit: number) =>
  kit.requests.store.list({
    ...(q.status ? { status: q.status } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.overdue ? { overdueAt: now } : {}),
    limit,
  })

/** The console's request queue. */
const queuePage = (kit: ConsoleKit) => {
  const { app, ctx, requests, frame } = kit
  const { options } = requests
  app.get(
    '/admin/requests',
    { schema: { hide: true, querystring: QueueQuery }, config: { permission: 'requests:read' } },
    async (request, reply) => {
      const now = ctx.now()
      const q = request.query
      const rows = await listed(kit, q, now, 200)
      return reply.type('text/html; charset=utf-8').send(
        renderAdminRequestsQueue({
          ...frame(request),
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
}

/** The same queue for the staff API. */
const queueApi = (kit: ConsoleKit) => {
  const { app, ctx, requests } = kit
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
      const rows = await listed(kit, request.query, now, 500)
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

export const queueRoutes = (kit: ConsoleKit) => {
  queuePage(kit)
  queueApi(kit)
}
