import {
  type AdminRequestDetailView,
  type AdminRequestsFrame,
  type RequestStatusId,
  renderAdminRequestDetail,
  type SystemRecordView,
} from '@amana/web'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AmanaServer } from '../../platform/http/index.ts'
import { describeDetails, foundBySystem, verificationOf } from '../console-detail.ts'
import { staffWaitOf } from '../console-today.ts'
import type { RequestType } from '../domain/request-types.ts'
import { staffTaskOf } from '../domain/staff-task.ts'
import { stepsFor } from '../execute-request.ts'
import type { RequestsAppPorts } from '../ports.ts'
import type { RequestsService } from '../requests-service.ts'
import type { RequestsRoutesDeps } from '../routes.ts'
import { staffTaskTitle } from '../task-title.ts'
import { dryRun } from './dry-run.ts'

type Row = NonNullable<Awaited<ReturnType<RequestsService['store']['byId']>>>
/** The staff members' names (emails) for the history, by id. */
const staffNamesOf = async (deps: RequestsRoutesDeps, ids: readonly string[]) =>
  ids.length > 0 && deps.staffNames ? deps.staffNames(ids) : new Map<string, string>()

/**
 * `/admin/requests/:id`: one request in plain words (what was asked, by whom, verified how, the
 * deadline, who acts next, what Amana found per system in the manifest's categories), the raw detail
 * folded for the developer. Reading it decrypts the requester's contact details: the view is audited.
 */
export const requestPageRoute = async (
  app: AmanaServer,
  ctx: RequestsAppPorts,
  deps: RequestsRoutesDeps,
  frameOf: (request: FastifyRequest) => AdminRequestsFrame,
  load: (id: string) => Promise<Row>,
) => {
  const { requests } = deps
  app.get(
    '/admin/requests/:id',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ lang: z.string().optional() }).loose(),
      },
      config: { permission: 'requests:read' },
    },
    async (request, reply) => {
      const now = ctx.now()
      const row = await load(request.params.id)
      const frame = frameOf(request)
      await requests.audit(
        'viewed',
        {
          type: request.principal?.kind === 'api-key' ? 'api-key' : 'staff',
          id: request.principal?.id ?? '',
        },
        row.id,
      )
      const view = await detailView(ctx, deps, row, frame, now)
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderAdminRequestDetail(view))
    },
  )
}

/** One system's record in the page's terms: state, when, attempts, counts per table and what holds kept. */
const systemRecordOf = (
  r: Awaited<ReturnType<RequestsService['store']['systemRecords']>>[number],
): SystemRecordView => ({
  system: r.system,
  step: r.step,
  status: r.status,
  attempts: r.attempts,
  startedAt: r.started_at,
  ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
  recovered: r.recovered_at !== null,
  ...(r.error ? { error: r.error } : {}),
  changes: (r.changes ?? []).map((c) => ({
    table: c.table,
    action: c.action,
    rows: c.rows,
    ...(c.held?.length
      ? {
          held: c.held.map((h) => ({
            columns: h.columns,
            until: h.until ? new Date(h.until) : null,
            ...(h.countedFrom ? { countedFrom: h.countedFrom } : {}),
          })),
        }
      : {}),
  })),
})

type TaskRow = Awaited<ReturnType<RequestsService['store']['tasks']>>[number]

/** A staff task's title in the console's language, from its code and values; its stored English title if it has none. */
const taskTitle = (ctx: RequestsAppPorts, row: Row, task: TaskRow, locale: AdminRequestsFrame['locale']) => {
  const known = staffTaskOf(task.code, task.params)
  return known
    ? staffTaskTitle(known, locale, {
        reference: row.reference,
        processors: ctx.manifest.manifest.processors,
      })
    : task.title
}

