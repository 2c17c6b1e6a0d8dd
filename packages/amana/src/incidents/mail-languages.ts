import type { Manifest } from '../manifest/index.ts'
import type { StaffLanguagePort } from './ports.ts'

/**
 * The language each address reads an incident reminder in: a staff member's own (set on "My
 * account"), else the organisation's first declared language (manifest organisation.languages).
 */
export const mailLanguagesOf = async (
  deps: { readonly manifest: Manifest; readonly staffLanguages?: StaffLanguagePort | undefined },
  addresses: readonly string[],
): Promise<Map<string, 'en' | 'ar'>> => {
  const staff = (await deps.staffLanguages?.languagesOf(addresses)) ?? new Map<string, 'en' | 'ar'>()
  const fallback = deps.manifest.organisation.languages[0] === 'ar' ? 'ar' : 'en'
  return new Map(addresses.map((a) => [a, staff.get(a) ?? fallback]))
}
