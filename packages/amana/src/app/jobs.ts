import { startLedgerMaintenance } from '../audit/index.ts'
import { registerConsentJobs } from '../consent/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import { registerRequestJobs } from '../requests/index.ts'
import type { AppContext } from './app-context.ts'
import type { Services } from './services.ts'

/** Registers every feature's job handlers with the engine; returns what must be stopped at shutdown. */
export const registerJobHandlers = (
  ctx: AppContext,
  jobs: JobEngine,
  services: Services,
): { stop(): void } => {
  registerConsentJobs(ctx, jobs, services.consent)
  // Requests also run a periodic sweep: reminders, overdue flags, and resuming work a dead worker left.
  const requestWorker = registerRequestJobs(jobs, services.requests)
  // The ledger is checkpointed hourly and pruned to the manifest's audit retention (12 months by default).
  const retentionMonths = ctx.manifest.manifest.commitments?.auditRetentionMonths
  const ledger = startLedgerMaintenance(services.audit, {
    logger: ctx.logger,
    ...(retentionMonths ? { retentionMonths } : {}),
  })
  return {
    stop: () => {
      requestWorker.stop()
      ledger.stop()
    },
  }
}
