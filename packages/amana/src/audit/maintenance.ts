import type { Logger } from '../platform/logging/index.ts'
import type { AuditLedger } from './ledger.ts'

export const DEFAULT_AUDIT_RETENTION_MONTHS = 12

/**
 * One maintenance pass: sign a checkpoint over the entries since the last one, then prune entries
 * older than the retention (the chain stays verifiable from the newest checkpoint before the cut).
 */
export const maintainLedger = async (
  ledger: Pick<AuditLedger, 'checkpoint' | 'prune'>,
  retentionMonths: number,
) => {
  // A checkpoint that could not be anchored is still in the database: pruning goes ahead, then the
  // failure is reported (and the next pass anchors again).
  const signed = await ledger.checkpoint().then(
    (checkpoint) => ({ checkpoint, error: undefined }),
    (error: unknown) => ({ checkpoint: undefined, error }),
  )
  const pruned = await ledger.prune({ retentionMonths })
  if (signed.error !== undefined) throw signed.error
  return { checkpointSeq: signed.checkpoint?.seq, pruned: pruned.deleted, anchorSeq: pruned.anchorSeq }
}

/**
 * Runs maintenance in the worker at once — so a fresh start signs and anchors a checkpoint without
 * waiting an hour — then every `intervalMs` (default hourly); failures are logged and retried next time.
 */
export const startLedgerMaintenance = (
  ledger: Pick<AuditLedger, 'checkpoint' | 'prune'>,
  options: { retentionMonths?: number; intervalMs?: number; logger: Logger },
): { stop(): void; readonly firstRun: Promise<void> } => {
  const months = options.retentionMonths ?? DEFAULT_AUDIT_RETENTION_MONTHS
  let stopped = false
  const run = () =>
    maintainLedger(ledger, months).then(
      (outcome) => options.logger.debug(outcome, 'audit ledger maintained'),
      // A pass cut short by shutdown (database closing) is not a failure worth reporting.
      (err: unknown) => {
        if (!stopped) options.logger.error({ err }, 'audit ledger maintenance failed')
      },
    )
  const firstRun = run()
  const timer = setInterval(run, options.intervalMs ?? 3_600_000)
  timer.unref()
  return {
    firstRun,
    stop: () => {
      stopped = true
      clearInterval(timer)
    },
  }
}
