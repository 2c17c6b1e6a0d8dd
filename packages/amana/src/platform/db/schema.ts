import type { ColumnType } from 'kysely'
import type { AuditTables } from '../../audit/schema.ts'
import type { ConsentTables } from '../../consent/schema.ts'
import type { PolicyTables } from '../../policy/schema.ts'
import type { RequestTables } from '../../requests/schema.ts'
import type { StaffTables } from '../../staff/schema.ts'
import type { VaultTables } from '../../vault/schema.ts'
import type { MailTables } from '../mail/schema.ts'

/**
 * Amana's own tables. Each feature declares its tables in its own `schema.ts` and adds them here,
 * so one Kysely instance types every query. Migrations in ./migrations create exactly these.
 */
export interface Database
  extends FoundationTables,
    VaultTables,
    AuditTables,
    PolicyTables,
    ConsentTables,
    MailTables,
    StaffTables,
    RequestTables {}

export interface FoundationTables {
  amana_meta: AmanaMetaTable
}

export interface AmanaMetaTable {
  key: string
  value: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}
