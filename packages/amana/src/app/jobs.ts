import { startLedgerMaintenance } from '../audit/index.ts'
import { registerConsentJobs } from '../consent/index.ts'
import { registerIncidentJobs } from '../incidents/index.ts'
import { registerOwnRecordsJobs } from '../own-records/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import { registerRequestJobs } from '../requests/index.ts'
import { registerRetentionJobs } from '../retention/index.ts'
import { registerVaultJobs, rotateKeysJob } from '../vault/index.ts'
import type { AppContext } from './app-context.ts'
import { ownRecordsDeps } from './own-records-deps.ts'
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
  registerVaultJobs(jobs, services.vault, ctx.logger)
  // Retention: the full sweep every AMANA_RETENTION_SWEEP_HOURS, and sweeps queued by events.
  const retentionWorker = registerRetentionJobs(jobs, services.retention, {
    sweepHours: ctx.config.retention.sweepHours,
  })
  // Amana's own records (sent mail, codes, request and consent records) on the same schedule.
  const ownRecords = registerOwnRecordsJobs(jobs, ownRecordsDeps(services), {
    everyHours: ctx.config.retention.sweepHours,
  })
  // With previous master keys configured, a rotation to the current one runs in the background;
  // both stay readable until it ends (see docs/security.md, "Key rotation").
  if (ctx.config.secrets.previousMasterKeys.length > 0)
    void jobs
      .send(rotateKeysJob, { batchSize: 500, batchesPerSlice: 20 })
      .catch((err: unknown) => ctx.logger.error({ err }, 'could not queue key rotation'))
  // The ledger is checkpointed (and anchored) at start and hourly, and pruned to the manifest's audit
  // retention (12 months by default).
  const retentionMonths = ctx.manifest.manifest.commitments?.auditRetentionMonths
  const ledger = startLedgerMaintenance(services.audit, {
    logger: ctx.logger,
    ...(retentionMonths ? { retentionMonths } : {}),
  })
  // Incident clocks: the response team is mailed at half-time and with a fifth of each clock left, by
  // jobs the register schedules for those moments.
  registerIncidentJobs(jobs, services.incidents, services.consent.mailer, ctx.now)
  return {
    stop: () => {
      requestWorker.stop()
      retentionWorker.stop()
      ownRecords.stop()
      ledger.stop()
    },
  }
}
