import type { ColumnType, Generated, JSONColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date, Date>
type Json<T extends object> = JSONColumnType<T, string, string>

/** Incident tables (migration 0014-incidents-complaints). */
export interface IncidentTables {
  incident: IncidentTable
  incident_event: IncidentEventTable
  incident_attachment: IncidentAttachmentTable
  incident_subject: IncidentSubjectTable
  incident_notice: IncidentNoticeTable
  incident_reminder: IncidentReminderTable
}

export interface IncidentTable {
  id: string
  reference: string
  status: string
  discovered_at: Timestamp
  summary: string
  systems: Json<string[]>
  categories: Json<string[]>
  team: Json<string[]>
  experts: Json<string[]>
  scope: JSONColumnType<StoredScope | null, string | null, string | null>
  created_at: Timestamp
  updated_at: Timestamp
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

/**
 * One group of people the scope found, and why: rows of a breached table in the window (`table`,
 * source `system.table`, column the time column), hand-overs to a processor (`processor`) or reads by
 * an account (`account`) in Amana's ledger (entries: how many ledger entries).
 */
export interface StoredGroup {
  readonly id: string
  readonly kind: 'table' | 'processor' | 'account'
  readonly source: string
  readonly column: string
  readonly entries: number
  readonly people: number
}

export interface StoredScope {
  readonly tables: readonly { system: string; table: string; timeColumn: string }[]
  /** Processors and accounts read from the ledger (absent in scopes saved before they existed). */
  readonly processors?: readonly string[]
  readonly accounts?: readonly string[]
  readonly groups?: readonly StoredGroup[]
  readonly from: string
  readonly to: string
  readonly categories: readonly string[]
  readonly people: Readonly<Record<string, number>>
  /** Categories whose breached fields were vaulted or crypto-shredded (lowers the risk). */
  readonly protected: readonly string[]
}

export interface IncidentEventTable {
  id: Generated<string>
  incident_id: string
  at: Timestamp
  actor: string
  kind: string
  note: string
}

export interface IncidentAttachmentTable {
  id: string
  incident_id: string
  filename: string
  content_type: string
  bytes: Buffer
  created_at: Timestamp
}

export interface IncidentSubjectTable {
  incident_id: string
  subject_ref: string
  jurisdiction: string
  country: string | null
  locale: string | null
  categories: Json<string[]>
  /** How the jurisdiction was chosen (declared-country, phone-guess, home-guess); migration 0017. */
  placed_by: string | null
  /** How the notice language was chosen (declared-language, name-guess, staff, none). */
  locale_by: string | null
  /** The scope groups the person was found by. */
  groups: JSONColumnType<string[] | null, string | null, string | null>
}

export interface IncidentNoticeTable {
  incident_id: string
  subject_ref: string
  locale: string
  outbox_id: string | null
  status: string
  sent_at: Timestamp
}

export interface IncidentReminderTable {
  incident_id: string
  clock: string
  sent_at: Timestamp
}

declare module '../platform/db/schema.ts' {
  interface Database extends IncidentTables {}
}
