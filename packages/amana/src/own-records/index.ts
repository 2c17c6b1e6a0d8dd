export { ownRecordFindings } from './check.ts'
export { isOwnSweepDue, ownRecordsSweepJob, registerOwnRecordsJobs } from './jobs.ts'
export type { OwnRecordsAuditPort, OwnRecordsDeps, RetentionSwitchPort } from './ports.ts'
export { type OwnRecordsCounts, type OwnRecordsReport, sweepOwnRecords } from './sweep.ts'
