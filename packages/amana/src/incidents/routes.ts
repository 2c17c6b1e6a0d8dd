import { type AdminFrame, renderAdminIncidentDetail, renderAdminIncidents } from '@amana/web'
import multipart from '@fastify/multipart'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AmanaError } from '../platform/errors/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import { type PdfRenderer, sendPdf } from '../platform/pdf/index.ts'
import { incidentStatuses, type Problem } from './domain/incident.ts'
import { localeFromRecords, placedFromRecords } from './domain/scope.ts'
import type { Actor, Incidents, IncidentView, Outcome } from './incidents-service.ts'

const Id = z.object({ id: z.uuid() })
const Ids = z.array(z.string().min(1).max(200)).max(50)
const OpenBody = z.object({
  discoveredAt: z.iso.datetime({ offset: true }),
  summary: z.string().max(4000),
  systems: Ids,
  categories: Ids.default([]),
  team: Ids.default([]),
  experts: Ids.default([]),
})
const PatchBody = z.object({
  status: z.enum(incidentStatuses).optional(),
  team: Ids.optional(),
  experts: Ids.optional(),
})
const ActionBody = z.object({ note: z.string().max(4000) })
const ScopeBody = z.object({
  tables: z
    .array(
      z.object({ system: z.string().max(100), table: z.string().max(100), timeColumn: z.string().max(100) }),
    )
    .max(50)
    .default([])
    .describe('breached tables of SQL systems and the column timing their rows'),
  processors: Ids.optional().describe(
    "processors the breach went through: people Amana's ledger shows were handed to them",
  ),
  accounts: z
    .array(z.string().min(1).max(200))
    .max(50)
    .optional()
    .describe('compromised staff or API-key ids: people whose personal data they read, from the ledger'),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  protected: Ids.optional(),
})
const Localised = z.object({ en: z.string().max(4000).optional(), ar: z.string().max(4000).optional() })
const NoticeBody = z.object({ whatHappened: Localised, whatWeAreDoing: Localised })
const LocaleBody = z.object({ ref: z.string().max(300), locale: z.enum(['en', 'ar']) })
const ReportParams = z.object({ id: z.uuid(), jurisdiction: z.string().max(20) })
const ReportQuery = z.object({
  lang: z.enum(['en', 'ar']).default('en'),
  format: z.enum(['json', 'html', 'pdf']).default('json'),
})

const read = { permission: 'incidents:read' } as const
const write = { permission: 'incidents:write' } as const
const tags = ['incidents']

const actorOf = (request: FastifyRequest): Actor => ({
  type: request.principal?.kind === 'api-key' ? 'api-key' : 'staff',
  id: request.principal?.id ?? 'unknown',
})

/** An expected refusal as the one error shape: 400 naming each field, 404, or 409. */
const unwrap = <T>(outcome: Outcome<T>): T => {
  if (outcome.ok) return outcome.value
  const message = outcome.problems.map((p: Problem) => `${p.field}: ${p.message}`).join('; ')
  const code =
    outcome.status === 404 ? 'NOT_FOUND' : outcome.status === 409 ? 'CONFLICT' : 'VALIDATION_FAILED'
  throw new AmanaError(code, message, outcome.problems)
}

/** The incident register's API: open, change, actions, attachments, scope, notices, regulator reports. */
export const incidentsRoutes =
  (deps: {
    incidents: Incidents
    consoleFrame?: ((request: FastifyRequest) => AdminFrame) | undefined
    pdf?: PdfRenderer | undefined
  }) =>
  async (app: AmanaServer) => {
    const { incidents } = deps
    if (deps.consoleFrame) {
      incidentListPage(app, incidents, deps.consoleFrame)
      incidentConsoleRoutes(app, incidents, deps.consoleFrame)
    }
    await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 0 } })
    registerRoutes(app, incidents)
    timelineRoutes(app, incidents)
    scopeAndNoticeRoutes(app, incidents)
    reportRoutes(app, incidents, deps.pdf)
  }

