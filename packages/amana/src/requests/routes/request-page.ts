import {
  type AdminRequestDetailView,
  type AdminRequestsFrame,
  type RequestStatusId,
  renderAdminRequestDetail,
} from '@amana/web'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { collectSubject, eraseSubject } from '../../connectors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { describeDetails, foundBySystem, type PlanLine, verificationOf } from '../console-detail.ts'
import { staffWaitOf } from '../console-today.ts'
import type { RequestType } from '../domain/request-types.ts'
import { stepsFor } from '../execute-request.ts'
import type { RequestsAppPorts } from '../ports.ts'
import type { RequestsService } from '../requests-service.ts'
import type { RequestsRoutesDeps } from '../routes.ts'

type Row = NonNullable<Awaited<ReturnType<RequestsService['store']['byId']>>>
type DryRun = { ok: true; lines: PlanLine[] } | { ok: false; problem: string } | undefined

const eraseLines = async (requests: RequestsService, row: Row, now: Date): Promise<DryRun> => {
  const p = requests.deps.plan
  if (!p.ok) return { ok: false, problem: p.issues.map((i) => `${i.path}: ${i.message}`).join('; ') }
  const ids = await requests.verifiedIdentifiers(row)
  const report = await eraseSubject(p.plan, requests.connectors(p.plan), ids, { now, dryRun: true })
  const failed = report.results.find((r) => !r.ok)
  if (failed && !failed.ok) return { ok: false, problem: failed.error.message }
  const lines: PlanLine[] = report.results.flatMap((r): PlanLine[] =>
    r.ok && r.outcome.status === 'completed'
      ? r.outcome.steps.map((s) => ({
          system: r.system,
          table: s.table,
          action: s.action,
          count: s.rows,
          columns: s.columns,
          ...(s.reason ? { reason: s.reason } : {}),
        }))
      : r.ok
        ? [{ system: r.system, table: '—', action: 'task', count: 0, columns: [] }]
        : [],
  )
  for (const f of report.files)
    lines.push({ system: f.store, table: f.table, action: 'file', count: 1, columns: [], reason: f.status })
  return { ok: true, lines }
}

const collectLines = async (requests: RequestsService, row: Row): Promise<DryRun> => {
  const p = requests.deps.plan
  if (!p.ok) return { ok: false, problem: p.issues.map((i) => `${i.path}: ${i.message}`).join('; ') }
  const ids = await requests.verifiedIdentifiers(row)
  const report = await collectSubject(p.plan, requests.connectors(p.plan), ids)
  const failed = report.results.find((r) => !r.ok)
  if (failed && !failed.ok) return { ok: false, problem: failed.error.message }
  return {
    ok: true,
    lines: report.results.flatMap((r): PlanLine[] =>
      r.ok && r.outcome.status === 'completed'
        ? r.outcome.tables
            .filter((t) => t.rows.length > 0)
            .map((t) => ({
              system: r.system,
              table: t.table,
              action: 'read',
              count: t.rows.length,
              columns: Object.keys(t.rows[0] ?? {}),
            }))
        : [],
    ),
  }
}

/** What execution would read or change, without changing anything; undefined before identity is verified. */
const dryRun = async (requests: RequestsService, row: Row, now: Date): Promise<DryRun> => {
  if (!['verified', 'in-progress', 'awaiting-staff'].includes(row.status) || row.verified_at === null)
    return undefined
  try {
    return row.type === 'erasure' ? await eraseLines(requests, row, now) : await collectLines(requests, row)
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : 'the dry run failed' }
  }
}

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

const detailView = async (
  ctx: RequestsAppPorts,
  deps: RequestsRoutesDeps,
  row: Row,
  frame: AdminRequestsFrame,
  now: Date,
): Promise<AdminRequestDetailView> => {
  const { requests } = deps
  const [events, steps, tasks, proof] = await Promise.all([
    requests.store.events(row.id),
    requests.store.steps(row.id),
    requests.store.tasks(row.id),
    requests.store.fileOf(row.id, 'proof'),
  ])
  const [email, phone, details, orderNumber, agentName] = await Promise.all([
    requests.open(row, 'email', row.email_enc),
    requests.open(row, 'phone', row.phone_enc),
    requests.open(row, 'details', row.details_enc),
    requests.open(row, 'order_number', row.order_number_enc),
    requests.open(row, 'agent_name', row.agent_name_enc),
  ])
  const duplicates = row.email_index ? await requests.store.openDuplicates(row.email_index, row.id) : []
  const run = await dryRun(requests, row, now)
  const names = await staffNamesOf(deps, [
    ...new Set(events.filter((e) => e.actor_type === 'staff').map((e) => e.actor_id)),
  ])
  const deadline = requests.deadlineOf(row)
  const open = !['completed', 'denied', 'merged'].includes(row.status)
  const contact = [email, phone].filter((x) => x !== undefined).join(' · ')
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
    steps: steps.map((s) => ({
      step: s.step,
      status: s.status,
      attempts: s.attempts,
      ...(s.error ? { error: s.error } : {}),
    })),
    tasks: tasks.map((t) => ({ id: t.id, title: t.title, done: t.state === 'done' })),
    history: events.map((e) => {
      const name = e.actor_type === 'staff' ? names.get(e.actor_id) : undefined
      return {
        at: e.at,
        actor: { type: e.actor_type, id: e.actor_id, ...(name ? { name } : {}) },
        kind: e.kind,
        ...(e.to_status ? { toStatus: e.to_status as RequestStatusId } : {}),
        details: describeDetails(e.details),
      }
    }),
    duplicates: duplicates.map((d) => ({
      id: d.id,
      reference: d.reference,
      status: d.status as RequestStatusId,
    })),
  }
}
