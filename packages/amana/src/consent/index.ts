export type { AuditPort, ConsentAuditEvent } from './audit-port.ts'
export {
  type ConsentDeps,
  type ConsentService,
  createConsentService,
  type MarketingSendResult,
} from './consent-service.ts'
export { labelledConsentRates } from './console-rates.ts'
export {
  type ConsentRecord,
  channels,
  consentMethods,
  type LedgerRecord,
  parseSubjectRef,
  type SubjectRef,
} from './domain/consent-record.ts'
export { type ConsentState, emptyState, projectState } from './domain/consent-state.ts'
export {
  type Decision,
  type DecisionContext,
  type DecisionReason,
  decide,
  decisionReasons,
} from './domain/decide.ts'
export { type PurposeRule, purposeRule } from './domain/purpose-rules.ts'
export { registerConsentJobs } from './jobs.ts'
export { consentRoutes } from './routes.ts'
export type { ConsentTables } from './schema.ts'
