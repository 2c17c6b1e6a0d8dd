import type { ColumnType } from 'kysely'

/**
 * Amana's own tables. Each feature declares its tables in its own `schema.ts` and adds them here,
 * so one Kysely instance types every query. Migrations in ./migrations create exactly these.
 */
export interface Database extends FoundationTables {}

export interface FoundationTables {
  amana_meta: AmanaMetaTable
}

export interface AmanaMetaTable {
  key: string
  value: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}
