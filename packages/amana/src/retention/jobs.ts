import { z } from 'zod'
import { defineJob, type JobEngine, type PeriodicCheck, periodicCheck } from '../platform/jobs/index.ts'
import { listExpiredHolds } from '../requests/index.ts'
import { finishExpiredHolds, holdExpiryJob } from './hold-expiry.ts'
import type { RetentionService } from './retention-service.ts'

/** A sweep: all rules (the daily one) or only `only` (an event's immediate rule). */
export const retentionSweepJob = defineJob({
  name: 'retention.sweep',
  version: 1,
  payload: z.object({ trigger: z.string().min(1), only: z.array(z.string().min(1)).optional() }),
  retryLimit: 10,
  retryDelaySeconds: 5,
})

/**
 * The worker side: the sweep handler, and a timer that queues the full sweep when the last one
 * started more than `sweepHours` ago, or when a sweep was left unfinished and no worker holds its
 * lease (checked every minute; several workers may queue one, the lease lets one run and the
 * others see it done). A targeted sweep that finds another running is
 * retried, so an immediate rule still runs within a minute or so.
 */
export const registerRetentionJobs = (
  jobs: JobEngine,
  retention: RetentionService,
  options: { sweepHours: number; checkIntervalMs?: number },
): PeriodicCheck => {
  jobs.register(retentionSweepJob, async ({ trigger, only }) => {
    const report = await retention.sweep({ trigger, ...(only ? { only } : {}) })
    if (report.status === 'busy' && only) throw new Error('another retention sweep is running; retried')
    if (report.status === 'interrupted')
      throw new Error(`retention sweep interrupted, resumed on retry: ${report.error ?? 'unknown'}`)
  })
  // Holds whose period has ended: their kept fields are erased (not while retention is paused).
  jobs.register(holdExpiryJob, async () => {
    if (await retention.paused()) return
    await finishExpiredHolds(retention.deps)
  })
  const check = async () => {
    try {
      const [last] = await retention.runs(1)
      const now = retention.deps.now()
      const due = !last || now.getTime() - last.startedAt.getTime() >= options.sweepHours * 3_600_000
      // A sweep left unfinished (its worker was killed) is resumed once its lease has run out.
      const left = !due && (await retention.store.unfinishedRun()) && (await retention.store.leaseFree(now))
      if (due || left) await jobs.send(retentionSweepJob, { trigger: 'schedule' })
      if ((await listExpiredHolds(retention.deps.db, retention.deps.now(), 1)).length > 0)
        await jobs.send(holdExpiryJob, {})
    } catch (err) {
      retention.deps.logger.error({ err }, 'could not queue the retention sweep')
    }
  }
  return periodicCheck(check, options.checkIntervalMs ?? 60_000)
}
