import { registerConsentJobs } from '../consent/index.ts'
import type { JobEngine } from '../platform/jobs/index.ts'
import type { AppContext } from './app-context.ts'
import type { Services } from './services.ts'

/** Registers every feature's job handlers with the engine. */
export const registerJobHandlers = (ctx: AppContext, jobs: JobEngine, services: Services): void => {
  registerConsentJobs(ctx, jobs, services.consent)
}
