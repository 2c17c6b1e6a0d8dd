import type { AmanaDatabase } from '../platform/db/index.ts'
import type { IncidentOwnRecordsPort } from './ports.ts'

/**
 * An incident's scope asks Amana's own tables where a person belongs when the shop's do not say:
 * the latest data-subject request matching the email or phone the shop holds (through the vault's
 * blind index: no address is compared in clear) and the latest consent record for the shop's account
 * id (through consent's keyed subject hash).
 */
export const createOwnRecordsReader = (deps: {
  readonly database: AmanaDatabase
  readonly blindIndex: (kind: string, value: string) => string
  readonly hashSubject: (subject: string) => string
}): IncidentOwnRecordsPort => {
  const db = deps.database.db
  return {
    async request({ email, phone }) {
      const indexes = [
        ...(email ? [['email_index', deps.blindIndex('email', email)] as const] : []),
        ...(phone ? [['phone_index', deps.blindIndex('phone', phone)] as const] : []),
      ]
      if (indexes.length === 0) return undefined
      const row = await db
        .selectFrom('dsr_request')
        .select(['country', 'jurisdictions', 'locale'])
        .where((eb) => eb.or(indexes.map(([column, value]) => eb(column, '=', value))))
        .orderBy('received_at', 'desc')
        .limit(1)
        .executeTakeFirst()
      if (!row) return undefined
      const chosen = Array.isArray(row.jurisdictions) ? row.jurisdictions : []
      return {
        source: 'own-request',
        country: row.country,
        jurisdiction: chosen[0] ?? null,
        locale: row.locale,
      }
    },
    async consent(accountId) {
      const row = await db
        .selectFrom('consent_record')
        .select(['jurisdiction', 'locale'])
        .where('subject_hash', '=', deps.hashSubject(accountId))
        .orderBy('recorded_at', 'desc')
        .limit(1)
        .executeTakeFirst()
      return row
        ? { source: 'own-consent', country: null, jurisdiction: row.jurisdiction, locale: row.locale }
        : undefined
    },
  }
}
