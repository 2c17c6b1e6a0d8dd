export { checkManifest } from './check/check-manifest.ts'
export { type FindingCopyKey, findingText } from './check/copy/index.ts'
export {
  type Finding,
  type FindingCopyRef,
  type FindingParam,
  type RuleId,
  ruleIds,
  type Severity,
} from './check/finding.ts'
export { findingsToJson, formatFindings, hasErrors } from './check/format-findings.ts'
export { makeFinding } from './check/make-finding.ts'
export { type DurationParts, durationDays, parseDuration } from './duration.ts'
export { loadManifest } from './load-manifest.ts'
export { formatIssue, formatIssues, type ManifestIssue, type ManifestResult } from './manifest-issue.ts'
export { isUnderMinimumAge, minimumAgeFor } from './minimum-age.ts'
export {
  auditRetentionMonthsOf,
  type OwnRecordKind,
  type OwnRecordPeriod,
  ownRecordDefaults,
  ownRecordEvents,
  ownRecordKinds,
  ownRecordPeriods,
} from './own-records.ts'
export { type ParsedManifest, parseManifest } from './parse-manifest.ts'
export {
  basesFor,
  basesOf,
  basisFor,
  declaredBases,
  foreignCountries,
  hasBasesByJurisdiction,
  isProcessorPurpose,
  needsConsent,
  needsConsentIn,
  processorName,
  purposesUsingCategory,
  purposesUsingProcessor,
  subjectsOfPurpose,
} from './queries.ts'
export {
  type Category,
  DurationSchema,
  type Escalation,
  keyColumns,
  type Manifest,
  ManifestSchema,
  type ManifestSystem,
  manifestJsonSchema,
  type Organisation,
  type OwnRecords,
  type Processor,
  type Purpose,
  type ReferenceSpec,
  type Retention,
  referenceParts,
  referenceTarget,
  type Subject,
  type Text,
  type Tracker,
} from './schema.ts'
export { formatPath, type PathSegment, type SourceLocation, type SourceMap } from './source-map.ts'
export { type TransferRoute, transferRoutes } from './transfers.ts'
export * from './vocabulary.ts'