// long-function: one page's view model, built field by field
const detailView = async (
  ctx: RequestsAppPorts,
  deps: RequestsRoutesDeps,
  row: Row,
  frame: AdminRequestsFrame,
  now: Date,
): Promise<AdminRequestDetailView> => {
  const { requests } = deps
  const [events, steps, tasks, proof, records] = await Promise.all([
    requests.store.events(row.id),
    requests.store.steps(row.id),
    requests.store.tasks(row.id),
    requests.store.fileOf(row.id, 'proof'),
    requests.store.systemRecords(row.id),
  ])
  const [email, phone, details, orderNumber, agentName] = await Promise.all([
    requests.open(row, 'email', row.email_enc),
    requests.open(row, 'phone', row.phone_enc),
    requests.open(row, 'details', row.details_enc),
    requests.open(row, 'order_number', row.order_number_enc),
    requests.open(row, 'agent_name', row.agent_name_enc),
  ])
  const duplicates = row.email_index ? await requests.store.openDuplicates(row.email_index, row.id) : []
  const run = await dryRun(requests, row, now, frame.locale)
  const names = await staffNamesOf(deps, [
    ...new Set(events.filter((e) => e.actor_type === 'staff').map((e) => e.actor_id)),
  ])
  const deadline = requests.deadlineOf(row)
  const open = !['completed', 'denied', 'merged'].includes(row.status)
  const contact = [email, phone].filter((x) => x !== undefined).join(' · ')
  const localTitles = new Map(tasks.map((t) => [t.title, taskTitle(ctx, row, t, frame.locale)]))
  const waitingFor = staffWaitOf({ ...row, has_open_task: tasks.some((t) => t.state !== 'done') })
  return {
    ...frame,
    request: {
      id: row.id,
      reference: row.reference,
      type: row.type as RequestType,
      status: row.status as RequestStatusId,
      ...(contact ? { contact } : {}),
      requesterKind: row.requester_kind as 'self',
      ...(agentName ? { agentName } : {}),
      verification: verificationOf(
        row,
        events.map((e) => e.kind),
      ),
      laws: (row.jurisdictions as string[]).map((id) => {
        const pack = ctx.manifest.packs.find((p) => p.id === id)
        return pack ? `${pack.name[frame.locale]}: ${pack.law[frame.locale]}` : id
      }),
      receivedAt: row.received_at,
      dueAt: row.due_at,
      ...(row.extended_due_at && row.extension_reason
        ? { extension: { dueAt: row.extended_due_at, reason: row.extension_reason } }
        : {}),
      ...(details ? { details } : {}),
      ...(orderNumber ? { orderNumber } : {}),
      ...(row.last_error ? { lastError: row.last_error } : {}),
      deadlineRule: `${row.deadline_source} (${stepsFor(row.type as RequestType, false).join(' → ')})`,
    },
    sla: requests.sla(row, now),
    ...(waitingFor ? { waitingFor } : {}),
    actions: {
      approve: row.status === 'verified',
      verifyProof: row.status === 'awaiting-staff' && row.requester_kind !== 'self' && steps.length === 0,
      deny: open && row.status !== 'in-progress',
      retry: row.last_error !== null && (row.status === 'in-progress' || row.status === 'awaiting-staff'),
      merge: ['verifying', 'awaiting-staff', 'verified'].includes(row.status) && duplicates.length > 0,
      ...(open && !row.extended_due_at ? { extendUntil: deadline.maxExtendedDueAt } : {}),
      changes: row.type === 'rectification',
    },
    ...(proof
      ? { proof: { name: proof.name, size: proof.size, href: `/admin/requests/${row.id}/proof` } }
      : {}),
    ...(run
      ? {
          found: run.ok
            ? { ok: true, systems: foundBySystem(ctx.manifest.manifest, frame.locale, run.lines) }
            : run,
        }
      : {}),
    systems: records.map(systemRecordOf),
    steps: steps.map((s) => ({
      step: s.step,
      status: s.status,
      attempts: s.attempts,
      ...(s.error ? { error: s.error } : {}),
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: localTitles.get(t.title) ?? t.title,
      done: t.state === 'done',
    })),
    history: events.map((e) => {
      const name = e.actor_type === 'staff' ? names.get(e.actor_id) : undefined
      return {
        at: e.at,
        actor: { type: e.actor_type, id: e.actor_id, ...(name ? { name } : {}) },
        kind: e.kind,
        ...(e.to_status ? { toStatus: e.to_status as RequestStatusId } : {}),
        // A done task's event names the task by its stored (English) title: shown as the task list says it.
        details: describeDetails(
          e.kind === 'task-done' && typeof e.details.task === 'string'
            ? { ...e.details, task: localTitles.get(e.details.task) ?? e.details.task }
            : e.details,
        ),
      }
    }),
    duplicates: duplicates.map((d) => ({
      id: d.id,
      reference: d.reference,
      status: d.status as RequestStatusId,
    })),
  }
}
