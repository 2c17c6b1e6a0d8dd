/** Words the packs, the manifest and the policy share. Lists are `as const` so they serve as zod enums. */

export const legalBases = [
  'consent',
  'contract',
  'legal-obligation',
  'legitimate-interest',
  'vital-interest',
  'public-interest',
] as const
export type LegalBasis = (typeof legalBases)[number]

export const rightIds = [
  'access',
  'rectify',
  'erase',
  'restrict',
  'port',
  'object',
  'opt-out-sale',
  'withdraw-consent',
  'no-automated-decisions',
] as const
export type RightId = (typeof rightIds)[number]

/** yes / no / partial or conditional / unclear (the sources disagree or are silent). */
export type Availability = 'yes' | 'no' | 'partial' | 'unclear'

export const transferMechanisms = [
  'adequacy',
  'standard-contractual-clauses',
  'binding-corporate-rules',
  'certification',
  'consent',
  'necessity',
  'permit',
] as const
export type TransferMechanism = (typeof transferMechanisms)[number]

/**
 * What a policy must say, as stable ids. `checkManifest` tests each against the manifest and the
 * policy renderer tags the statements that satisfy it.
 */
export const disclosureIds = [
  'controller-identity',
  'contact',
  'privacy-contact',
  'categories',
  'purposes',
  'legal-bases',
  'recipients',
  'transfers',
  'retention',
  'rights',
  'complaint-authority',
  'automated-decisions',
  'sale-opt-out',
  'cookies',
  'children',
  'security',
  'breach',
  'changes',
  'languages',
] as const
export type DisclosureId = (typeof disclosureIds)[number]

export const locales = ['en', 'ar'] as const
export type Locale = (typeof locales)[number]
export type Localised = Readonly<Record<Locale, string>>

/** A legal value with where it comes from. `verified: false` = secondary-only, conflicting or not found. */
export interface Sourced<T> {
  readonly value: T
  readonly source: readonly string[]
  readonly verified: boolean
  readonly note?: string
}

export type Deadline =
  | { readonly unit: 'days'; readonly amount: number; readonly business?: boolean }
  | { readonly unit: 'months'; readonly amount: number }

export interface JurisdictionPack {
  readonly id: string
  readonly name: Localised
  readonly law: Localised
  /** ISO 3166-1 alpha-2 codes the law covers (its "home"): a transfer outside them is international. */
  readonly countries: readonly string[]
  readonly authority: Sourced<{ readonly name: Localised; readonly website: string | null }>
  readonly rights: Readonly<Record<RightId, Sourced<Availability>>>
  readonly requestDeadline: Sourced<{
    readonly deadline: Deadline | null
    readonly extension: Deadline | null
    /** Stricter clocks for single rights (Kenya: access in 7 days). */
    readonly byRight?: Readonly<Partial<Record<RightId, Deadline>>>
  }>
  readonly breach: {
    readonly regulator: Sourced<{ readonly hours: number | null; readonly text: Localised }>
    readonly individuals: Sourced<{ readonly hours: number | null; readonly text: Localised }>
  }
  readonly children: Sourced<{
    readonly age: number | null
    readonly text: Localised
    /** The age governs only selling or sharing (California); a shop that does neither is not bound by it. */
    readonly saleOrShareOnly?: boolean
  }>
  readonly consentModel: Sourced<'opt-in' | 'opt-out'>
  readonly sensitiveBases: Sourced<readonly LegalBasis[]>
  /** Processing sensitive data needs a permit from the authority (Oman). */
  readonly sensitivePermit: Sourced<boolean>
  readonly transfers: Sourced<{
    readonly restricted: boolean
    readonly mechanisms: readonly TransferMechanism[]
    readonly text: Localised
  }>
  readonly disclosures: Sourced<readonly DisclosureId[]>
  /** Languages the notice must be published in (Kuwait: Arabic and English). */
  readonly languages: Sourced<readonly Locale[]>
}
