import type { JobEngine } from '../platform/jobs/index.ts'
import type { AppContext } from './app-context.ts'

/** Registers every feature's job handlers with the engine; features add theirs here. */
export const registerJobHandlers = (_ctx: AppContext, _jobs: JobEngine): void => {}
