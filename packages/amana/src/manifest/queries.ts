import type { JurisdictionId, LegalBasis, Locale } from '../jurisdictions/index.ts'
import type { Manifest, Processor, Purpose } from './schema.ts'

const asList = (bases: LegalBasis | readonly LegalBasis[] | undefined): LegalBasis[] =>
  bases === undefined ? [] : typeof bases === 'string' ? [bases] : [...bases]

/** The legal bases a purpose rests on in one jurisdiction (its own entry, else `default`); [] when none. */
export const basesFor = (purpose: Purpose, jurisdiction: JurisdictionId): LegalBasis[] => {
  const declared = purpose.legalBasis
  if (declared === undefined) return []
  if (typeof declared === 'string' || Array.isArray(declared)) return asList(declared)
  const byJurisdiction = declared as Exclude<
    Purpose['legalBasis'],
    LegalBasis | readonly LegalBasis[] | undefined
  >
  return asList(byJurisdiction[jurisdiction] ?? byJurisdiction.default)
}

/** The first (main) legal basis a purpose relies on in one jurisdiction. */
export const basisFor = (purpose: Purpose, jurisdiction: JurisdictionId): LegalBasis | undefined =>
  basesFor(purpose, jurisdiction)[0]

/** Every basis a purpose declares anywhere (every jurisdiction's entry and `default`). */
export const declaredBases = (purpose: Purpose): LegalBasis[] => {
  const declared = purpose.legalBasis
  if (declared === undefined) return []
  if (typeof declared === 'string' || Array.isArray(declared)) return asList(declared)
  return [...new Set(Object.values(declared).flatMap((bases) => asList(bases)))]
}

/** Every basis a purpose uses in the jurisdictions the manifest serves. */
export const basesOf = (purpose: Purpose, served: readonly JurisdictionId[]): LegalBasis[] => [
  ...new Set(served.flatMap((id) => basesFor(purpose, id))),
]

/** The purpose names its bases per jurisdiction (`{ eu-gdpr: consent, default: legitimate-interest }`). */
export const hasBasesByJurisdiction = (purpose: Purpose): boolean =>
  purpose.legalBasis !== undefined &&
  typeof purpose.legalBasis !== 'string' &&
  !Array.isArray(purpose.legalBasis)

/**
 * Consent is needed in this jurisdiction: consent is a basis there. With one declaration for every
 * jurisdiction, `consent.required: true` asks for it everywhere; with bases per jurisdiction, the
 * bases alone decide, so consent is asked exactly where it is the basis.
 */
export const needsConsentIn = (purpose: Purpose, jurisdiction: JurisdictionId): boolean =>
  basesFor(purpose, jurisdiction).includes('consent') ||
  (purpose.consent?.required === true && !hasBasesByJurisdiction(purpose))

export const needsConsent = (purpose: Purpose, served: readonly JurisdictionId[]): boolean =>
  served.some((jurisdiction) => needsConsentIn(purpose, jurisdiction))

/** Countries a processor handles data in, other than the shop's home country. */
export const foreignCountries = (processor: Processor, homeCountry: string): string[] =>
  processor.countries.filter((country) => country !== homeCountry)

/** Purpose ids that send anything to `processorId` (via `shares` or a tracker the processor provides). */
export const purposesUsingProcessor = (manifest: Manifest, processorId: string): string[] => {
  const ids = new Set<string>()
  for (const [id, purpose] of Object.entries(manifest.purposes))
    if (purpose.shares?.[processorId]) ids.add(id)
  for (const tracker of Object.values(manifest.cookies?.trackers ?? {})) {
    if (tracker.provider === processorId) ids.add(tracker.purpose)
  }
  return [...ids]
}

/** Purpose ids that use `categoryId`. */
export const purposesUsingCategory = (manifest: Manifest, categoryId: string): string[] =>
  Object.entries(manifest.purposes)
    .filter(([, purpose]) => purpose.categories.includes(categoryId))
    .map(([id]) => id)

/** A processor's name in one language (`name: { en, ar }`), else its other language's. */
export const processorName = (processor: Pick<Processor, 'name'>, locale: Locale = 'en'): string =>
  typeof processor.name === 'string'
    ? processor.name
    : (processor.name[locale] ?? processor.name.en ?? processor.name.ar ?? '')

/** The subject groups a purpose concerns: its own `subjects`, else those of its categories. */
export const subjectsOfPurpose = (manifest: Manifest, purpose: Purpose): string[] =>
  purpose.subjects ?? [
    ...new Set(purpose.categories.flatMap((id) => manifest.categories[id]?.subjects ?? [])),
  ]

/**
 * The purpose serves only groups we process for another organisation (`role: processor`): that
 * organisation is the controller, so the purpose has no legal basis of ours to state.
 */
export const isProcessorPurpose = (manifest: Manifest, purpose: Purpose): boolean => {
  const subjects = subjectsOfPurpose(manifest, purpose)
  return subjects.length > 0 && subjects.every((id) => manifest.subjects[id]?.role === 'processor')
}
