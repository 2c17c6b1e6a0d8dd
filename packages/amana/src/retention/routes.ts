import { type AdminFrame, renderAdminRetention } from '@amana/web'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { toCsv } from '../platform/csv/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import { type PdfRenderer, sendPdf } from '../platform/pdf/index.ts'
import { categoryLabels, formatDuration } from '../policy/index.ts'
import { retentionTargets } from './domain/plan.ts'
import { reportColumns, retentionReportRows } from './domain/report.ts'
import { retentionReportHtml } from './domain/report-html.ts'
import { retentionSweepJob } from './jobs.ts'
import type { RetentionService } from './retention-service.ts'

const Ref = z.string().regex(/^[A-Za-z0-9_.:@+-]{1,200}$/, 'letters, digits and _ . : @ + - only (1–200)')

const EventBody = z.object({
  type: z
    .string()
    .min(1)
    .max(60)
    .describe('order.fulfilled, service.completed, account.closed, signed-in, …'),
  occurredAt: z.iso.datetime({ offset: true }).optional().describe('when it happened; now when absent'),
  locale: z
    .enum(['en', 'ar'])
    .optional()
    .describe(
      "the person's language (a sign-in's), for the inactivity notice; the policy's first when absent",
    ),
  subject: z
    .object({
      kind: z.string().min(1).max(60).describe('a subject kind from amana.yaml subjects, e.g. customer'),
      id: Ref.describe("the shop's own key for the person, e.g. 42 (customers.id)"),
    })
    .optional(),
  records: z
    .array(
      z.object({
        system: z.string().min(1).max(100).optional(),
        table: z.string().min(1).max(100).describe('a table the manifest declares, e.g. orders'),
        key: Ref.describe('the row key, e.g. 1001'),
      }),
    )
    .max(1000)
    .optional()
    .describe('the records the event is about (an order and its cake design)'),
})

const actorOf = (principal: { kind: string; id: string } | undefined) => ({
  type: principal?.kind === 'staff' ? ('staff' as const) : ('api-key' as const),
  id: principal?.id ?? 'unknown',
})

/** One pass over Amana's own records (own-records' runs), as the console page reads it. */
export interface OwnRecordsRunsPort {
  runs(limit: number): Promise<
    readonly {
      readonly trigger: string
      readonly asOf: Date
      readonly counts: Readonly<Record<string, number>>
      readonly periods: Readonly<Record<string, string>>
    }[]
  >
}

interface RetentionRoutesDeps {
  retention: RetentionService
  jobs: JobEngine | undefined
  consoleFrame?: ((request: FastifyRequest) => AdminFrame) | undefined
  pdf?: PdfRenderer | undefined
  /** The own-records passes shown on the console page beside the sweeps (none shown without it). */
  ownRecords?: OwnRecordsRunsPort | undefined
}

/** The shop's events, which start or reset retention clocks. */
const eventsRoute = (app: AmanaServer, deps: RetentionRoutesDeps) => {
  app.post(
    '/v1/events',
    {
      schema: {
        tags: ['retention'],
        summary:
          'Tell Amana an event happened (an order fulfilled, an account closed): starts or resets retention clocks',
        body: EventBody,
        response: {
          202: z.object({ event: z.string(), clocks: z.number(), immediate: z.array(z.string()) }),
        },
      },
      config: { permission: 'events:write' },
    },
    async (request, reply) => {
      const outcome = await deps.retention.recordEvent(request.body)
      if (!outcome.ok) {
        const [first] = outcome.problems
        throw new AmanaError(
          'VALIDATION_FAILED',
          `Invalid request. ${first?.field}: ${first?.message}`,
          outcome.problems,
        )
      }
      return reply
        .code(202)
        .send({ event: outcome.event, clocks: outcome.clocks, immediate: outcome.immediate })
    },
  )
}

/** The dry run: what falls due today, this week and this month. */
const planRoute = (app: AmanaServer, deps: RetentionRoutesDeps) => {
  app.get(
    '/v1/retention/plan',
    {
      schema: {
        tags: ['retention'],
        summary: 'Dry run: what falls due today, this week and this month, per rule and table',
      },
      config: { permission: 'retention:read' },
    },
    async () => ({ paused: await deps.retention.paused(), lines: await deps.retention.plan() }),
  )
}

