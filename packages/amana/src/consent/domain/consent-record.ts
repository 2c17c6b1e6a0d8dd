/**
 * A consent record shaped after ISO/IEC TS 27560 (W3C DPVCG field guide): who (a keyed hash of the
 * subject), what (purposes or banner categories granted or refused, per channel), under which notice
 * and policy version, where (jurisdiction), how (method) and when. Records are never changed.
 */
export const consentMethods = [
  'banner-accept-all',
  'banner-reject-all',
  'banner-custom',
  'preferences-page',
  'account-settings',
  'email-unsubscribe',
  'gpc',
  'parent',
  'api',
] as const
export type ConsentMethod = (typeof consentMethods)[number]

export const channels = ['email', 'sms', 'whatsapp', 'push'] as const
export type Channel = (typeof channels)[number]

export const subjectKinds = ['account', 'device'] as const
export type SubjectKind = (typeof subjectKinds)[number]

export interface SubjectRef {
  readonly kind: SubjectKind
  readonly id: string
}

/** One choice inside a record. A banner speaks of categories; the preference centre of purposes and channels. */
export interface RecordItem {
  readonly target: 'purpose' | 'category'
  readonly id: string
  /** `*`: every channel. */
  readonly channel: Channel | '*'
  readonly granted: boolean
}

export interface ConsentRecord {
  readonly id: string
  readonly subjectHash: string
  readonly subjectKind: SubjectKind
  readonly method: ConsentMethod
  readonly items: readonly RecordItem[]
  readonly policyVersion: string
  /** The notice shown when the choice was made, e.g. `banner:ar` or `preferences-page:en`. */
  readonly notice: string
  readonly locale: string
  readonly jurisdiction: string
  /** Where the choice was made: page origin and path, `mail`, or `api`. */
  readonly source: string
  /** The browser sent Global Privacy Control with this choice. */
  readonly gpc: boolean
  /** GPC overrode an earlier opt-in (recorded so the override is provable). */
  readonly conflict: boolean
  /** The subject is a child (recorded by a parent, or declared by the shop). */
  readonly child: boolean
  readonly recordedAt: Date
}

/** A record as stored: with its ledger position. */
export interface LedgerRecord extends ConsentRecord {
  readonly seq: string
}

/** `account:42` / `device:9f…`: the string that is hashed; a bare id means an account. */
export const parseSubjectRef = (value: string): SubjectRef => {
  const match = /^(account|device):(.+)$/.exec(value)
  return match ? { kind: match[1] as SubjectKind, id: match[2] as string } : { kind: 'account', id: value }
}

export const formatSubjectRef = (ref: SubjectRef): string => `${ref.kind}:${ref.id}`
