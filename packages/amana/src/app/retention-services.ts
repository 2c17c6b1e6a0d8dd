import { randomUUID } from 'node:crypto'
import type { AuditLedger } from '../audit/index.ts'
import { openConnectors } from '../connectors/index.ts'
import { planFromManifest } from '../requests/index.ts'
import {
  createRetention,
  type RetentionService,
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
  audit: Pick<AuditLedger, 'append'>,
  env: Readonly<Record<string, string | undefined>>,
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
      },
      // Open requests and holds join here when the requests feature exposes them (subject_freeze covers the rest).
      freezes: { frozenSubjects: async () => [] },
      logger: ctx.logger,
      now: ctx.now,
      newId: randomUUID,
      batchSize: ctx.config.retention.batchSize,
    },
    jobs
      ? async (only) => {
          await jobs.send(retentionSweepJob, { trigger: 'event', only: [...only] })
        }
      : undefined,
  )
}
