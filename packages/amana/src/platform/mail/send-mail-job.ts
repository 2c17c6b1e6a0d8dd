import { z } from 'zod'
import { defineJob } from '../jobs/index.ts'

/**
 * Delivers one outbox message; retried with backoff until the SMTP server accepts it. The first retry
 * comes 5–10 s after a failure (or after a dead worker's job is failed by its heartbeat), so a
 * verification code still arrives within a minute; eight retries doubling from there keep trying for
 * 20–40 minutes in all (six from 30 s tried for 30–60).
 */
export const sendMailJob = defineJob({
  name: 'mail.send',
  version: 1,
  payload: z.object({ outboxId: z.uuid() }),
  retryLimit: 8,
  retryDelaySeconds: 5,
})
