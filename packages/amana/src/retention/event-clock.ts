import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'

/** When the shop said `event` happened to rows of a table, by record key (`POST /v1/events`). */
export type EventTimesQuery = {
  readonly system: string
  readonly table: string
  readonly event: string
  readonly keys: readonly string[]
}

/**
 * Retention's event clock as other features read it: a legal hold on rows without a column timing
 * its event counts from the time the shop recorded here (the access package, the console's dry
 * run and the erasure all ask this one reader, so they state the same end).
 */
export const eventClockReader =
  (db: Kysely<Database>) =>
  async (q: EventTimesQuery): Promise<ReadonlyMap<string, Date>> => {
    if (q.keys.length === 0) return new Map()
    const rows = await db
      .selectFrom('retention_clock')
      .select(['record_key', 'occurred_at'])
      .where('system', '=', q.system)
      .where('table_name', '=', q.table)
      .where('event', '=', q.event)
      .where('record_key', 'in', [...new Set(q.keys)])
      .execute()
    return new Map(rows.map((r) => [String(r.record_key), new Date(r.occurred_at)]))
  }
