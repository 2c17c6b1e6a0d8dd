export {
  ANCHOR_FILE_NAME,
  anchorFileAt,
  type CheckpointAnchor,
  configuredAnchor,
  fileAnchor,
  readAnchorFile,
  webhookAnchor,
} from './anchors.ts'
export {
  ANCHOR_FORMAT,
  type AnchoredCheckpoint,
  formatAnchorLine,
  type ParsedAnchors,
  parseAnchorLines,
} from './domain/anchor-line.ts'
export {
  type AuditExport,
  EXPORT_FORMAT,
  parseAuditExport,
  type SerializedCheckpoint,
  verifyExport,
} from './domain/audit-export.ts'
export { canonicalJson, type JsonObject, type JsonValue } from './domain/canonical-json.ts'
export {
  type AuditPublicKey,
  type AuditSigningKey,
  type Checkpoint,
  deriveAuditSigningKey,
  exportPublicKey,
  importPublicKey,
  signingKeyFromSeed,
} from './domain/checkpoint.ts'
export {
  type ActorType,
  type AuditAction,
  type AuditActor,
  type AuditEntry,
  type AuditEvent,
  actorTypes,
  auditActions,
  type ChainRow,
  entryHash,
  GENESIS_HASH,
  parseBody,
} from './domain/entry.ts'
export {
  type AnchorFinding,
  type AnchorFindingKind,
  type AnchorReport,
  checkAgainstAnchors,
} from './domain/verify-anchors.ts'
export {
  type AuditBreak,
  type AuditBreakKind,
  type ChainAnchor,
  createChainVerifier,
  type VerificationReport,
} from './domain/verify-chain.ts'
export {
  type AppendedEntry,
  type AuditLedger,
  type AuditLedgerOptions,
  createAuditLedger,
  type PruneOutcome,
  verifyLedger,
} from './ledger.ts'
export { DEFAULT_AUDIT_RETENTION_MONTHS, maintainLedger, startLedgerMaintenance } from './maintenance.ts'
export type { AuditTables } from './schema.ts'
export { type AnchoredVerification, verifyLedgerAgainstAnchors } from './verify-anchored.ts'
