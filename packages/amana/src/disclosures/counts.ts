import type { Kysely } from 'kysely'
import { parseBody } from '../audit/index.ts'
import type { Database } from '../platform/db/index.ts'

/**
 * Hand-overs to each processor since a moment, from the audit entries the disclosure check writes
 * (`disclosure.sent`, `disclosure.refused`; the processor is the entry's `processor:<id>` target).
 * Counts only: no field or subject leaves the ledger.
 */
export const disclosureCounts =
  (db: Kysely<Database>) =>
  async (since: Date): Promise<ReadonlyMap<string, { sent: number; refused: number }>> => {
    const rows = await db
      .selectFrom('audit_entry')
      .select(['action', 'body'])
      .where('action', 'in', ['disclosure.sent', 'disclosure.refused'])
      .where('at', '>=', since)
      .execute()
    const counts = new Map<string, { sent: number; refused: number }>()
    for (const row of rows) {
      const { target } = parseBody(row.body)
      if (typeof target !== 'string' || !target.startsWith('processor:')) continue
      const id = target.slice('processor:'.length)
      const count = counts.get(id) ?? { sent: 0, refused: 0 }
      if (row.action === 'disclosure.sent') count.sent++
      else count.refused++
      counts.set(id, count)
    }
    return counts
  }
