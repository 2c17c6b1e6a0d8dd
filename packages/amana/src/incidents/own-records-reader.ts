import type { AmanaDatabase } from '../platform/db/index.ts'
import type { OwnRecord } from './domain/scope.ts'
import type { IncidentOwnRecordsPort } from './ports.ts'

/** Values per query: a scope of thousands of people is read in a few queries, not one per person. */
const chunk = 500
const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / chunk) }, (_, i) => items.slice(i * chunk, (i + 1) * chunk))

/**
 * An incident's scope asks Amana's own tables where people belong when the shop's do not say: the
 * latest data-subject request matching the email or phone the shop holds (through the vault's blind
 * index: no address is compared in clear) and the latest consent record for the shop's account id
 * (through consent's keyed subject hash).
 */
export const createOwnRecordsReader = (deps: {
  readonly database: AmanaDatabase
  readonly blindIndex: (kind: string, value: string) => string
  readonly hashSubject: (subject: string) => string
}): IncidentOwnRecordsPort => {
  const db = deps.database.db
  /** The latest request per blind index (email or phone), newest first so the first seen wins. */
  const latestRequests = async (indexes: readonly string[]) => {
    const byIndex = new Map<string, OwnRecord>()
    for (const part of chunks([...new Set(indexes)])) {
      const rows = await db
        .selectFrom('dsr_request')
        .select(['email_index', 'phone_index', 'country', 'jurisdictions', 'locale'])
        .where((eb) => eb.or([eb('email_index', 'in', part), eb('phone_index', 'in', part)]))
        .orderBy('received_at', 'desc')
        .execute()
      for (const row of rows) {
        const chosen = Array.isArray(row.jurisdictions) ? row.jurisdictions : []
        const record: OwnRecord = {
          source: 'own-request',
          country: row.country,
          jurisdiction: chosen[0] ?? null,
          locale: row.locale,
        }
        for (const index of [row.email_index, row.phone_index])
          if (index && !byIndex.has(index)) byIndex.set(index, record)
      }
    }
    return byIndex
  }
  return {
    async requests(people) {
      const keyed = people.map(({ email, phone }) => ({
        email: email ? deps.blindIndex('email', email) : undefined,
        phone: phone ? deps.blindIndex('phone', phone) : undefined,
      }))
      const found = await latestRequests(
        keyed.flatMap((k) => [k.email, k.phone].filter((v) => v !== undefined)),
      )
      return keyed.map((k) => (k.email && found.get(k.email)) || (k.phone && found.get(k.phone)) || undefined)
    },
    async consents(accountIds) {
      const hashes = accountIds.map((id) => deps.hashSubject(id))
      const byHash = new Map<string, OwnRecord>()
      for (const part of chunks([...new Set(hashes)])) {
        const rows = await db
          .selectFrom('consent_record')
          .select(['subject_hash', 'jurisdiction', 'locale'])
          .where('subject_hash', 'in', part)
          .orderBy('recorded_at', 'desc')
          .execute()
        for (const row of rows)
          if (!byHash.has(row.subject_hash))
            byHash.set(row.subject_hash, {
              source: 'own-consent',
              country: null,
              jurisdiction: row.jurisdiction,
              locale: row.locale,
            })
      }
      return hashes.map((h) => byHash.get(h))
    },
  }
}
