import type { AppContext } from '../app/app-context.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import { registerMailJobs } from '../platform/mail/index.ts'
import type { ConsentService } from './consent-service.ts'

/** The worker side of consent: outbox delivery, with decide() and the suppression list checked at send time. */
export const registerConsentJobs = (ctx: AppContext, jobs: JobEngine, consent: ConsentService): void => {
  registerMailJobs(jobs, consent.mailer, ctx.now)
}
