import type { AdminToday, RequestStatusId } from '@amana/web'
import { labelledConsentRates } from '../consent/index.ts'
import { openRequestsToday } from '../requests/index.ts'
import type { AuditBrowser, ConsoleTodayPort, RequestReferencePort } from '../staff/index.ts'
import type { AppContext } from './app-context.ts'
import type { Services } from './services.ts'

const DAY = 86_400_000

/** The console overview's parts, each only for a member whose role opens the page it summarises. */
export const createConsoleToday = (
  ctx: AppContext,
  services: Pick<Services, 'requests'>,
  auditBrowser: AuditBrowser,
): ConsoleTodayPort => ({
  today: async ({ locale, permissions, now }) => {
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
    const from = new Date(today.getTime() - 29 * DAY)
    const [requests, consent, audit] = await Promise.all([
      permissions.has('requests:read') ? openRequestsToday(services.requests, now) : undefined,
      permissions.has('admin:console')
        ? labelledConsentRates(ctx, locale, { from, toExclusive: new Date(today.getTime() + DAY) })
        : undefined,
      permissions.has('audit:read')
        ? Promise.all([auditBrowser.verify(), auditBrowser.lastCheckpoint()])
        : undefined,
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
