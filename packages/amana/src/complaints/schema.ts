import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date, Date>
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>

/** Complaint tables (migration 0014-incidents-complaints). */
export interface ComplaintTables {
  complaint: ComplaintTable
  complaint_event: ComplaintEventTable
}

export interface ComplaintTable {
  id: string
  reference: string
  channel: string
  locale: string
  /** The shop's reference for the person (e.g. customer/2) when known: their deletion is frozen meanwhile. */
  subject_ref: string | null
  /** The address to answer, sealed under the complaint's own vault subject. */
  contact_enc: string | null
  vault_subject: string
  summary_enc: string
  status: string
  assignee: string | null
  resolution: string | null
  received_at: Timestamp
  due_at: Timestamp
  acknowledged_at: NullableTimestamp
  resolved_at: NullableTimestamp
}

export interface ComplaintEventTable {
  id: Generated<string>
  complaint_id: string
  at: Timestamp
  actor: string
  kind: string
  note: string
}

declare module '../platform/db/schema.ts' {
  interface Database extends ComplaintTables {}
}