/** The console page: the register with each incident's countdowns. */
const incidentListPage = (
  app: AmanaServer,
  incidents: Incidents,
  frameOf: (request: FastifyRequest) => AdminFrame,
) => {
  app.get('/admin/incidents', { schema: { hide: true }, config: read }, async (request, reply) => {
    const frame = frameOf(request)
    const list = await incidents.list()
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        renderAdminIncidents({
          ...frame,
          incidents: list.map((i) => ({
            id: i.id,
            reference: i.reference,
            status: i.status,
            discoveredAt: new Date(i.discoveredAt),
            summary: i.summary,
            people: i.people.length,
            clocks: i.clocks.map((c) => ({
              jurisdiction: c.jurisdiction,
              authority: c.authority[frame.locale],
              audience: c.audience,
              hours: c.hours,
              remainingSeconds: c.remainingSeconds,
              verified: c.verified,
              people: c.people,
            })),
          })),
        }),
      )
  })
}

/** Open, list, read and change incidents. */
const registerRoutes = (app: AmanaServer, incidents: Incidents) => {
  app.post(
    '/v1/incidents',
    {
      schema: { summary: 'Open an incident (discovery time, what happened, systems)', tags, body: OpenBody },
      config: write,
    },
    async (request, reply) => {
      const b = request.body
      const opened = unwrap(
        await incidents.open({ ...b, discoveredAt: new Date(b.discoveredAt) }, actorOf(request)),
      )
      return reply.code(201).send(opened)
    },
  )
  app.get(
    '/v1/incidents',
    { schema: { summary: 'The incident register', tags }, config: read },
    async () => ({ incidents: await incidents.list() }),
  )
  app.get('/v1/incidents/:id', { schema: { tags, params: Id }, config: read }, async (request) => {
    const found = await incidents.get(request.params.id)
    if (!found) throw new AmanaError('NOT_FOUND', 'No incident has this id.')
    return found
  })
  app.patch(
    '/v1/incidents/:id',
    {
      schema: { summary: 'Change status, team or outside experts', tags, params: Id, body: PatchBody },
      config: write,
    },
    async (request) => unwrap(await incidents.update(request.params.id, request.body, actorOf(request))),
  )
}

