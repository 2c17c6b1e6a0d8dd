import type { ColumnType, Generated } from 'kysely'

/** Vault tables in Amana's main database (migration 0002-vault). They hold no key material. */
export interface VaultTables {
  vault_blind_index: VaultBlindIndexTable
  vault_token: VaultTokenTable
}

export interface VaultBlindIndexTable {
  kind: string
  /** base64url HMAC-SHA256 of the normalised value under the blind-index key. */
  digest: string
  subject_id: string
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface VaultTokenTable {
  token: string
  subject_id: string
  kind: string
  /** Keyed hash of (subject, kind, normalised value); null once the subject is shredded. */
  lookup: string | null
  /** Vault ciphertext of the value; null once the subject is shredded. */
  ciphertext: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
  shredded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/**
 * The key store: a SEPARATE database (its own PGlite data directory or PostgreSQL database), so that a
 * dump of the main database never contains a data key. See docs/security.md, "Crypto-shredding".
 */
export interface KeyStoreTables {
  vault_data_key: VaultDataKeyTable
  vault_shred: VaultShredTable
  vault_rotation: VaultRotationTable
}

export interface VaultDataKeyTable {
  subject_id: string
  kek_id: string
  /** The subject's 32-byte data key wrapped by the key-encryption key `kek_id`. */
  wrapped: Buffer
  created_at: ColumnType<Date, Date | string | undefined, never>
}

/** Tombstone: the subject's data key was destroyed at `shredded_at`. */
export interface VaultShredTable {
  subject_id: string
  shredded_at: ColumnType<Date, Date | string, never>
}

export interface VaultRotationTable {
  id: Generated<number>
  target_kek_id: string
  /** Last subject id re-wrapped, in key order; resume after it. */
  cursor: string | null
  rewrapped: ColumnType<number, number | undefined, number>
  started_at: ColumnType<Date, Date | string, never>
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

// The feature adds its tables to the one Database type (platform/db knows no feature).
declare module '../platform/db/schema.ts' {
  interface Database extends VaultTables {}
}
