import type { JobEngine } from '../platform/jobs/index.ts'
import { registerMailJobs } from '../platform/mail/index.ts'
import type { ConsentService } from './consent-service.ts'
import type { ConsentPorts } from './ports.ts'

/** The worker side of consent: outbox delivery, with decide() and the suppression list checked at send time. */
export const registerConsentJobs = (
  ctx: Pick<ConsentPorts, 'now'>,
  jobs: JobEngine,
  consent: ConsentService,
): void => {
  registerMailJobs(jobs, consent.mailer, ctx.now)
}
