import {
  type AdminRequestDryRunView,
  type AdminRequestsFrame,
  type DryRunFinding,
  type Locale,
  renderAdminRequestDryRun,
} from '@amana/web'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { collectSubject, type EraseStep, eraseSubject, liveFindingText } from '../../connectors/index.ts'
import type { AmanaServer } from '../../platform/http/index.ts'
import { foundBySystem, type PlanLine } from '../console-detail.ts'
import { type LiveFinding, planFindings } from '../plan-findings.ts'
import type { RequestsAppPorts } from '../ports.ts'
import { type RequestsService, textIn } from '../requests-service.ts'
import type { RequestsRoutesDeps } from '../routes.ts'

type Row = NonNullable<Awaited<ReturnType<RequestsService['store']['byId']>>>
export type DryRun = { ok: true; lines: PlanLine[] } | { ok: false; problem: string } | undefined

/** Columns left as they were for another reason than a hold (held ones are listed with their hold). */
const skippedBesideHolds = (s: EraseStep) => {
  const held = new Set((s.held ?? []).flatMap((h) => h.columns))
  return (s.skipped ?? []).filter((k) => !held.has(k.column))
}

/** What a step's report says beyond its count: shared parents left, holds with their end, columns left. */
const notesOf = (s: EraseStep, locale: Locale): Pick<PlanLine, 'shared' | 'held' | 'skipped'> => ({
  ...(s.shared ? { shared: s.shared } : {}),
  ...(s.held?.length
    ? {
        held: s.held.map((h) => ({
          columns: h.columns,
          reason: (typeof h.reason === 'string' ? h.reason : textIn(h.reason, locale)) ?? '',
          ...(h.until ? { until: new Date(h.until) } : {}),
          ...(h.basis ? { countedFrom: h.basis } : {}),
        })),
      }
    : {}),
  ...(skippedBesideHolds(s).length ? { skipped: skippedBesideHolds(s) } : {}),
})

const eraseLines = async (
  requests: RequestsService,
  row: Row,
  now: Date,
  locale: Locale,
): Promise<DryRun> => {
  const p = requests.deps.plan
  if (!p.ok) return { ok: false, problem: p.issues.map((i) => `${i.path}: ${i.message}`).join('; ') }
  const ids = await requests.verifiedIdentifiers(row)
  // The erasure's own event clock: the dry run states the holds' ends the erasure would record.
  const report = await eraseSubject(p.plan, requests.connectors(p.plan), ids, {
    now,
    dryRun: true,
    eventTimes: requests.eventTimes,
  })
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
          ...notesOf(s, locale),
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

/** Whether the request's subject may be looked up: only once identity is verified and while it is open. */
const lookable = (row: Row) =>
  ['verified', 'in-progress', 'awaiting-staff'].includes(row.status) && row.verified_at !== null

/** What execution would read or change, without changing anything; undefined before identity is verified. */
export const dryRun = async (
  requests: RequestsService,
  row: Row,
  now: Date,
  locale: Locale = 'en',
): Promise<DryRun> => {
  if (!lookable(row)) return undefined
  try {
    return row.type === 'erasure'
      ? await eraseLines(requests, row, now, locale)
      : await collectLines(requests, row)
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : 'the dry run failed' }
  }
}

/** A finding in the reader's language when the catalogue has its words (values isolated), else the CLI's English. */
const finding =
  (locale: Locale) =>
  (f: LiveFinding): DryRunFinding => ({
    ...(f.system ? { system: f.system } : {}),
    ...(f.table ? { table: f.table } : {}),
    ...(f.column ? { column: f.column } : {}),
    ...(f.copy && locale !== 'en'
      ? { message: liveFindingText(locale, f.copy, (value) => `\u2068${value}\u2069`), lang: locale }
      : { message: f.message }),
  })

/** The dry-run page's content: pre-flight's findings, the plan when nothing stops it, the other findings. */
const dryRunView = async (
  requests: RequestsService,
  row: Row,
  frame: AdminRequestsFrame,
  now: Date,
): Promise<AdminRequestDryRunView> => {
  const base = { ...frame, request: { id: row.id, reference: row.reference } }
  const p = requests.deps.plan
  if (!lookable(row)) return { ...base, state: 'unverified', stops: [], warnings: [] }
  if (!p.ok)
    return {
      ...base,
      state: 'checked',
      stops: p.issues.map((i) => ({ message: `${i.path}: ${i.message}` })),
      warnings: [],
    }
  const findings = await planFindings(requests.deps.manifest, p.plan, requests.connectors(p.plan), now)
  const stops = findings.filter((f) => f.stopsRequests).map(finding(frame.locale))
  const warnings = findings.filter((f) => !f.stopsRequests).map(finding(frame.locale))
  if (stops.length > 0) return { ...base, state: 'checked', stops, warnings }
  const run = await dryRun(requests, row, now, frame.locale)
  return {
    ...base,
    state: 'checked',
    stops,
    warnings,
    ...(run?.ok
      ? { systems: foundBySystem(requests.deps.manifest, frame.locale, run.lines) }
      : run
        ? { problem: run.problem }
        : {}),
  }
}

/**
 * `/admin/requests/:id/dry-run`: the whole plan of a verified request, per system and table, with
 * what stops it and the check's warnings and sampled findings. Reads the shop's databases (at most
 * 20 rows a table for the sample), changes nothing, shows no value. Audited like the request page.
 */
export const dryRunPageRoute = async (
  app: AmanaServer,
  ctx: RequestsAppPorts,
  deps: RequestsRoutesDeps,
  frameOf: (request: FastifyRequest) => AdminRequestsFrame,
  load: (id: string) => Promise<Row>,
) => {
  const { requests } = deps
  app.get(
    '/admin/requests/:id/dry-run',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ lang: z.string().optional() }).loose(),
      },
      config: { permission: 'requests:read' },
    },
    async (request, reply) => {
      const row = await load(request.params.id)
      await requests.audit(
        'dry-run-viewed',
        {
          type: request.principal?.kind === 'api-key' ? 'api-key' : 'staff',
          id: request.principal?.id ?? '',
        },
        row.id,
      )
      const view = await dryRunView(requests, row, frameOf(request), ctx.now())
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderAdminRequestDryRun(view))
    },
  )
}
