import { normaliseStaffEmail } from './domain/tokens.ts'
import { type StaffDb, type StaffLanguage, staffLanguagesOf } from './store.ts'

/** Who among some addresses is a staff member, and the language they read Amana's mail in. */
export interface StaffLanguageReader {
  /** Keyed by each address as given; an address that is no staff member's is absent. */
  languagesOf(addresses: readonly string[]): Promise<ReadonlyMap<string, StaffLanguage>>
}

/** The reader other features' reminders use (satisfies their StaffLanguagePort). */
export const createStaffLanguageReader = (db: StaffDb): StaffLanguageReader => ({
  async languagesOf(addresses) {
    const known = await staffLanguagesOf(db, [...new Set(addresses.map(normaliseStaffEmail))])
    const out = new Map<string, StaffLanguage>()
    for (const address of addresses) {
      const language = known.get(normaliseStaffEmail(address))
      if (language) out.set(address, language)
    }
    return out
  },
})
