import { randomUUID } from 'node:crypto'
import type { AuditLedger } from '../audit/index.ts'
import { openConnectors } from '../connectors/index.ts'
import { ownRecordsRuns } from '../own-records/index.ts'
import type { PdfRenderer } from '../platform/pdf/index.ts'
import { planFromManifest, type RequestsService } from '../requests/index.ts'
import {
  createRetention,
  type FreezeSource,
  type FrozenSubject,
  type RetentionMailPort,
  type RetentionService,
  type RetentionVaultPort,
  retentionRoutes,
  retentionSweepJob,
  type ShopSystemsPort,
} from '../retention/index.ts'
import type { AppContext } from './app-context.ts'

/**
 * Retention as the app assembles it: the shop's systems from the manifest's dataset plan (none
 * when a connection variable is unset: sweeps then report "no-systems"), the ledger, subject
 * freezes, and a queue that sweeps an immediate rule's targets as a job.
 */
export const createRetentionService = (
  ctx: Pick<AppContext, 'config' | 'database' | 'logger' | 'jobs' | 'manifest' | 'now'>,
  audit: Pick<AuditLedger, 'append' | 'hasEntry'>,
  env: Readonly<Record<string, string | undefined>>,
  requests: Pick<RequestsService, 'store' | 'verifiedIdentifiers'>,
  mail?: RetentionMailPort,
  vault?: RetentionVaultPort,
): RetentionService => {
  const planned = planFromManifest(ctx.manifest.manifest, env)
  const shop: ShopSystemsPort | undefined = planned.ok
    ? {
        plan: planned.plan,
        open: (plan) =>
          openConnectors(plan, {
            newId: randomUUID,
            now: ctx.now,
            connectTimeoutMs: ctx.config.dbConnectTimeoutMs,
          }),
      }
    : undefined
  const jobs = ctx.jobs
  return createRetention(
    {
      db: ctx.database.db,
      manifest: ctx.manifest.manifest,
      shop,
      audit: {
        append: (event) =>
          audit
            .append({
              actor: event.actor,
              action: event.action,
              ...(event.target ? { target: event.target } : {}),
              ...(event.details ? { details: JSON.parse(JSON.stringify(event.details)) } : {}),
            })
            .then(() => {}),
        hasEntry: (q) => audit.hasEntry(q),
      },
      // subject_freeze covers incidents and complaints; open requests are read from the requests feature.
      freezes: openRequestFreezes(requests),
      logger: ctx.logger,
      now: ctx.now,
      newId: randomUUID,
      batchSize: ctx.config.retention.batchSize,
      ...(mail ? { mail } : {}),
      ...(vault ? { vault } : {}),
    },
    jobs
      ? async (only) => {
          await jobs.send(retentionSweepJob, { trigger: 'event', only: [...only] })
        }
      : undefined,
  )
}

/** At most this many open requests freeze their subjects in one sweep (the oldest due first). */
const OPEN_REQUESTS_READ = 10_000

/**
 * Every open request whose requester has proven who they are freezes that person's rows: a sweep
 * must not delete what an access request is about to export, or race an erasure's own plan. A
 * request not yet verified freezes nothing, so filing one for someone else cannot pause deletion.
 */
export const openRequestFreezes = (
  requests: Pick<RequestsService, 'store' | 'verifiedIdentifiers'>,
): FreezeSource => ({
  async frozenSubjects() {
    const frozen: FrozenSubject[] = []
    for (const row of await requests.store.listOpen(OPEN_REQUESTS_READ)) {
      if (!row.verified_at) continue
      const identifiers = await requests.verifiedIdentifiers(row)
      if (identifiers.length > 0) frozen.push({ identifiers, reason: 'request' })
    }
    return frozen
  },
})

/** Retention's routes and console page, which also shows the passes over Amana's own records. */
export const retentionRoutesOf = (
  ctx: Pick<AppContext, 'database' | 'jobs'>,
  retention: RetentionService,
  consoleFrame: Parameters<typeof retentionRoutes>[0]['consoleFrame'],
  pdf: PdfRenderer,
) =>
  retentionRoutes({
    retention,
    jobs: ctx.jobs,
    consoleFrame,
    pdf,
    ownRecords: { runs: (limit) => ownRecordsRuns(ctx.database, limit) },
  })
