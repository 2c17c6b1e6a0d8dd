import {
  type AdminFrame,
  html,
  negotiateLocale,
  renderAdminComplaintDetail,
  renderAdminComplaints,
  renderPage,
} from '@amana/web'
import rateLimit from '@fastify/rate-limit'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AmanaError } from '../platform/errors/index.ts'
import { type AmanaServer, postgresRateLimitStore } from '../platform/http/index.ts'
import type { ComplaintActor, Complaints } from './complaints-service.ts'
import { complaintCopy, formatDate } from './domain/acknowledgement.ts'
import { complaintChannels } from './domain/complaint.ts'
import type { ComplaintsAppPorts } from './ports.ts'

const Locale = z.enum(['en', 'ar'])
const FileBody = z.object({
  email: z.email().max(254),
  summary: z.string().min(1).max(4000),
  locale: Locale.default('en'),
})
const LogBody = z.object({
  channel: z.enum(
    complaintChannels.filter((c) => c !== 'privacy-centre') as ['email', 'phone', 'whatsapp', 'post'],
  ),
  locale: Locale,
  email: z.email().max(254).optional(),
  summary: z.string().min(1).max(4000),
  subjectRef: z.string().max(200).optional(),
})
const PatchBody = z.object({
  assignee: z.string().max(200).optional(),
  note: z.string().max(4000).optional(),
  resolution: z.string().max(4000).optional(),
})
const ListQuery = z.object({
  overdue: z.enum(['1', '0']).optional(),
  status: z.enum(['open', 'resolved']).optional(),
})
const Id = z.object({ id: z.uuid() })
const tags = ['complaints']

const actorOf = (request: FastifyRequest): ComplaintActor => ({
  type: request.principal?.kind === 'api-key' ? 'api-key' : 'staff',
  id: request.principal?.id ?? 'unknown',
})

/** Complaints: the public form and API (rate-limited per address), and the staff API. */
export const complaintsRoutes =
  (
    ctx: ComplaintsAppPorts,
    deps: { complaints: Complaints; consoleFrame?: ((request: FastifyRequest) => AdminFrame) | undefined },
  ) =>
  async (app: AmanaServer) => {
    const { complaints } = deps
    // Counted in the database, shared by every Amana process: a flood from one address is refused.
    await app.register(rateLimit, {
      global: false,
      store: postgresRateLimitStore(ctx.database.db, ctx.config.secrets.sessionSecret),
      errorResponseBuilder: (_request, limit) =>
        new AmanaError(
          'RATE_LIMITED',
          `Too many complaints from this address. Retry in ${Math.ceil(limit.ttl / 1000)} s.`,
        ),
    })
    publicComplaintRoutes(app, complaints, (locale) => ctx.shop.name[locale])
    if (deps.consoleFrame) {
      complaintListPage(app, complaints, deps.consoleFrame)
      complaintConsoleRoutes(app, complaints, deps.consoleFrame)
    }
    staffComplaintRoutes(app, complaints)
  }

const publicLimit = { max: 5, timeWindow: 3_600_000 }
const publicSubject = { type: 'subject', id: 'privacy-centre' } as const

