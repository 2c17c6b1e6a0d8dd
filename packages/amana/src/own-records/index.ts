export { ownRecordFindings } from './check.ts'
export { isOwnSweepDue, ownRecordsSweepJob, registerOwnRecordsJobs } from './jobs.ts'
export { type OwnRecordsPlanLine, planOwnRecords } from './plan.ts'
export type { OwnRecordsAuditPort, OwnRecordsDeps, RetentionSwitchPort } from './ports.ts'
export type { OwnRecordsTables } from './schema.ts'
export {
  type OwnRecordsCounts,
  type OwnRecordsReport,
  type OwnRecordsRun,
  ownRecordsRuns,
  sweepOwnRecords,
} from './sweep.ts'
