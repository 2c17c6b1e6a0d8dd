import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

/** Staff access tables (migration 0004-staff). */
export interface StaffTables {
  staff_member: StaffMemberTable
  staff_session: StaffSessionTable
  staff_recovery_code: StaffRecoveryCodeTable
  staff_api_key: StaffApiKeyTable
  staff_setup_token: StaffSetupTokenTable
  staff_login_attempt: StaffLoginAttemptTable
}

export interface StaffMemberTable {
  id: string
  /** Normalised (trimmed, lower-case); unique. */
  email: string
  role: string
  /** `scrypt$N=…,r=…,p=…$salt$hash`; null until the member follows their setup link. */
  password_hash: string | null
  /** AES-256-GCM sealed TOTP secret; set at enrolment, trusted only once `totp_enabled`. */
  totp_secret: string | null
  totp_enabled: ColumnType<boolean, boolean | undefined, boolean>
  /** The last accepted TOTP step: a code is never accepted twice. */
  totp_last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>
  /** 'en' or 'ar': the language of the mail Amana sends the member (migration 0023). */
  language: ColumnType<string, string | undefined, string>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface StaffSessionTable {
  /** HMAC of the opaque session id held in the cookie; the id itself is never stored. */
  id_hash: string
  staff_id: string
  /** 'active', or 'totp' while the second factor is awaited. */
  stage: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
  revoked_at: NullableTimestamp
}

export interface StaffApiKeyTable {
  id: string
  name: string
  /** `amana_live_` and 8 characters, for recognising a key in lists. */
  display_prefix: string
  key_hash: string
  /** JSON array of capabilities. */
  scopes: string
  created_by: string
  created_at: Timestamp
  last_used_at: NullableTimestamp
  revoked_at: NullableTimestamp
}

export interface StaffSetupTokenTable {
  token_hash: string
  /** The invited member; null for the first-owner link, whose email is chosen on the setup page. */
  staff_id: string | null
  /** 'first-owner' or 'invite'. */
  purpose: string
  created_at: Timestamp
  expires_at: Timestamp
  used_at: NullableTimestamp
}

export interface StaffLoginAttemptTable {
  id: Generated<string>
  /** 'email' or 'ip'. */
  kind: string
  /** HMAC of the email or IP (see domain/tokens.ts `attemptKey`). */
  key: string
  failed: boolean
  at: Timestamp
}

/** Single-use recovery codes for two-step verification (migration 0015); only keyed hashes. */
export interface StaffRecoveryCodeTable {
  code_hash: string
  staff_id: string
  created_at: Timestamp
  used_at: NullableTimestamp
}

// The feature adds its tables to the one Database type (platform/db knows no feature).
declare module '../platform/db/schema.ts' {
  interface Database extends StaffTables {}
}