/** The latest sweeps. */
const runsRoute = (app: AmanaServer, deps: RetentionRoutesDeps) => {
  app.get(
    '/v1/retention/runs',
    {
      schema: { tags: ['retention'], summary: 'The latest retention sweeps, with counts and digests' },
      config: { permission: 'retention:read' },
    },
    async () => ({ runs: await deps.retention.runs(50) }),
  )
}

/** The report for auditors: CSV, JSON, printable HTML or PDF. */
const reportRoute = (app: AmanaServer, deps: RetentionRoutesDeps) => {
  app.get(
    '/v1/retention/report',
    {
      schema: {
        tags: ['retention'],
        summary:
          'The retention report for auditors: every rule, every run with its counts and digest (CSV, JSON, printable HTML or PDF in English or Arabic)',
        description:
          'For auditors: every retention rule as the sweep reads it (with the manifest path the policy cites), then every sweep with the rows it deleted or anonymised per table and the digest of what went. CSV (UTF-8 with BOM, formula-guarded) by default, `?format=json` for the same rows, `?format=html` for a printable page, `?format=pdf` for the same page as PDF (`&lang=ar` for Arabic, right to left). Each download is in the audit ledger (`retention.report-exported`: who, format, language).',
        querystring: z.object({
          format: z.enum(['csv', 'json', 'html', 'pdf']).default('csv'),
          lang: z.enum(['en', 'ar']).default('en'),
        }),
      },
      config: { permission: 'retention:read' },
    },
    async (request, reply) => {
      const targets = retentionTargets(deps.retention.deps.manifest)
      const runs = await deps.retention.runs(1000)
      const { format, lang } = request.query
      // Who took which report (the runs up to the latest), in which format: like an evidence bundle's export.
      await deps.retention.deps.audit.append({
        actor: actorOf(request.principal),
        action: 'retention.report-exported',
        target: 'retention-report',
        details: { format, lang, runs: runs.length, latestRun: runs[0]?.id ?? null },
      })
      if (format === 'html' || format === 'pdf') {
        const html = retentionReportHtml({
          locale: lang,
          organisation: deps.retention.deps.manifest.organisation.legalName,
          generatedAt: deps.retention.deps.now(),
          targets,
          runs,
        })
        if (format === 'pdf') return sendPdf(reply, deps.pdf, html, `retention-report-${lang}.pdf`)
        return reply.type('text/html; charset=utf-8').send(html)
      }
      const rows = retentionReportRows(targets, runs)
      if (request.query.format === 'json') return { rows }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="retention-report.csv"')
        .send(toCsv(rows, { columns: reportColumns, bom: true }))
    },
  )
}

/** A full sweep, queued now. */
const sweepNowRoute = (app: AmanaServer, deps: RetentionRoutesDeps) => {
  app.post(
    '/v1/retention/runs',
    {
      schema: {
        tags: ['retention'],
        summary: 'Queue a full retention sweep now',
        response: { 202: z.object({ queued: z.boolean() }) },
      },
      config: { permission: 'retention:manage' },
    },
    async (request, reply) => {
      if (!deps.jobs)
        throw new AmanaError('CONFLICT', 'No job engine in this process: run `amana retention run`.')
      await deps.jobs.send(retentionSweepJob, {
        trigger: `${actorOf(request.principal).type}:${actorOf(request.principal).id}`,
      })
      return reply.code(202).send({ queued: true })
    },
  )
}

/** The pause switch (audited). */
const pauseRoute = (app: AmanaServer, deps: RetentionRoutesDeps) => {
  app.put(
    '/v1/retention/pause',
    {
      schema: {
        tags: ['retention'],
        summary: 'The pause switch: no sweep deletes anything while paused (audited)',
        body: z.object({ paused: z.boolean(), reason: z.string().min(1).max(500).optional() }),
        response: { 200: z.object({ paused: z.boolean() }) },
      },
      config: { permission: 'retention:manage' },
    },
    async (request) => {
      await deps.retention.setPaused(request.body.paused, actorOf(request.principal), request.body.reason)
      return { paused: request.body.paused }
    },
  )
}

