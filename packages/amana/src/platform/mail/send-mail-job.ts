import { z } from 'zod'
import { defineJob } from '../jobs/index.ts'

/** Delivers one outbox message; retried with backoff until the SMTP server accepts it. */
export const sendMailJob = defineJob({
  name: 'mail.send',
  version: 1,
  payload: z.object({ outboxId: z.uuid() }),
  retryLimit: 6,
  retryDelaySeconds: 30,
})
