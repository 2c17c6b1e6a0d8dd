import { getJurisdiction, type JurisdictionId, type LegalBasis } from '../../jurisdictions/index.ts'
import { basisFor, type CookieCategory, type Manifest, needsConsentIn } from '../../manifest/index.ts'

/** Banner categories, as the widget names them, from the manifest's tracker categories. */
export const bannerCategoryOf: Readonly<Record<CookieCategory, string>> = {
  'strictly-necessary': 'necessary',
  functionality: 'functional',
  analytics: 'analytics',
  marketing: 'marketing',
}

/** Everything decide() needs to know about one purpose in one jurisdiction. Derived from the manifest. */
export interface PurposeRule {
  readonly id: string
  readonly kind: string
  readonly basis: LegalBasis | undefined
  /** Consent is a basis here, or the manifest asks for consent everywhere (manifest/queries.ts needsConsentIn). */
  readonly consentBased: boolean
  readonly consentModel: 'opt-in' | 'opt-out'
  /**
   * The banner category whose switch governs this purpose: the category of the purpose's trackers.
   * A purpose without trackers (marketing email) is never granted by a cookie banner.
   */
  readonly bannerCategory: string | undefined
  /** Sale, sharing or targeted advertising: what GPC and the CCPA opt-out cover. */
  readonly saleOrShare: boolean
  /** A child's data is never used for this purpose. */
  readonly childProhibited: boolean
}

const mostRestrictive = ['marketing', 'analytics', 'functionality', 'strictly-necessary'] as const

/** The rule for `purposeId` in `jurisdiction`, or undefined when the manifest has no such purpose. */
export const purposeRule = (
  manifest: Manifest,
  purposeId: string,
  jurisdiction: JurisdictionId,
): PurposeRule | undefined => {
  const purpose = Object.hasOwn(manifest.purposes, purposeId) ? manifest.purposes[purposeId] : undefined
  if (!purpose) return undefined
  const basis = basisFor(purpose, jurisdiction)
  const trackerCategories = new Set(
    Object.values(manifest.cookies?.trackers ?? {})
      .filter((t) => t.purpose === purposeId)
      .map((t) => t.category),
  )
  const cookieCategory = mostRestrictive.find((c) => trackerCategories.has(c))
  const bannerCategory =
    cookieCategory && cookieCategory !== 'strictly-necessary' ? bannerCategoryOf[cookieCategory] : undefined
  const neverUsedFor = manifest.children?.neverUsedFor ?? []
  const saleOrShare = purpose.kind === 'advertising' || bannerCategory === 'marketing'
  return {
    id: purposeId,
    kind: purpose.kind,
    basis,
    consentBased: needsConsentIn(purpose, jurisdiction),
    consentModel: getJurisdiction(jurisdiction)?.consentModel.value ?? 'opt-in',
    bannerCategory,
    saleOrShare,
    // Targeted advertising to children is refused even when the manifest forgot to say so.
    childProhibited:
      saleOrShare ||
      (purpose.kind === 'marketing' && neverUsedFor.includes('marketing')) ||
      (purpose.kind === 'analytics' && neverUsedFor.includes('profiling')),
  }
}
