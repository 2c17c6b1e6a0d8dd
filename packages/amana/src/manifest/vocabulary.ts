/** Controlled words of the manifest; each carries built-in English and Arabic labels in `labels.ts` of the policy. */

export const subjectKinds = [
  'customer',
  'visitor',
  'child',
  'applicant',
  'employee',
  'client-end-user',
  'referee',
  'other',
] as const
export type SubjectKind = (typeof subjectKinds)[number]

export const categoryKinds = [
  'identity',
  'contact',
  'delivery-address',
  'payment',
  'order-history',
  'customisation',
  'usage',
  'device',
  'location',
  'communications',
  'credentials',
  'recovery-qa',
  'government-id',
  'professional',
  'references',
  'health',
  'other',
] as const
export type CategoryKind = (typeof categoryKinds)[number]

/** normal; confidential = harmful if leaked (IDs, credentials); sensitive = a special category in law (health). */
export const sensitivities = ['normal', 'confidential', 'sensitive'] as const
export type Sensitivity = (typeof sensitivities)[number]

export const purposeKinds = [
  'service',
  'delivery',
  'payment',
  'account',
  'support',
  'marketing',
  'analytics',
  'advertising',
  'personalisation',
  'legal',
  'security',
  'recruitment',
  'client-service',
  'other',
] as const
export type PurposeKind = (typeof purposeKinds)[number]

export const retentionEvents = [
  'collection',
  'last-activity',
  'order-fulfilled',
  'service-completed',
  'consent-withdrawn',
  'account-closed',
  'application-closed',
] as const
export type RetentionEvent = (typeof retentionEvents)[number]

/** `crypto-shred`: for values kept as vault tokens, destroy the person's vault key so no copy can be read again. */
export const retentionActions = ['delete', 'anonymise', 'crypto-shred'] as const
export type RetentionAction = (typeof retentionActions)[number]

export const systemKinds = ['postgres', 'mysql', 'webhook', 'manual', 'files'] as const
export type SystemKind = (typeof systemKinds)[number]

export const processorServices = [
  'payment',
  'delivery',
  'analytics',
  'marketing',
  'advertising',
  'hosting',
  'email',
  'messaging',
  'background-checks',
  'it-support',
  'professional-advice',
  'other',
] as const
export type ProcessorService = (typeof processorServices)[number]

export const recipientRoles = ['processor', 'controller', 'authority'] as const
export type RecipientRole = (typeof recipientRoles)[number]

export const cookieCategories = ['strictly-necessary', 'functionality', 'analytics', 'marketing'] as const
export type CookieCategory = (typeof cookieCategories)[number]

export const trackerTypes = ['cookie', 'local-storage', 'pixel', 'sdk'] as const
export type TrackerType = (typeof trackerTypes)[number]

export const contactChannels = ['email', 'phone', 'whatsapp', 'postal', 'form', 'app', 'in-person'] as const
export type ContactChannel = (typeof contactChannels)[number]

export const verificationMethods = [
  'account-login',
  'email-code',
  'phone-code',
  'order-details',
  'id-document',
  'in-person',
] as const
export type VerificationMethod = (typeof verificationMethods)[number]

export const securityMeasures = [
  'encryption-in-transit',
  'encryption-at-rest',
  'access-control',
  'multi-factor-authentication',
  'audit-logging',
  'security-audits',
  'penetration-testing',
  'network-monitoring',
  'backups',
  'staff-training',
  'pseudonymisation',
  'hashed-secrets',
] as const
export type SecurityMeasure = (typeof securityMeasures)[number]

export const withdrawChannels = [
  'preference-centre',
  'cookie-banner',
  'unsubscribe-link',
  'account-settings',
  'email',
] as const
export type WithdrawChannel = (typeof withdrawChannels)[number]

export const changeChannels = ['website', 'app', 'email', 'sms', 'banner'] as const
export type ChangeChannel = (typeof changeChannels)[number]

export const childUses = ['targeted-advertising', 'profiling', 'sale', 'marketing'] as const
export type ChildUse = (typeof childUses)[number]
