import {
  durationDays,
  type Finding,
  type FindingParam,
  type Manifest,
  makeFinding,
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
      return makeFinding(
        sourceMap.locate(at),
        'own-records.shorter-than-law',
        need.verified ? 'error' : 'warning',
        `ownRecords.${need.kind}`,
        {
          key: shorterKey(path === undefined, need.verified),
          params: {
            records: labels[need.kind],
            keep,
            law: need.law,
            need: need.keep,
            jurisdiction: need.jurisdiction,
            example: `ownRecords: { ${need.kind}: ${need.keep} }`,
          },
        },
      )
    })
}

/** The finding's words: whether the period is Amana's default, whether the law's source is verified. */
const shorterKey = (isDefault: boolean, verified: boolean) =>
  isDefault
    ? verified
      ? 'own-records.shorter-than-law.default'
      : 'own-records.shorter-than-law.default-unverified'
    : verified
      ? 'own-records.shorter-than-law'
      : 'own-records.shorter-than-law.unverified'

/** Amana's own records, in the reader's words. */
const labels: Readonly<Record<OwnRecordKind, FindingParam>> = {
  sentMail: { en: 'sent mail records', ar: 'سجلات الرسائل المرسلة' },
  verificationCodes: { en: 'verification codes', ar: 'رموز التحقق' },
  accessPackages: { en: 'access packages', ar: 'حزم نسخ البيانات' },
  requestRecords: { en: 'request records', ar: 'سجلات الطلبات' },
  consentRecords: { en: 'consent records', ar: 'سجلات الموافقات' },
}
