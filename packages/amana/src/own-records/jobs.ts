import { z } from 'zod'
import { defineJob, type JobEngine, type PeriodicCheck, periodicCheck } from '../platform/jobs/index.ts'
import type { OwnRecordsDeps } from './ports.ts'
import { LAST_RUN_SETTING, sweepOwnRecords } from './sweep.ts'

/** One pass over Amana's own records (sent mail, codes, request and consent records). */
export const ownRecordsSweepJob = defineJob({
  name: 'retention.own-records',
  version: 1,
  payload: z.object({ trigger: z.string().min(1) }),
  retryLimit: 10,
  retryDelaySeconds: 5,
})

/** Whether the last pass is `everyHours` old (or there was none). Pure. */
export const isOwnSweepDue = (lastRun: unknown, now: Date, everyHours: number): boolean =>
  typeof lastRun !== 'string' || now.getTime() - Date.parse(lastRun) >= everyHours * 3_600_000

/**
 * The worker side: the handler, and a timer (every minute) that queues a pass when the last one is
 * `everyHours` old — the same schedule as retention's sweep (AMANA_RETENTION_SWEEP_HOURS). Several
 * workers may queue one; a pass that finds nothing due changes nothing. None is queued while
 * retention is paused.
 */
export const registerOwnRecordsJobs = (
  jobs: JobEngine,
  deps: OwnRecordsDeps,
  options: { everyHours: number; checkIntervalMs?: number },
): PeriodicCheck => {
  jobs.register(ownRecordsSweepJob, async ({ trigger }) => {
    await sweepOwnRecords(deps, trigger)
  })
  const check = async () => {
    try {
      if (await deps.retention.paused()) return
      const last = await deps.retention.setting(LAST_RUN_SETTING)
      if (isOwnSweepDue(last, deps.now(), options.everyHours))
        await jobs.send(ownRecordsSweepJob, { trigger: 'schedule' })
    } catch (err) {
      deps.logger.error({ err }, 'could not queue the own-records sweep')
    }
  }
  return periodicCheck(check, options.checkIntervalMs ?? 60_000)
}
