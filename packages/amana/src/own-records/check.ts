import {
  durationDays,
  type Finding,
  type Manifest,
  type OwnRecordKind,
  ownRecordPeriods,
  type SourceMap,
} from '../manifest/index.ts'
import { proofNeeds } from './proof-needs.ts'

/**
 * `amana check`: a period of Amana's own records shorter than a served law asks them kept as proof
 * (request records under the CCPA: 24 months) — an error, or a warning where the source is
 * unverified. A default shorter than the law counts too: the fix is then to declare the period.
 * A period that is not a duration is the schema's error (with its field). Pure.
 */
export const ownRecordFindings = (manifest: Manifest, sourceMap: SourceMap): Finding[] => {
  const periods = ownRecordPeriods(manifest)
  return proofNeeds
    .filter((need) => (manifest.jurisdictions as readonly string[]).includes(need.jurisdiction))
    .filter((need) => durationDays(periods[need.kind].keep) < durationDays(need.keep))
    .map((need) => {
      const { keep, path } = periods[need.kind]
      const at = path === undefined ? ['jurisdictions'] : ['ownRecords', need.kind]
      return {
        ...sourceMap.locate(at),
        rule: 'own-records.shorter-than-law',
        severity: need.verified ? 'error' : 'warning',
        path: `ownRecords.${need.kind}`,
        message: `${label(need.kind)} are kept ${keep}${path === undefined ? ' (the default)' : ''}, shorter than ${need.law} asks (${need.keep}, served by "${need.jurisdiction}")${need.verified ? '' : '; the source is unverified'}`,
        fix: `Set "ownRecords: { ${need.kind}: ${need.keep} }" or longer.`,
      } satisfies Finding
    })
}

const label = (kind: OwnRecordKind): string =>
  ({
    sentMail: 'sent mail records',
    verificationCodes: 'verification codes',
    accessPackages: 'access packages',
    requestRecords: 'request records',
    consentRecords: 'consent records',
  })[kind]