/** The privacy centre's complaint form, as a page in the customer's language. */
const complaintForm = (shopName: string, locale: 'en' | 'ar', errors: string[] = [], done?: string) => {
  const c = complaintCopy(locale)
  return renderPage({
    locale,
    title: c['form.title'],
    area: 'privacy',
    path: '/privacy/complaints',
    shopName,
    body: html`<h1>${c['form.title']}</h1>
${
  done
    ? html`<p class="notice" role="status">${done}</p>`
    : html`<p class="lead">${c['form.intro']}</p>
${errors.length > 0 ? html`<div class="error" role="alert"><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
<form method="post" action="/privacy/complaints?lang=${locale}">
<input type="hidden" name="locale" value="${locale}">
<div><label for="c-email">${c['form.email']}</label>
<input id="c-email" name="email" type="email" autocomplete="email" dir="ltr" required></div>
<div><label for="c-summary">${c['form.summary']}</label>
<textarea id="c-summary" name="summary" rows="6" maxlength="4000" required></textarea></div>
<button type="submit">${c['form.submit']}</button>
</form>`
}`,
  })
}

const localeOf = (request: FastifyRequest) =>
  negotiateLocale((request.query as { lang?: string } | undefined)?.lang, request.headers['accept-language'])

/** What customers use: the JSON API and the privacy centre's form, both rate-limited per address. */
const publicComplaintRoutes = (
  app: AmanaServer,
  complaints: Complaints,
  shopName: (locale: 'en' | 'ar') => string,
) => {
  app.post(
    '/v1/complaints',
    {
      schema: {
        summary: 'File a privacy complaint (acknowledged at once by email, in its language)',
        tags,
        body: FileBody,
      },
      config: { permission: 'public', rateLimit: publicLimit },
    },
    async (request, reply) => {
      const filed = await complaints.file({ ...request.body, channel: 'privacy-centre' }, publicSubject)
      return reply.code(201).send({ reference: filed.reference, dueAt: filed.dueAt })
    },
  )
  const form = (locale: 'en' | 'ar', errors: string[] = [], done?: string) =>
    complaintForm(shopName(locale), locale, errors, done)
  app.get(
    '/privacy/complaints',
    { schema: { hide: true }, config: { permission: 'public' } },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(form(localeOf(request))),
  )
  app.post(
    '/privacy/complaints',
    { schema: { hide: true }, config: { permission: 'public', rateLimit: publicLimit } },
    async (request, reply) => {
      const parsed = FileBody.safeParse(request.body)
      const locale =
        (request.body as { locale?: string } | undefined)?.locale === 'ar' ? 'ar' : localeOf(request)
      const c = complaintCopy(locale)
      if (!parsed.success) {
        const fields = new Set(parsed.error.issues.map((i) => String(i.path[0])))
        const errors = [
          ...(fields.has('email') ? [c['form.error.email']] : []),
          ...(fields.has('summary') ? [c['form.error.summary']] : []),
        ]
        return reply.code(400).type('text/html; charset=utf-8').send(form(locale, errors))
      }
      const filed = await complaints.file(
        { ...parsed.data, locale, channel: 'privacy-centre' },
        publicSubject,
      )
      const done = c['form.done'](filed.reference, formatDate(new Date(filed.dueAt), locale))
      return reply
        .code(201)
        .type('text/html; charset=utf-8')
        .send(form(locale, [], done))
    },
  )
}

/** The console's list of complaints by due date. */
const complaintListPage = (
  app: AmanaServer,
  complaints: Complaints,
  frameOf: (request: FastifyRequest) => AdminFrame,
) => {
  app.get(
    '/admin/complaints',
    { schema: { hide: true }, config: { permission: 'complaints:read' } },
    async (request, reply) => {
      const list = await complaints.list({})
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderAdminComplaints({
            ...frameOf(request),
            complaints: list.map((c) => ({ ...c, dueAt: new Date(c.dueAt) })),
          }),
        )
    },
  )
}

/** The staff API: log a complaint that came another way, list, read (audited), assign, note, resolve. */
const staffComplaintRoutes = (app: AmanaServer, complaints: Complaints) => {
  app.post(
    '/v1/complaints/logged',
    {
      schema: { summary: 'Log a complaint that came by email, phone, WhatsApp or post', tags, body: LogBody },
      config: { permission: 'complaints:write' },
    },
    async (request, reply) => reply.code(201).send(await complaints.file(request.body, actorOf(request))),
  )
  app.get(
    '/v1/complaints',
    {
      schema: {
        summary: 'Complaints by due date; ?overdue=1 for the late ones',
        tags,
        querystring: ListQuery,
      },
      config: { permission: 'complaints:read' },
    },
    async (request) => ({
      complaints: await complaints.list({
        overdue: request.query.overdue === '1',
        ...(request.query.status ? { status: request.query.status } : {}),
      }),
    }),
  )
  app.get(
    '/v1/complaints/:id',
    {
      schema: { summary: 'One complaint with its text (the read is audited)', tags, params: Id },
      config: { permission: 'complaints:read' },
    },
    async (request) => {
      const found = await complaints.read(request.params.id, actorOf(request))
      if (!found) throw new AmanaError('NOT_FOUND', 'No complaint has this id.')
      return found
    },
  )
  app.patch(
    '/v1/complaints/:id',
    {
      schema: { summary: 'Assign, add a note, or resolve', tags, params: Id, body: PatchBody },
      config: { permission: 'complaints:write' },
    },
    async (request) => {
      const changed = await complaints.change(request.params.id, request.body, actorOf(request))
      if (!changed) throw new AmanaError('NOT_FOUND', 'No complaint has this id.')
      return changed
    },
  )
}

const Form = z.object({
  csrf: z.string().optional(),
  assignee: z.string().max(200).optional(),
  note: z.string().max(4000).optional(),
  resolution: z.string().max(4000).optional(),
})
const LangQuery = z.object({ lang: z.string().optional() }).loose()

/** The console's complaint page (an audited read of its text and address) and its forms: assign, note, resolve. */
const complaintConsoleRoutes = (
  app: AmanaServer,
  complaints: Complaints,
  frameOf: (request: FastifyRequest) => AdminFrame,
) => {
  app.get(
    '/admin/complaints/:id',
    { schema: { hide: true, params: Id, querystring: LangQuery }, config: { permission: 'complaints:read' } },
    async (request, reply) => {
      const c = await complaints.read(request.params.id, actorOf(request))
      if (!c) throw new AmanaError('NOT_FOUND', 'No complaint has this id.')
      const theirs = c.locale === 'ar' ? 'ar' : 'en'
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderAdminComplaintDetail({
            ...frameOf(request),
            id: c.id,
            reference: c.reference,
            channel: c.channel,
            complaintLocale: c.locale,
            status: c.status,
            overdue: c.overdue,
            day: c.day,
            receivedAt: new Date(c.receivedAt),
            dueAt: new Date(c.dueAt),
            acknowledgedAt: c.acknowledgedAt ? new Date(c.acknowledgedAt) : null,
            assignee: c.assignee,
            summary: c.summary,
            email: c.email,
            resolution: c.resolution,
            escalation: complaints.escalation(theirs),
            timeline: c.timeline.map((e) => ({ at: new Date(e.at), actor: e.actor, note: e.note })),
            canManage: request.principal?.permissions.has('complaints:write') ?? false,
          }),
        )
    },
  )
  const manage = {
    schema: { hide: true, params: Id, body: Form, querystring: LangQuery },
    config: { permission: 'complaints:write' as const },
  }
  const change = async (
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    what: { assignee?: string; note?: string; resolution?: string },
  ) => {
    const field = Object.entries(what).find(([, v]) => !v?.trim())?.[0]
    if (field)
      throw new AmanaError('VALIDATION_FAILED', `${field}: write it before sending the form`, [
        { field, message: 'required' },
      ])
    if (!(await complaints.change(id, what, actorOf(request))))
      throw new AmanaError('NOT_FOUND', 'No complaint has this id.')
    return reply.redirect(`/admin/complaints/${id}?lang=${frameOf(request).locale}`, 303)
  }
  app.post('/admin/complaints/:id/assign', manage, (request, reply) =>
    change(request.params.id, request, reply, { assignee: request.body.assignee ?? '' }),
  )
  app.post('/admin/complaints/:id/notes', manage, (request, reply) =>
    change(request.params.id, request, reply, { note: request.body.note ?? '' }),
  )
  app.post('/admin/complaints/:id/resolve', manage, (request, reply) =>
    change(request.params.id, request, reply, { resolution: request.body.resolution ?? '' }),
  )
}