/**
 * Retention over HTTP: the shop's events (starting clocks), the dry run, runs, a sweep on demand
 * and the pause switch. Every change is in the audit ledger.
 */
export const retentionRoutes = (deps: RetentionRoutesDeps) => async (app: AmanaServer) => {
  if (deps.consoleFrame) consolePage(app, deps, deps.consoleFrame)
  for (const route of [eventsRoute, planRoute, runsRoute, reportRoute, sweepNowRoute, pauseRoute])
    route(app, deps)
}

const rowsOf = (counts: unknown[]) =>
  (counts as { rows?: number }[]).reduce((sum, c) => sum + (typeof c.rows === 'number' ? c.rows : 0), 0)

const categoryName = (retention: RetentionService, id: string, locale: 'en' | 'ar'): string => {
  const category = retention.deps.manifest.categories[id]
  const label = category?.label
  if (typeof label === 'string') return label
  if (label?.[locale]) return label[locale]
  return (category && categoryLabels[category.kind]?.[locale]) ?? id
}

const ownKinds = ['sentMail', 'verificationCodes', 'requestRecords', 'consentRecords'] as const

/** The own-records passes for the page: each kind's count with its period in the reader's words. */
const ownRunsView = async (ownRecords: OwnRecordsRunsPort | undefined, locale: 'en' | 'ar') =>
  ((await ownRecords?.runs(10)) ?? []).map((run) => ({
    at: run.asOf,
    trigger: run.trigger,
    kinds: Object.fromEntries(
      ownKinds.map((kind) => {
        const count = run.counts[kind]
        const keep = run.periods[kind]
        return [
          kind,
          typeof count === 'number' && keep ? { count, kept: formatDuration(keep, locale) } : undefined,
        ]
      }),
    ) as Record<(typeof ownKinds)[number], { count: number; kept: string } | undefined>,
  }))

/**
 * /admin/retention: the calendar of upcoming deletions (the dry run: today, this week, this month,
 * per category and system), the last sweeps with their counts, the last passes over Amana's own
 * records, and the pause switch, whose use is audited like the API's.
 */
const consolePage = (
  app: AmanaServer,
  deps: RetentionRoutesDeps,
  frameOf: (request: FastifyRequest) => AdminFrame,
) => {
  const { retention } = deps
  app.get(
    '/admin/retention',
    { schema: { hide: true }, config: { permission: 'retention:read' } },
    async (request, reply) => {
      const frame = frameOf(request)
      const [paused, lines, runs, ownRuns] = await Promise.all([
        retention.paused(),
        retention.plan(),
        retention.runs(10),
        ownRunsView(deps.ownRecords, frame.locale),
      ])
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderAdminRetention({
            ...frame,
            paused,
            canManage: request.principal?.permissions.has('retention:manage') === true,
            calendar: lines.map((l) => ({
              rule: l.target,
              // The categories in the reader's words (the manifest's label, else its kind's), not their ids.
              categories: l.categories.map((id) => categoryName(retention, id, frame.locale)),
              system: l.system,
              table: l.table,
              unit: l.unit,
              due: l.due,
              ...(l.error ? { error: l.error } : {}),
            })),
            runs: runs.map((r) => ({
              startedAt: r.startedAt,
              trigger: r.trigger,
              status: r.status,
              rows: rowsOf(r.counts),
            })),
            ownRuns,
          }),
        )
    },
  )
  pauseForm(app, retention)
}

/** The console's pause switch (a form with the CSRF token), audited like the API's. */
const pauseForm = (app: AmanaServer, retention: RetentionService) => {
  app.post(
    '/admin/retention/pause',
    {
      schema: {
        hide: true,
        body: z.object({
          csrf: z.string().optional(),
          paused: z.enum(['true', 'false']),
          reason: z.string().max(500).optional(),
        }),
        querystring: z.object({ lang: z.enum(['en', 'ar']).optional() }),
      },
      config: { permission: 'retention:manage' },
    },
    async (request, reply) => {
      const reason = request.body.reason?.trim()
      await retention.setPaused(
        request.body.paused === 'true',
        actorOf(request.principal),
        reason || undefined,
      )
      return reply.redirect(`/admin/retention?lang=${request.query.lang ?? 'en'}`, 303)
    },
  )
}
