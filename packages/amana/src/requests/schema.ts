import type { ColumnType, Generated, JSONColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date, Date>
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>

/** Data-subject request tables (migration 0008-requests). */
export interface RequestTables {
  dsr_request: DsrRequestTable
  dsr_event: DsrEventTable
  dsr_code: DsrCodeTable
  dsr_rate: DsrRateTable
  dsr_step: DsrStepTable
  dsr_file: DsrFileTable
  dsr_download: DsrDownloadTable
  dsr_task: DsrTaskTable
  dsr_notice: DsrNoticeTable
  dsr_system_step: DsrSystemStepTable
  dsr_hold: DsrHoldTable
}

export interface DsrRequestTable {
  id: string
  reference: string
  type: string
  status: string
  locale: string
  country: string | null
  jurisdictions: JSONColumnType<string[], string, string>
  /** Vault subject of this request's own copies: shredding it makes them unreadable. */
  subject_id: string
  email_enc: string | null
  email_index: string | null
  phone_enc: string | null
  phone_index: string | null
  customer_id_enc: string | null
  details_enc: string | null
  order_number_enc: string | null
  agent_name_enc: string | null
  channel: string
  requester_kind: string
  verification: string | null
  needs_approval: boolean
  status_token_hash: string
  ip_hash: string | null
  received_at: Timestamp
  verified_at: NullableTimestamp
  due_at: Timestamp
  deadline_source: string
  max_extended_due_at: NullableTimestamp
  extended_due_at: NullableTimestamp
  extension_reason: string | null
  completed_at: NullableTimestamp
  denial_reason: string | null
  merged_into: string | null
  changes: JSONColumnType<unknown[] | null, string | null, string | null>
  last_error: string | null
  lease_owner: string | null
  lease_until: NullableTimestamp
  reminder_sent_at: NullableTimestamp
  updated_at: Timestamp
}

export interface DsrEventTable {
  seq: ColumnType<string, never, never>
  request_id: string
  at: Timestamp
  actor_type: string
  actor_id: string
  kind: string
  from_status: string | null
  to_status: string | null
  details: JSONColumnType<Record<string, unknown>, string, string>
}

export interface DsrCodeTable {
  request_id: string
  code_hash: string
  expires_at: Timestamp
  attempts: Generated<number>
  sent_at: Timestamp
}

export interface DsrRateTable {
  bucket: string
  window_start: Timestamp
  count: number
}

export interface DsrStepTable {
  request_id: string
  step: string
  position: number
  status: 'pending' | 'running' | 'done' | 'failed' | 'waiting'
  attempts: Generated<number>
  result: JSONColumnType<Record<string, unknown> | null, string | null, string | null>
  error: string | null
  started_at: NullableTimestamp
  finished_at: NullableTimestamp
}

export interface DsrFileTable {
  id: string
  request_id: string
  kind: 'proof' | 'package' | 'collected' | 'seeds' | 'erase-files'
  name: string
  content_type: string
  size: number
  /** The file's AES key, sealed by the vault under the request's subject. */
  key_enc: string
  created_at: Timestamp
  expires_at: NullableTimestamp
}

export interface DsrDownloadTable {
  token_hash: string
  request_id: string
  file_id: string
  expires_at: Timestamp
  used_at: NullableTimestamp
}

export interface DsrTaskTable {
  id: string
  request_id: string
  step: string
  /** The task in English, as made (for older readers and logs); readers render `code` and `params`. */
  title: string
  target: string
  /** What the task is about, as a code and its values (migration 0021; see domain/staff-task.ts); null on a task whose title said nothing derivable. */
  code: ColumnType<string | null, string | null | undefined, string | null>
  params: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>
  state: 'open' | 'done'
  evidence: string | null
  done_by: string | null
  done_at: NullableTimestamp
  created_at: Timestamp
}

export interface DsrNoticeTable {
  request_id: string
  kind: string
  created_at: Timestamp
}

/** What one system changed in one table: counts and column names, never values. */
/** What a hold's period counts from: the row's event column, the shop's recorded event time, or the erasure. */
export type CountedFrom =
  | { kind: 'column'; event: string; column: string }
  | { kind: 'recorded'; event: string }
  | { kind: 'erasure'; event: string }

export type SystemChange = {
  table: string
  action: string
  rows: number
  columns: string[]
  /** `countedFrom`: what the hold's period counts from, as a code and its values (rendered per language). */
  held?: { columns: string[]; until: string | null; from?: string; countedFrom?: CountedFrom }[]
  skipped?: { column: string; reason: string; rows: number }[]
}

/** One system's part of a step (migration 0011): recorded before it starts and after it commits. */
export interface DsrSystemStepTable {
  request_id: string
  step: string
  system: string
  status: 'running' | 'committing' | 'done' | 'failed' | 'waiting'
  attempts: Generated<number>
  /** What the system changed: counts per table and column, never values. */
  changes: ColumnType<SystemChange[] | null, string | null, string | null>
  /** What an attempt was about to commit, written before its commit (migration 0018). */
  intent: ColumnType<SystemChange[] | null, string | null, string | null>
  /** Set when the record was completed by a recovery after a crash between commit and record. */
  recovered_at: NullableTimestamp
  error: string | null
  started_at: Timestamp
  finished_at: NullableTimestamp
}

/** What a legal hold kept on erasure, until when (migration 0011). */
export interface DsrHoldTable {
  id: string
  request_id: string
  system: string
  table_name: string
  /** Columns kept; empty: the whole rows. */
  columns: JSONColumnType<string[], string, string>
  /** Primary keys of the kept rows in `table_name`. */
  row_keys: JSONColumnType<unknown[][], string, string>
  reason: ColumnType<string | Record<string, string>, string, string>
  law: string | null
  /** Null: a hold without an end. */
  until: NullableTimestamp
  /** What the period counts from, in words (migration 0018); null on holds recorded before it. */
  counted_from: string | null
  /** Blind indexes of the request's email and phone (migration 0019): a freeze on them pauses the hold's end. */
  subject_index: ColumnType<string[], string | undefined, string>
  created_at: Timestamp
  finished_at: NullableTimestamp
}

// The feature adds its tables to the one Database type (platform/db knows no feature).
declare module '../platform/db/schema.ts' {
  interface Database extends RequestTables {}
}
