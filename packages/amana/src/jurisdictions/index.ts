export { deadlineDays, type EffectiveDeadline, effectiveDeadline } from './effective-deadline.ts'
export { markUnverified, sourcedAt } from './pack-path.ts'
export {
  getJurisdiction,
  isJurisdictionId,
  type JurisdictionId,
  jurisdictionIds,
  jurisdictions,
  packsFor,
} from './registry.ts'
export {
  DEFAULT_DEADLINE_DAYS,
  packsForRequester,
  type RequestClock,
  requestClock,
} from './request-clock.ts'
export { type SourceId, sources } from './sources.ts'
export {
  type Availability,
  type Deadline,
  type DisclosureId,
  disclosureIds,
  type JurisdictionPack,
  type LegalBasis,
  type Locale,
  type Localised,
  legalBases,
  locales,
  type RightId,
  rightIds,
  type Sourced,
  type TransferMechanism,
  transferMechanisms,
} from './vocabulary.ts'
