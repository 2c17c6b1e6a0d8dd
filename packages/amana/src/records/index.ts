export {
  type ProcessingActivity,
  type RecordOfProcessing,
  recordOfProcessing,
  type Transfer,
  transfersOf,
} from './domain/record-of-processing.ts'
export { recordCsv, recordHtml, transfersHtml } from './domain/render.ts'
export { requestEvidence } from './evidence.ts'
export type { AuditRangePort, RecordsAuditPort, RequestEvidencePort } from './ports.ts'
export { recordsRoutes } from './routes.ts'
