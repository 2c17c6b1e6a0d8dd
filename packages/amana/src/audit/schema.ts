import type { ColumnType } from 'kysely'

/** Audit ledger tables (migration 0003-audit). */
export interface AuditTables {
  audit_entry: AuditEntryTable
  audit_head: AuditHeadTable
  audit_checkpoint: AuditCheckpointTable
}

/**
 * One ledger entry. `body` is the canonical JSON the hash covers; `at`…`subject_id` are copies of its
 * first fields for filtering and indexes, checked against the body by verification.
 */
export interface AuditEntryTable {
  seq: ColumnType<string, string | number | bigint, never>
  body: string
  prev_hash: string
  hash: string
  at: ColumnType<Date, Date, never>
  actor_type: string
  actor_id: string
  action: string
  subject_id: string | null
}

/** A single row (id = 1): the chain head. Appends lock it FOR UPDATE, which serialises seq assignment. */
export interface AuditHeadTable {
  id: number
  seq: ColumnType<string, string | number | bigint, string | number | bigint>
  hash: string
}

export interface AuditCheckpointTable {
  seq: ColumnType<string, string | number | bigint, never>
  hash: string
  at: ColumnType<Date, Date | string, never>
  key_id: string
  /** base64url Ed25519 signature over the checkpoint statement (see domain/checkpoint.ts). */
  signature: string
}

// The feature adds its tables to the one Database type (platform/db knows no feature).
declare module '../platform/db/schema.ts' {
  interface Database extends AuditTables {}
}
