import type { Kysely } from 'kysely'
import { parseBody } from '../audit/index.ts'
import type { Database } from '../platform/db/index.ts'
import type { IncidentLedgerPort, LedgerSubject } from './ports.ts'

/**
 * The people Amana's audit ledger names in an incident's window: those whose data was handed to an
 * affected processor (`disclosure.sent`, target `processor:<id>`), and those whose personal data a
 * compromised staff account or API key read (any `….read` entry by that actor). Subject ids and
 * category names only; no value is in the ledger.
 */
export const createLedgerReader = (db: Kysely<Database>): IncidentLedgerPort => ({
  async subjects({ processors, accounts, from, to }) {
    const found = new Map<string, LedgerSubject>()
    const add = (subjectId: string, via: LedgerSubject['via'], source: string, categories: string[]) => {
      const key = `${via}\u0000${source}\u0000${subjectId}`
      const previous = found.get(key)
      found.set(key, {
        subjectId,
        via,
        source,
        categories: [...new Set([...(previous?.categories ?? []), ...categories])],
        entries: (previous?.entries ?? 0) + 1,
      })
    }
    if (processors.length > 0) {
      const rows = await db
        .selectFrom('audit_entry')
        .select(['subject_id', 'body'])
        .where('action', '=', 'disclosure.sent')
        .where('at', '>=', from)
        .where('at', '<', to)
        .where('subject_id', 'is not', null)
        .orderBy('seq')
        .execute()
      for (const row of rows) {
        const entry = parseBody(row.body)
        const processor = entry.target?.replace(/^processor:/, '') ?? ''
        if (!processors.includes(processor)) continue
        const listed = entry.details?.categories
        const categories = Array.isArray(listed)
          ? listed.filter((c): c is string => typeof c === 'string')
          : []
        add(row.subject_id as string, 'processor', processor, categories)
      }
    }
    if (accounts.length > 0) {
      const rows = await db
        .selectFrom('audit_entry')
        .select(['subject_id', 'actor_id'])
        .where('actor_id', 'in', [...accounts])
        .where('action', 'like', '%.read')
        .where('at', '>=', from)
        .where('at', '<', to)
        .where('subject_id', 'is not', null)
        .orderBy('seq')
        .execute()
      for (const row of rows) add(row.subject_id as string, 'account', row.actor_id, [])
    }
    return [...found.values()]
  },
})
