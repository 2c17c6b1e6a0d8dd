import type { ColumnType, Generated, JSONColumnType } from 'kysely'
import type { RecordItem } from './domain/consent-record.ts'

/** Consent tables (migration 0005-consent). */
export interface ConsentTables {
  consent_record: ConsentRecordTable
  consent_state: ConsentStateTable
  consent_subject: ConsentSubjectTable
}

/** One ledger entry; never updated or deleted (a trigger refuses both). */
export interface ConsentRecordTable {
  seq: ColumnType<string, never, never>
  id: string
  /** Keyed hash of `<kind>:<id>`; the identifier itself is never stored. */
  subject_hash: string
  subject_kind: string
  method: string
  items: JSONColumnType<RecordItem[], string, never>
  policy_version: string
  notice: string
  locale: string
  jurisdiction: string
  source: string
  gpc: boolean
  conflict: boolean
  child: boolean
  recorded_at: ColumnType<Date, Date, never>
}

/** Projection: the latest choice per subject, target (purpose or banner category) and channel. */
export interface ConsentStateTable {
  subject_hash: string
  target: 'purpose' | 'category'
  target_id: string
  /** `*` when the choice covers every channel. */
  channel: string
  granted: boolean
  method: string
  record_seq: ColumnType<string, string | number, string | number>
  recorded_at: ColumnType<Date, Date, Date>
}

export interface ConsentSubjectTable {
  subject_hash: string
  jurisdiction: string | null
  gpc: Generated<boolean>
  child: Generated<boolean>
  /** Purposes restricted by a data-subject request; `["*"]` for all; null when none. */
  restricted: JSONColumnType<string[] | null, string | null, string | null>
  updated_at: ColumnType<Date, Date, Date>
}

// The feature adds its tables to the one Database type (platform/db knows no feature).
declare module '../platform/db/schema.ts' {
  interface Database extends ConsentTables {}
}
