import type { AdminToday, RequestStatusId } from '@amana/web'
import { labelledConsentRates } from '../consent/index.ts'
import { openRequestsToday } from '../requests/index.ts'
import type { AuditBrowser, ConsoleTodayPort, RequestReferencePort } from '../staff/index.ts'
import type { AppContext } from './app-context.ts'
import type { Services } from './services.ts'

const DAY = 86_400_000
const HOUR = 3_600_000

type TodayServices = Pick<Services, 'requests' | 'retention' | 'incidents' | 'complaints'>

/** Retention at a glance: the pause switch, when the next full sweep is queued, what falls due. */
const retentionToday = async (
  ctx: AppContext,
  retention: TodayServices['retention'],
): Promise<NonNullable<AdminToday['retention']>> => {
  const [paused, lines, runs] = await Promise.all([retention.paused(), retention.plan(), retention.runs(1)])
  const last = runs[0]
  const sum = (h: 'today' | 'week' | 'month') => lines.reduce((n, l) => n + (l.error ? 0 : l.due[h]), 0)
  return {
    paused,
    // The worker queues the full sweep once the last one started sweepHours ago (retention/jobs.ts).
    ...(last
      ? { nextSweep: new Date(last.startedAt.getTime() + ctx.config.retention.sweepHours * HOUR) }
      : {}),
    due: { today: sum('today'), week: sum('week'), month: sum('month') },
    failed: new Set(lines.filter((l) => l.error).map((l) => l.target)).size,
  }
}

/** Open incidents with each authority's clock, the one closest to its deadline first. */
const incidentsToday = async (
  incidents: TodayServices['incidents'],
  locale: 'en' | 'ar',
): Promise<NonNullable<AdminToday['incidents']>> => {
  const soonest = (clocks: readonly { remainingSeconds: number | null }[]) =>
    Math.min(...clocks.map((c) => c.remainingSeconds ?? Number.POSITIVE_INFINITY))
  return (await incidents.list())
    .filter((i) => i.status !== 'closed')
    .map((i) => ({
      id: i.id,
      reference: i.reference,
      status: i.status as 'investigating' | 'contained',
      clocks: i.clocks
        .filter((c) => c.audience === 'regulator')
        .map((c) => ({ authority: c.authority[locale], remainingSeconds: c.remainingSeconds })),
    }))
    .sort((a, b) => soonest(a.clocks) - soonest(b.clocks))
}

/** Open complaints: overdue first, then by due date. */
const complaintsToday = async (
  complaints: TodayServices['complaints'],
): Promise<NonNullable<AdminToday['complaints']>> =>
  (await complaints.list({}))
    .filter((c) => c.resolvedAt === null)
    .map((c) => ({ reference: c.reference, dueAt: new Date(c.dueAt), overdue: c.overdue }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.getTime() - b.dueAt.getTime())

/** The console overview's parts, each only for a member whose role opens the page it summarises. */
export const createConsoleToday = (
  ctx: AppContext,
  services: TodayServices,
  auditBrowser: AuditBrowser,
): ConsoleTodayPort => ({
  today: async ({ locale, permissions, now }) => {
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
    const from = new Date(today.getTime() - 29 * DAY)
    const [requests, consent, audit, retention, incidents, complaints] = await Promise.all([
      permissions.has('requests:read') ? openRequestsToday(services.requests, now) : undefined,
      permissions.has('admin:console')
        ? labelledConsentRates(ctx, locale, { from, toExclusive: new Date(today.getTime() + DAY) })
        : undefined,
      permissions.has('audit:read')
        ? Promise.all([auditBrowser.verify(), auditBrowser.lastCheckpoint()])
        : undefined,
      permissions.has('retention:read') ? retentionToday(ctx, services.retention) : undefined,
      permissions.has('incidents:read') ? incidentsToday(services.incidents, locale) : undefined,
      permissions.has('complaints:read') ? complaintsToday(services.complaints) : undefined,
    ])
    const view: AdminToday = {
      ...(requests ? { requests: requests.map((r) => ({ ...r, status: r.status as RequestStatusId })) } : {}),
      ...(consent
        ? {
            consent: {
              from: from.toISOString().slice(0, 10),
              to: today.toISOString().slice(0, 10),
              series: consent,
            },
          }
        : {}),
      ...(audit
        ? {
            audit: {
              verification: audit[0].ok ? { ok: true, entries: audit[0].entries } : { ok: false },
              ...(audit[1] ? { lastCheckpoint: audit[1] } : {}),
            },
          }
        : {}),
      ...(retention ? { retention } : {}),
      ...(incidents ? { incidents } : {}),
      ...(complaints ? { complaints } : {}),
    }
    return view
  },
})

/** Requests by reference for the audit log (its entries hold request ids). */
export const createRequestReferences = (services: Pick<Services, 'requests'>): RequestReferencePort => ({
  referencesOf: async (ids) => {
    const rows = await Promise.all(ids.map((id) => services.requests.store.byId(id)))
    return new Map(rows.flatMap((r) => (r ? [[r.id, r.reference] as const] : [])))
  },
  idOf: async (reference) => (await services.requests.store.byReference(reference))?.id,
})
