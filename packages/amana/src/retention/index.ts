export { type RetentionLiveFinding, retentionFindings, retentionLiveFindings } from './check.ts'
export { type EventType, eventTypes, resolveEvent } from './domain/events.ts'
export {
  dueBefore,
  effectiveKeep,
  isSubjectEvent,
  type RetentionTarget,
  retentionTargets,
  subtractDuration,
} from './domain/plan.ts'
export { type PlanLine, planRetention } from './dry-run.ts'
export { type EventTimesQuery, eventClockReader } from './event-clock.ts'
export { identifiersOfRef } from './freezes.ts'
export { registerRetentionJobs, retentionSweepJob } from './jobs.ts'
export type {
  FreezeSource,
  FrozenSubject,
  RetentionAuditPort,
  RetentionDeps,
  RetentionMailPort,
  RetentionVaultPort,
  ShopSystemsPort,
} from './ports.ts'
export { createRetention, type RetentionService, type SweepQueue } from './retention-service.ts'
export { retentionRoutes } from './routes.ts'
export type { RetentionTables } from './schema.ts'
export { retentionStore } from './store.ts'
export { runSweep, type SweepReport } from './sweep.ts'
