import type { ColumnType, Generated } from 'kysely'

/** The own-records sweep's table in Amana's main database (migration 0022-own-records-runs). */
export interface OwnRecordsTables {
  own_records_run: OwnRecordsRunTable
}

/** One pass: counts per kind (`OwnRecordsCounts`) and the periods it applied (ISO 8601 durations). */
export interface OwnRecordsRunTable {
  seq: Generated<string>
  trigger: string
  as_of: ColumnType<Date, Date | string, never>
  counts: ColumnType<unknown, string, never>
  periods: ColumnType<unknown, string, never>
}

declare module '../platform/db/schema.ts' {
  interface Database extends OwnRecordsTables {}
}
