import { randomUUID } from 'node:crypto'
import { executionContext } from './execution/context.ts'
import { runRequest } from './execution/run.ts'
import { stepsOf } from './execution/steps.ts'
import type { RequestsService } from './requests-service.ts'

export { purposesFor } from './execution/purposes.ts'
export type { RunOutcome } from './execution/run.ts'
export { type StepName, stepsFor } from './execution/step-names.ts'

/**
 * Runs a request's steps under a lease, persisting each step's outcome before the next starts. A
 * worker that dies leaves the lease to expire; the next worker skips the steps marked done. The
 * steps are use cases of their own in execution/ (disclosure, erasure, the rest), the loop in
 * execution/run.ts.
 */
export const createExecutor = (service: RequestsService, workerId: string = randomUUID()) => {
  const ctx = executionContext(service, workerId)
  const steps = stepsOf(ctx)
  return {
    workerId,
    /**
     * Runs what is left of a request. Throws only for a retryable failure (the job retries with
     * backoff). Each run holds the lease under an owner of its own: two runs of one request in this
     * worker (its job retried while the sweep re-queues it) would otherwise both pass the lease as
     * its owner, and the later one would run a step the earlier one has under way a second time.
     */
    run: (id: string) => runRequest({ ...ctx, workerId: `${workerId}/${randomUUID()}` }, steps, id),
  }
}

export type Executor = ReturnType<typeof createExecutor>
