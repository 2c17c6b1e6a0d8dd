/**
 * What the staff feature tells the audit ledger: every sign-in (success or failure), sign-out,
 * role change, key creation and revocation, and refused access. Never a password, key, token or
 * email: actors and targets are ids.
 */
export interface StaffAuditEvent {
  readonly action: StaffAuditAction
  readonly actor: { readonly type: 'staff' | 'api-key' | 'anonymous' | 'system'; readonly id: string }
  /** The staff member or API key acted on. */
  readonly target?: string
  readonly ip?: string
  readonly requestId?: string
  readonly details?: Readonly<Record<string, string | number | boolean>>
}

export type StaffAuditAction =
  | 'staff.login'
  | 'staff.login-failed'
  | 'staff.logout'
  | 'staff.invited'
  | 'staff.setup-completed'
  | 'staff.role-changed'
  | 'staff.role-change-refused'
  | 'staff.sessions-revoked'
  | 'staff.password-changed'
  | 'staff.language-changed'
  | 'staff.totp-enabled'
  | 'staff.totp-disabled'
  | 'staff.recovery-code-used'
  | 'api-key.created'
  | 'api-key.revoked'
  | 'api-key.refused'
  | 'access.refused'
  | 'audit.exported'

/** The minimal port the staff feature needs from the audit ledger. */
export interface AuditSink {
  append(event: StaffAuditEvent): Promise<void>
}

/** What the audit browser page needs from the ledger: filtered entries, newest first, and verification. */
export interface AuditBrowser {
  list(filter: AuditFilter): Promise<readonly AuditListEntry[]>
  verify(): Promise<{ ok: true; entries: number } | { ok: false; problem: string }>
  /** When the newest signed checkpoint was made; undefined before the first. */
  lastCheckpoint(): Promise<Date | undefined>
}

export interface AuditFilter {
  readonly actor?: string
  readonly action?: string
  readonly subject?: string
  readonly from?: Date
  readonly to?: Date
  /** Entries strictly older than this sequence number (paging). */
  readonly beforeSeq?: string
  readonly limit: number
}

export interface AuditListEntry {
  readonly seq: string
  readonly at: Date
  readonly actorType: string
  readonly actorId: string
  readonly action: string
  readonly subjectId: string | null
  /** What the entry acted on (a request's entries: the request id). */
  readonly target: string | null
}
