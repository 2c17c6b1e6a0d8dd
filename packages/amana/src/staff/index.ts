export {
  type CallContext,
  createStaffAccess,
  type IssuedSession,
  type SignInOutcome,
  type StaffAccess,
  type StaffActor,
  type StaffView,
} from './access.ts'
export type {
  AuditBrowser,
  AuditFilter,
  AuditListEntry,
  AuditSink,
  StaffAuditAction,
  StaffAuditEvent,
} from './audit-port.ts'
export { type ConsoleFrameOf, consoleSections, createConsoleFrame } from './console-frame.ts'
export { hashPassword, scryptParams, verifyPassword } from './domain/password.ts'
export { type AccessPolicy, defaultAccessPolicy } from './domain/policy.ts'
export {
  type ApiKeyScope,
  apiKeyScopes,
  canManageRole,
  capabilitiesOf,
  isRole,
  type Role,
  roleCapabilities,
  roles,
} from './domain/roles.ts'
export { deriveStaffKeys } from './domain/tokens.ts'
export { otpauthUri, totp, verifyTotp } from './domain/totp.ts'
export { createStaffLanguageReader, type StaffLanguageReader } from './language-reader.ts'
export { createLedgerAuditBrowser, createLedgerAuditSink } from './ledger-adapter.ts'
export { createLogAuditSink } from './log-audit-sink.ts'
export type { ConsoleTodayPort, RequestReferencePort, StaffMailPort } from './ports.ts'
export type { StaffTables } from './schema.ts'
export { ensureSetupLink } from './setup-link.ts'
export { createStaffFeature, type StaffFeature, type StaffFeatureOptions } from './staff.ts'
export type { StaffLanguage } from './store.ts'
