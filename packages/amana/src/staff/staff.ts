import cookie from '@fastify/cookie'
import type { AmanaServer } from '../platform/http/index.ts'
import { createStaffAccess, type StaffAccess } from './access.ts'
import { staffAdminRoutes } from './admin-routes.ts'
import { staffApiRoutes } from './api-routes.ts'
import type { AuditBrowser, AuditSink } from './audit-port.ts'
import { createConsoleFrame } from './console-frame.ts'
import type { AccessPolicy } from './domain/policy.ts'
import { deriveStaffKeys } from './domain/tokens.ts'
import { createAuthenticate, createOnRefused } from './http-kit.ts'
import type { ConsoleTodayPort, RequestReferencePort, StaffMailPort, StaffPorts } from './ports.ts'

export interface StaffFeatureOptions {
  /** The audit ledger; every sign-in, role change, key change and refusal is appended to it. */
  readonly audit: AuditSink
  /** Entries and verification for the audit browser page; without it the page says the ledger is unavailable. */
  readonly auditBrowser?: AuditBrowser
  readonly policy?: AccessPolicy
  /** The demo mailbox page is registered: the console menu links to it. */
  readonly mailbox?: boolean
  /** What the overview shows from requests, consent and the audit ledger; without it, only who is signed in. */
  readonly today?: ConsoleTodayPort
  /** The mail outbox: invitations are emailed in the invitee's language. */
  readonly mail?: StaffMailPort
  /** Requests by reference, for the audit log. */
  readonly requestReferences?: RequestReferencePort
}

/**
 * Staff access for one application: the `authenticate` and `onRefused` ports for createServer, and
 * the routes plugin (`/v1/session`, `/v1/staff`, `/v1/api-keys`, `/admin/*` staff pages).
 */
export const createStaffFeature = (ctx: StaffPorts, options: StaffFeatureOptions) => {
  const keys = deriveStaffKeys(ctx.config.secrets)
  const access: StaffAccess = createStaffAccess({
    db: ctx.database.db,
    keys,
    audit: options.audit,
    now: ctx.now,
    publicUrl: ctx.config.http.publicUrl,
    issuer: `Amana (${ctx.shop.name.en})`,
    ...(options.policy ? { policy: options.policy } : {}),
  })
  const cookies = { secure: ctx.config.http.publicUrl.startsWith('https://') }
  return {
    access,
    /** The console's shell for pages other features serve (requests, consent, the demo mailbox). */
    consoleFrame: createConsoleFrame({
      shopName: ctx.shop.name,
      ...(options.mailbox ? { mailbox: true } : {}),
    }),
    /** Staff members' emails by id, for pages that name who did what (a request's history, the audit log). */
    staffNames: async (ids: readonly string[]): Promise<ReadonlyMap<string, string>> => {
      const wanted = new Set(ids)
      return new Map(
        (await access.listStaff()).filter((m) => wanted.has(m.id)).map((m) => [m.id, m.email] as const),
      )
    },
    authenticate: createAuthenticate(access),
    onRefused: createOnRefused(access),
    routes: async (app: AmanaServer) => {
      // Cookies are parsed and set only here: the session and form cookies are the staff feature's.
      // Elsewhere `authenticate` reads the session cookie from the header itself, and API routes
      // skip the cookie plugin's two hooks on every request.
      await app.register(cookie)
      await app.register(staffApiRoutes(access, cookies))
      await app.register(
        staffAdminRoutes({
          access,
          keys,
          cookies,
          shopName: ctx.shop.name,
          ...(options.mailbox ? { mailbox: true } : {}),
          ...(options.auditBrowser ? { auditBrowser: options.auditBrowser } : {}),
          ...(options.today ? { today: options.today } : {}),
          ...(options.mail ? { mail: options.mail } : {}),
          ...(options.requestReferences ? { requestReferences: options.requestReferences } : {}),
          now: ctx.now,
        }),
      )
    },
  }
}

export type StaffFeature = ReturnType<typeof createStaffFeature>
