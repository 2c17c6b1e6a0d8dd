import type { Manifest, OwnRecords } from './schema.ts'

/** Amana's own records whose period `ownRecords:` sets and the own-records sweep carries out. */
export const ownRecordKinds = [
  'sentMail',
  'verificationCodes',
  'accessPackages',
  'requestRecords',
  'consentRecords',
] as const
export type OwnRecordKind = (typeof ownRecordKinds)[number]

/**
 * The periods when `ownRecords:` does not set them. Sent mail: long enough to answer "did you send
 * me that?"; codes: a day after they stop working; packages: the download period requests used
 * before it was declared; request and consent records: three years, the proof a shop may need to
 * answer a complaint or a regulator (CCPA asks 24 months of request records, Cal. Code Regs. tit. 11
 * § 7101, unverified; the check warns below it).
 */
export const ownRecordDefaults: Readonly<Record<OwnRecordKind, string>> = {
  sentMail: 'P90D',
  verificationCodes: 'P1D',
  accessPackages: 'P30D',
  requestRecords: 'P3Y',
  consentRecords: 'P3Y',
}

/** What each period counts from, as the sweep and the policy state it. */
export const ownRecordEvents: Readonly<Record<OwnRecordKind, string>> = {
  sentMail: 'sent',
  verificationCodes: 'expired',
  accessPackages: 'ready',
  requestRecords: 'closed',
  consentRecords: 'replaced',
}

export type OwnRecordPeriod = {
  readonly keep: string
  /** The manifest path that declares it, or undefined when Amana's default applies. */
  readonly path: string | undefined
}

/** The period of each kind: the manifest's, else the default. The one source for sweep and policy. */
export const ownRecordPeriods = (manifest: Manifest): Readonly<Record<OwnRecordKind, OwnRecordPeriod>> => {
  const declared: OwnRecords = manifest.ownRecords ?? {}
  const entries = ownRecordKinds.map((kind) => {
    const keep = declared[kind]
    return [
      kind,
      keep === undefined
        ? { keep: ownRecordDefaults[kind], path: undefined }
        : { keep, path: `ownRecords.${kind}` },
    ] as const
  })
  return Object.fromEntries(entries) as Record<OwnRecordKind, OwnRecordPeriod>
}

/** How long the audit trail is kept (the ledger's pruning reads the same field): months. */
export const auditRetentionMonthsOf = (manifest: Manifest): number =>
  manifest.commitments?.auditRetentionMonths ?? 12
