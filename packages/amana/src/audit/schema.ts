import type { ColumnType } from 'kysely'

/** Audit ledger tables (migration 0003-audit). */
export interface AuditTables {
  audit_entry: AuditEntryTable
  audit_head: AuditHeadTable
  audit_checkpoint: AuditCheckpointTable
}

/**
 * One ledger entry. `body` is the canonical JSON the hash covers; the other readable columns are
 * GENERATED from it by PostgreSQL, so they cannot be edited apart from the hashed body.
 */
export interface AuditEntryTable {
  seq: ColumnType<string, string | number | bigint, never>
  body: string
  prev_hash: string
  hash: string
  at: ColumnType<Date, never, never>
  actor_type: ColumnType<string, never, never>
  actor_id: ColumnType<string, never, never>
  action: ColumnType<string, never, never>
  subject_id: ColumnType<string | null, never, never>
  request_id: ColumnType<string | null, never, never>
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
