import { z } from 'zod'
import { defineJob, type JobEngine } from '../platform/jobs/index.ts'
import type { Logger } from '../platform/logging/index.ts'
import type { Vault } from './vault.ts'

/** Re-wraps data keys under the active master key, a slice at a time; re-queues itself until done. */
export const rotateKeysJob = defineJob({
  name: 'vault.rotate-keys',
  version: 1,
  payload: z.object({
    batchSize: z.number().int().min(1).max(10_000).default(500),
    batchesPerSlice: z.number().int().min(1).default(20),
  }),
  retryLimit: 5,
  retryDelaySeconds: 5,
})

export const registerVaultJobs = (jobs: JobEngine, vault: Vault, logger: Logger): void => {
  jobs.register(rotateKeysJob, async ({ batchSize, batchesPerSlice }) => {
    // Resumable: progress lives in the key store, so a slice interrupted by a crash repeats at most one batch.
    const outcome = await vault.rotateKeys({ batchSize, maxBatches: batchesPerSlice })
    logger.info(
      { rewrapped: outcome.rewrapped, unavailable: outcome.unavailable, finished: outcome.finished },
      'key rotation slice',
    )
    if (!outcome.finished) await jobs.send(rotateKeysJob, { batchSize, batchesPerSlice })
  })
}