/** The timeline: actions and attachments. */
const timelineRoutes = (app: AmanaServer, incidents: Incidents) => {
  app.post(
    '/v1/incidents/:id/actions',
    {
      schema: { summary: 'Add an action to the timeline', tags, params: Id, body: ActionBody },
      config: write,
    },
    async (request, reply) => {
      unwrap(await incidents.addAction(request.params.id, request.body.note, actorOf(request)))
      return reply.code(204).send()
    },
  )
  app.post(
    '/v1/incidents/:id/attachments',
    { schema: { summary: 'Attach a file (multipart, one file, 10 MB)', tags, params: Id }, config: write },
    async (request, reply) => {
      const file = await request.file()
      if (!file)
        throw new AmanaError('VALIDATION_FAILED', 'file: send one file as multipart/form-data', [
          { field: 'file', message: 'send one file as multipart/form-data' },
        ])
      const bytes = await file.toBuffer()
      const created = unwrap(
        await incidents.attach(
          request.params.id,
          { filename: file.filename.slice(0, 200), contentType: file.mimetype.slice(0, 100), bytes },
          actorOf(request),
        ),
      )
      return reply.code(201).send(created)
    },
  )
  app.get(
    '/v1/incidents/:id/attachments/:attachment',
    { schema: { tags, params: z.object({ id: z.uuid(), attachment: z.uuid() }) }, config: read },
    async (request, reply) => {
      const found = await incidents.store.attachment(request.params.id, request.params.attachment)
      if (!found) throw new AmanaError('NOT_FOUND', 'No such attachment on this incident.')
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="${found.filename.replace(/[^\w.-]/g, '_')}"`)
        .send(found.bytes)
    },
  )
}

/** Scope from the data map, each person's notice language, and the notices. */
const scopeAndNoticeRoutes = (app: AmanaServer, incidents: Incidents) => {
  app.post(
    '/v1/incidents/:id/scope',
    {
      schema: { summary: 'List the affected people from the data map', tags, params: Id, body: ScopeBody },
      config: write,
    },
    async (request) => {
      const b = request.body
      const range = { from: new Date(b.from), to: new Date(b.to) }
      return unwrap(await incidents.scope(request.params.id, { ...b, ...range }, actorOf(request)))
    },
  )
  app.post(
    '/v1/incidents/:id/people/locale',
    {
      schema: { summary: "Set one person's notice language", tags, params: Id, body: LocaleBody },
      config: write,
    },
    async (request, reply) => {
      const { ref, locale } = request.body
      unwrap(await incidents.setLocale(request.params.id, ref, locale, actorOf(request)))
      return reply.code(204).send()
    },
  )
  app.post(
    '/v1/incidents/:id/notices',
    {
      schema: { summary: 'Send the reviewed notices (each person once)', tags, params: Id, body: NoticeBody },
      config: write,
    },
    async (request) => unwrap(await incidents.sendNotices(request.params.id, request.body, actorOf(request))),
  )
  app.get('/v1/incidents/:id/notices', { schema: { tags, params: Id }, config: read }, async (request) => ({
    notices: await incidents.notices(request.params.id),
  }))
}

/** What goes to authorities: the report per authority and the breach register — JSON, printable HTML or PDF; each download audited. */
const reportRoutes = (app: AmanaServer, incidents: Incidents, pdf: PdfRenderer | undefined) => {
  app.get(
    '/v1/incidents/breach-register',
    {
      schema: {
        summary:
          "The register of personal data breaches (Oman's Executive Regulation Art 28): JSON, printable HTML or PDF",
        description:
          'Every incident, oldest first: when it was discovered, what happened, the categories and people involved (and how many in Oman), whether it is likely high risk and why, the measures taken, the deadline to notify the Ministry and the notices sent. The columns follow the reference, not verified against the regulation text.',
        tags,
        querystring: ReportQuery,
      },
      config: read,
    },
    async (request, reply) => {
      const { lang, format } = request.query
      await incidents.downloaded(actorOf(request), { report: 'breach-register', format, lang })
      const register = await incidents.breachRegister(lang)
      if (format === 'json') return register.json
      if (format === 'pdf') return sendPdf(reply, pdf, register.html, `breach-register-${lang}.pdf`)
      return reply.type('text/html; charset=utf-8').send(register.html)
    },
  )
  app.get(
    '/v1/incidents/:id/reports/:jurisdiction',
    {
      schema: {
        summary: 'The report to one authority (JSON, printable HTML or PDF)',
        tags,
        params: ReportParams,
        querystring: ReportQuery,
      },
      config: read,
    },
    async (request, reply) => {
      const { id, jurisdiction } = request.params
      const { lang, format } = request.query
      const report = await incidents.report(id, jurisdiction, lang)
      if (!report)
        throw new AmanaError(
          'NOT_FOUND',
          'No such incident, or the manifest does not serve this jurisdiction.',
        )
      await incidents.downloaded(
        actorOf(request),
        { report: 'regulator-report', format, lang },
        { id, jurisdiction },
      )
      if (format === 'json') return report.json
      if (format === 'pdf')
        return sendPdf(
          reply,
          pdf,
          report.html,
          `incident-${report.json.incident.reference}-${jurisdiction}-${lang}.pdf`,
        )
      return reply.type('text/html; charset=utf-8').send(report.html)
    },
  )
}

const Form = z.object({
  csrf: z.string().optional(),
  note: z.string().max(4000).optional(),
  whatHappenedEn: z.string().max(4000).optional(),
  whatHappenedAr: z.string().max(4000).optional(),
  whatWeAreDoingEn: z.string().max(4000).optional(),
  whatWeAreDoingAr: z.string().max(4000).optional(),
})
const LangQuery = z.object({ lang: z.string().optional() }).loose()

/** One incident as its console page shows it, in the staff member's language. */
const detailOf = (v: IncidentView, notices: ReadonlyMap<string, string>, locale: 'en' | 'ar') => ({
  id: v.id,
  reference: v.reference,
  status: v.status,
  discoveredAt: new Date(v.discoveredAt),
  summary: v.summary,
  systems: v.systems,
  categories: v.categories,
  team: v.team,
  experts: v.experts,
  clocks: v.clocks.map((c) => ({
    jurisdiction: c.jurisdiction,
    authority: c.authority[locale],
    audience: c.audience,
    hours: c.hours,
    remainingSeconds: c.remainingSeconds,
    verified: c.verified,
    people: c.people,
    dueAt: c.dueAt ? new Date(c.dueAt) : null,
  })),
  risk: {
    likelyHighRisk: v.risk.likelyHighRisk,
    reasons: v.risk.reasons.map((r) => ({ weight: r.weight, text: r.text[locale] })),
  },
  groups: v.groups.map((g) => g.text[locale]),
  handChecks: v.tasks.map((task) => task.text[locale]),
  people: v.people.map((p) => ({
    ref: p.ref,
    jurisdiction: p.jurisdiction,
    locale: p.locale,
    placedGuess: !placedFromRecords(p.placedBy),
    placedText: p.placedText[locale],
    localeGuess: !localeFromRecords(p.localeBy),
    localeText: p.localeText[locale],
    notice: notices.get(p.ref) ?? null,
  })),
  timeline: v.timeline.map((e) => ({ at: new Date(e.at), actor: e.actor, kind: e.kind, note: e.note })),
  reports: [...new Set(v.clocks.map((c) => c.jurisdiction))].map((j) => ({
    jurisdiction: j,
    authority: v.clocks.find((c) => c.jurisdiction === j)?.authority[locale] ?? j,
  })),
})

/** The console's incident page (GET) and its forms: send the reviewed notices, record an action. */
const incidentConsoleRoutes = (
  app: AmanaServer,
  incidents: Incidents,
  frameOf: (request: FastifyRequest) => AdminFrame,
) => {
  app.get(
    '/admin/incidents/:id',
    { schema: { hide: true, params: Id, querystring: LangQuery }, config: read },
    async (request, reply) => {
      const frame = frameOf(request)
      const { locale } = frame
      const v = await incidents.get(request.params.id)
      if (!v) throw new AmanaError('NOT_FOUND', 'No incident has this id.')
      const notices = new Map((await incidents.notices(v.id)).map((n) => [n.ref, n.status]))
      const canManage = request.principal?.permissions.has('incidents:write') ?? false
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderAdminIncidentDetail({ ...frame, ...detailOf(v, notices, locale), canManage }))
    },
  )
  const manage = {
    schema: { hide: true, params: Id, body: Form, querystring: LangQuery },
    config: write,
  }
  const back = (id: string, request: FastifyRequest, reply: FastifyReply) =>
    reply.redirect(`/admin/incidents/${id}?lang=${frameOf(request).locale}`, 303)
  app.post('/admin/incidents/:id/notices', manage, async (request, reply) => {
    const b = request.body
    const text = (v: string | undefined) => (v?.trim() ? v : undefined)
    unwrap(
      await incidents.sendNotices(
        request.params.id,
        {
          whatHappened: { en: text(b.whatHappenedEn), ar: text(b.whatHappenedAr) },
          whatWeAreDoing: { en: text(b.whatWeAreDoingEn), ar: text(b.whatWeAreDoingAr) },
        },
        actorOf(request),
      ),
    )
    return back(request.params.id, request, reply)
  })
  app.post('/admin/incidents/:id/actions', manage, async (request, reply) => {
    unwrap(await incidents.addAction(request.params.id, request.body.note ?? '', actorOf(request)))
    return back(request.params.id, request, reply)
  })
}
