import type { JurisdictionId, LegalBasis } from '../jurisdictions/index.ts'
import type { Manifest, Processor, Purpose } from './schema.ts'

/** The legal basis a purpose relies on in one jurisdiction (its own entry, else `default`). */
export const basisFor = (purpose: Purpose, jurisdiction: JurisdictionId): LegalBasis | undefined =>
  typeof purpose.legalBasis === 'string'
    ? purpose.legalBasis
    : (purpose.legalBasis[jurisdiction] ?? purpose.legalBasis.default)

/** Every basis a purpose uses in the jurisdictions the manifest serves. */
export const basesOf = (purpose: Purpose, served: readonly JurisdictionId[]): LegalBasis[] => {
  const bases = new Set<LegalBasis>()
  for (const id of served) {
    const basis = basisFor(purpose, id)
    if (basis !== undefined) bases.add(basis)
  }
  return [...bases]
}

export const needsConsent = (purpose: Purpose, served: readonly JurisdictionId[]): boolean =>
  purpose.consent?.required === true || basesOf(purpose, served).includes('consent')

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
