import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

/** Retention's tables in Amana's main database (migration 0012-retention). */
export interface RetentionTables {
  retention_clock: RetentionClockTable
  subject_freeze: SubjectFreezeTable
  retention_run: RetentionRunTable
  retention_setting: RetentionSettingTable
  retention_notice: RetentionNoticeTable
}

/** An inactivity notice (migration 0016): one per subject, rule and last-activity time. */
export interface RetentionNoticeTable {
  subject_ref: string
  target: string
  clock_at: Timestamp
  locale: string
  delete_on: Timestamp
  queued_at: Timestamp
  outbox_id: string | null
  /** `queued`, or `no-address` when the shop holds no email for the person. */
  status: string
  cancelled_at: NullableTimestamp
}

/** When `event` last happened to a record (`record:system/table/key`) or a subject (`subject:kind/id`). */
export interface RetentionClockTable {
  ref: string
  event: string
  subject_kind: string | null
  subject_id: string | null
  system: string | null
  table_name: string | null
  record_key: string | null
  occurred_at: Timestamp
  /** The language the subject's last event named (`ar`), for notices; null when unknown. */
  locale: ColumnType<string | null, string | null | undefined, string | null>
}

/** Another feature's reason to leave a subject's rows alone; open while `released_at` is null. */
export interface SubjectFreezeTable {
  id: Generated<string>
  subject_ref: string
  reason_kind: string
  reason_id: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  released_at: NullableTimestamp
}

export interface RetentionRunTable {
  id: string
  trigger: string
  status: string
  as_of: Timestamp
  started_at: Timestamp
  finished_at: NullableTimestamp
  progress: ColumnType<unknown, string | undefined, string>
  counts: ColumnType<unknown, string | undefined, string>
  digest: string | null
  error: string | null
}

export interface RetentionSettingTable {
  key: string
  value: ColumnType<unknown, string, string>
  updated_at: Timestamp
}

declare module '../platform/db/schema.ts' {
  interface Database extends RetentionTables {}
}
