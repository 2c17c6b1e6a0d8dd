import { type AdminFrame, renderAdminAudit } from '@amana/web'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { toCsv } from '../platform/csv/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import type { StaffAccess } from './access.ts'
import type { AuditBrowser, AuditFilter, AuditListEntry } from './audit-port.ts'
import { callContext } from './http-kit.ts'
import type { RequestReferencePort } from './ports.ts'

const AuditQuery = z
  .object({
    lang: z.enum(['en', 'ar']).optional(),
    actor: z.string().max(320).optional(),
    action: z.string().max(200).optional(),
    subject: z.string().max(200).optional(),
    from: z.string().max(10).optional(),
    to: z.string().max(10).optional(),
    before: z
      .string()
      .regex(/^\d{1,19}$/)
      .optional(),
  })
  .loose()
type AuditQuery = z.infer<typeof AuditQuery>

const PAGE = 50
const EXPORT_LIMIT = 10_000
const REFERENCE = /^DSR-[0-9A-Z]{4}-[0-9A-Z]{4}$/i

const day = (value: string | undefined, end: boolean) => {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const date = new Date(`${value}T00:00:00.000Z`)
  if (Number.isNaN(date.getTime())) return undefined
  return end ? new Date(date.getTime() + 86_400_000) : date
}

/** The filters as typed, without empty ones (they go back into the form and the links). */
const typedFilters = (q: AuditQuery) => ({
  ...(q.actor ? { actor: q.actor.trim() } : {}),
  ...(q.action ? { action: q.action.trim() } : {}),
  ...(q.subject ? { subject: q.subject.trim() } : {}),
  ...(q.from ? { from: q.from } : {}),
  ...(q.to ? { to: q.to } : {}),
})

interface AuditRoutesOptions {
  readonly access: StaffAccess
  readonly frameOf: (request: FastifyRequest) => AdminFrame
  readonly browser?: AuditBrowser
  readonly references?: RequestReferencePort
}

/** What people type, as the ledger's ids: an email → staff id, a reference → request id. */
const ledgerFilter = async (
  { access, references }: AuditRoutesOptions,
  q: AuditQuery,
): Promise<Omit<AuditFilter, 'limit'>> => {
  const f = typedFilters(q)
  let actor = f.actor
  if (actor?.includes('@')) {
    const member = (await access.listStaff()).find((m) => m.email === actor?.toLowerCase())
    actor = `staff:${member?.id ?? '00000000-0000-0000-0000-000000000000'}`
  }
  let subject = f.subject
  if (subject && REFERENCE.test(subject)) subject = (await references?.idOf(subject.toUpperCase())) ?? subject
  const from = day(f.from, false)
  const to = day(f.to, true)
  return {
    ...(actor ? { actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(subject ? { subject } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(q.before ? { beforeSeq: q.before } : {}),
  }
}

/** Entries with people's names and request references. */
const readable = async ({ access, references }: AuditRoutesOptions, entries: readonly AuditListEntry[]) => {
  const staff = new Map((await access.listStaff()).map((m) => [m.id, m.email]))
  const requestIds = [
    ...new Set(
      entries.filter((e) => e.action.startsWith('request.') && e.target).map((e) => e.target as string),
    ),
  ]
  const refs = requestIds.length > 0 && references ? await references.referencesOf(requestIds) : new Map()
  return entries.map((e) => {
    const requestId = e.action.startsWith('request.') ? e.target : null
    const reference = requestId ? refs.get(requestId) : undefined
    return {
      seq: e.seq,
      at: e.at,
      action: e.action,
      actorType: e.actorType,
      actorId: e.actorId,
      actorName: e.actorType === 'staff' ? staff.get(e.actorId) : undefined,
      subject: reference ?? e.subjectId ?? requestId ?? '',
      ...(reference && requestId ? { subjectHref: `/admin/requests/${requestId}` } : {}),
    }
  })
}

const html = (reply: FastifyReply, locale: string, body: string) =>
  reply
    .type('text/html; charset=utf-8')
    .header('content-language', locale)
    .header('cache-control', 'no-store')
    .send(body)

/** The log page: a page of entries under the filters, newest first, and the chain's verification. */
const auditPage = (app: AmanaServer, options: AuditRoutesOptions) => {
  const { browser } = options
  app.get(
    '/admin/audit',
    { schema: { hide: true, querystring: AuditQuery }, config: { permission: 'audit:read' } },
    async (request, reply) => {
      const frame = options.frameOf(request)
      const filters = typedFilters(request.query)
      if (!browser)
        return html(
          reply,
          frame.locale,
          renderAdminAudit({ ...frame, filters, entries: [], verification: { kind: 'unavailable' } }),
        )
      const [entries, verified] = await Promise.all([
        ledgerFilter(options, request.query).then((f) => browser.list({ ...f, limit: PAGE })),
        browser.verify(),
      ])
      const last = entries.at(-1)
      const olderQuery =
        entries.length === PAGE && last
          ? new URLSearchParams({ ...filters, lang: frame.locale, before: last.seq }).toString()
          : undefined
      return html(
        reply,
        frame.locale,
        renderAdminAudit({
          ...frame,
          filters,
          entries: await readable(options, entries),
          ...(olderQuery ? { olderQuery } : {}),
          exportQuery: new URLSearchParams({ ...filters }).toString(),
          verification: verified.ok
            ? { kind: 'verified', entries: verified.entries }
            : { kind: 'broken', problem: verified.problem },
        }),
      )
    },
  )
}

/** The same entries as CSV; the download is itself recorded in the log. */
const auditExport = (app: AmanaServer, options: AuditRoutesOptions) => {
  const { access, browser } = options
  app.get(
    '/admin/audit/export.csv',
    { schema: { hide: true, querystring: AuditQuery }, config: { permission: 'audit:read' } },
    async (request, reply) => {
      const filter = await ledgerFilter(options, request.query)
      const entries = browser ? await browser.list({ ...filter, limit: EXPORT_LIMIT }) : []
      const rows = (await readable(options, entries)).map((e) => ({
        seq: e.seq,
        at: e.at,
        actor: e.actorName ?? `${e.actorType}:${e.actorId}`,
        action: e.action,
        subject: e.subject,
      }))
      // A staff member from the console, or the shop's backend with an audit:read key.
      await access.recordAuditExport(
        {
          type: request.principal?.kind === 'api-key' ? 'api-key' : 'staff',
          id: request.principal?.id ?? 'unknown',
        },
        // Which filters were used, never their values (an email may be one).
        { rows: rows.length, filters: Object.keys(typedFilters(request.query)).join(',') },
        callContext(request),
      )
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="amana-audit.csv"')
        .header('cache-control', 'no-store')
        .send(toCsv(rows, { columns: ['seq', 'at', 'actor', 'action', 'subject'], bom: true }))
    },
  )
}

/**
 * The audit log for people: actors by name (a staff member's email), requests by reference, filters
 * by a staff email, the start of an action, a request reference or subject id, and dates; the same
 * entries as CSV, whose download is itself recorded in the log.
 */
export const auditRoutes = (options: AuditRoutesOptions) => async (app: AmanaServer) => {
  auditPage(app, options)
  auditExport(app, options)
}
