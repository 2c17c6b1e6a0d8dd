import type { ColumnType } from 'kysely'
import type { MailTables } from '../mail/schema.ts'

/**
 * Amana's own tables, so one Kysely instance types every query. Platform knows no feature: each
 * feature declares its tables in its own `schema.ts` and merges them into this interface there
 * (`declare module '../platform/db/schema.ts' { interface Database extends AuditTables {} }`).
 * Migrations in ./migrations create exactly these tables.
 */
export interface Database extends FoundationTables, MailTables {}

export interface FoundationTables {
  amana_meta: AmanaMetaTable
}

export interface AmanaMetaTable {
  key: string
  value: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}
