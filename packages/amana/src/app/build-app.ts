import { complaintsRoutes } from '../complaints/index.ts'
import { consentRoutes } from '../consent/index.ts'
import { mailboxRoutes } from '../demo/index.ts'
import { disclosureCounts, disclosuresRoutes } from '../disclosures/index.ts'
import { incidentsRoutes } from '../incidents/index.ts'
import { type AmanaServer, createServer } from '../platform/http/index.ts'
import { createPdfRenderer } from '../platform/pdf/index.ts'
import { manifestConsoleRoutes, policyConsoleRoutes, policyRoutes } from '../policy/index.ts'
import { recordsRoutes } from '../records/index.ts'
import { requestsRoutes } from '../requests/index.ts'
import { errorPageFor, preferenceLinkRoutes, siteRoutes } from '../site/index.ts'
import { createLedgerAuditBrowser, createLedgerAuditSink, createStaffFeature } from '../staff/index.ts'
import { systemRoutes } from '../system/index.ts'
import { vaultRoutes } from '../vault/index.ts'
import type { AppContext } from './app-context.ts'
import { createConsoleToday, createRequestReferences } from './console-today.ts'
import { createPreferenceLinkSender } from './preference-link.ts'
import { requestEvidenceDeps } from './request-evidence.ts'
import { retentionRoutesOf } from './retention-services.ts'
import type { Services } from './services.ts'

/** Assembles the HTTP application: the platform shell plus every feature's routes. */
export const buildApp = async (ctx: AppContext, services: Services): Promise<AmanaServer> => {
  // Staff access records sign-ins, role and key changes and refusals in the audit ledger.
  const auditBrowser = createLedgerAuditBrowser(ctx.database.db, services.audit)
  const staff = createStaffFeature(ctx, {
    audit: createLedgerAuditSink(services.audit),
    auditBrowser,
    mailbox: ctx.config.mail.mailboxDir !== undefined,
    today: createConsoleToday(ctx, services, auditBrowser),
    mail: services.consent.mailer,
    requestReferences: createRequestReferences(services),
  })
  const app = await createServer({
    logger: ctx.logger,
    bodyLimit: ctx.config.http.bodyLimit,
    trustProxy: ctx.config.http.trustProxy,
    publicUrl: ctx.config.http.publicUrl,
    version: ctx.version,
    authenticate: staff.authenticate,
    onRefused: staff.onRefused,
    errorPage: errorPageFor(ctx),
  })
  await app.register(systemRoutes(ctx))
  await app.register(siteRoutes(ctx))
  await app.register(preferenceLinkRoutes(ctx, createPreferenceLinkSender(ctx, services)))
  await app.register(staff.routes)
  await app.register(policyRoutes(ctx))
  // The console's policy versions, manifest, processors and transfers pages (issue 18).
  await app.register(
    policyConsoleRoutes(ctx, {
      consoleFrame: staff.consoleFrame,
      audit: { append: (event) => services.audit.append({ ...event, details: { ...event.details } }) },
    }),
  )
  await app.register(
    manifestConsoleRoutes(ctx, {
      consoleFrame: staff.consoleFrame,
      findings: ctx.manifest.findings,
      disclosures: { countsSince: disclosureCounts(ctx.database.db) },
    }),
  )
  await app.register(consentRoutes(ctx, { consent: services.consent, consoleFrame: staff.consoleFrame }))
  await app.register(
    requestsRoutes(ctx, {
      requests: services.requests,
      consoleFrame: staff.consoleFrame,
      staffNames: staff.staffNames,
    }),
  )
  await app.register(vaultRoutes({ vault: services.vault, audit: services.audit }))
  // Every PDF export is printed by one Chromium, started on first use and closed with the server.
  const pdf = createPdfRenderer({ chromiumPath: ctx.config.pdf.chromiumPath })
  app.addHook('onClose', () => pdf.close())
  await app.register(retentionRoutesOf(ctx, services.retention, staff.consoleFrame, pdf))
  await app.register(
    incidentsRoutes({ incidents: services.incidents, consoleFrame: staff.consoleFrame, pdf }),
  )
  await app.register(
    complaintsRoutes(ctx, { complaints: services.complaints, consoleFrame: staff.consoleFrame }),
  )
  await app.register(recordsRoutes(ctx, requestEvidenceDeps(services), pdf))
  await app.register(disclosuresRoutes(ctx, { audit: services.audit }))
  // Demo mode without SMTP: the mail Amana sends is caught in a mailbox staff can read.
  if (ctx.config.mail.mailboxDir)
    await app.register(
      mailboxRoutes({
        dir: ctx.config.mail.mailboxDir,
        shopName: ctx.shop.name,
        consoleFrame: staff.consoleFrame,
      }),
    )
  await app.ready()
  return app
}
