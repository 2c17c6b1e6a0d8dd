import type { RightId } from '../../jurisdictions/index.ts'

/** What a data subject can ask for. `know` is CCPA's right to know (categories and sources). */
export const requestTypes = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'restriction',
  'objection',
  'opt-out-sale',
  'withdraw-consent',
  'know',
] as const
export type RequestType = (typeof requestTypes)[number]

export const isRequestType = (value: unknown): value is RequestType =>
  typeof value === 'string' && (requestTypes as readonly string[]).includes(value)

/** The right in the jurisdiction packs each request exercises; it selects the pack's clock. */
export const rightOf: Readonly<Record<RequestType, RightId>> = {
  access: 'access',
  portability: 'port',
  rectification: 'rectify',
  erasure: 'erase',
  restriction: 'restrict',
  objection: 'object',
  'opt-out-sale': 'opt-out-sale',
  'withdraw-consent': 'withdraw-consent',
  know: 'access',
}

/** Requests whose answer hands data over: they read the shop's systems and build a package. */
export const isDisclosure = (type: RequestType): boolean =>
  type === 'access' || type === 'portability' || type === 'know'

/** Who is asking: the person themself, an authorised agent, or a parent or guardian for a child. */
export const requesterKinds = ['self', 'agent', 'guardian'] as const
export type RequesterKind = (typeof requesterKinds)[number]

export const verificationChannels = ['email', 'sms', 'whatsapp'] as const
export type VerificationChannel = (typeof verificationChannels)[number]
