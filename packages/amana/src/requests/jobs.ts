import { z } from 'zod'
import { defineJob, type JobEngine, periodicCheck } from '../platform/jobs/index.ts'
import { createExecutor } from './execute-request.ts'
import type { RequestsService } from './requests-service.ts'
import { sweepRequests } from './sweep.ts'

/** Runs (or resumes) one request; retried with doubling backoff when a shop system is down. */
export const executeRequestJob = defineJob({
  name: 'requests.execute',
  version: 1,
  payload: z.object({ requestId: z.uuid() }),
  retryLimit: 6,
  retryDelaySeconds: 5,
})

/**
 * The worker side: the execution handler, and a sweep (at once, then every `sweepIntervalMs`) that
 * resumes requests whose worker died, sends deadline reminders and flags overdue requests.
 * Call `stop()` at shutdown.
 */
export const registerRequestJobs = (
  jobs: JobEngine,
  requests: RequestsService,
  options: { sweepIntervalMs?: number; workerId?: string } = {},
): { stop(): void; sweep(): Promise<unknown> } => {
  const executor = createExecutor(requests, options.workerId)
  jobs.register(executeRequestJob, async ({ requestId }) => {
    await executor.run(requestId)
  })
  let running: Promise<unknown> | undefined
  const sweep = () => {
    running ??= sweepRequests(requests, requests.deps.now())
      .catch((error: unknown) => requests.deps.logger.error({ err: error }, 'requests sweep failed'))
      .finally(() => {
        running = undefined
      })
    return running
  }
  const schedule = periodicCheck(async () => void (await sweep()), options.sweepIntervalMs ?? 60_000, 0)
  return { sweep, stop: schedule.stop }
}
