import type { ColumnType, Generated, JSONColumnType } from 'kysely'

/** Mail tables (migration 0006-mail). */
export interface MailTables {
  mail_outbox: MailOutboxTable
  mail_suppression: MailSuppressionTable
  mail_unsubscribe_token: MailUnsubscribeTokenTable
}

/** A message queued before sealing (migration 0009): body in clear, address in `recipient`. */
export interface StoredMessage {
  readonly subject: string
  readonly text: string
  readonly html?: string
  readonly headers: Readonly<Record<string, string>>
}

/** Address and body sealed together (sealed-message.ts); `recipient` is then null. */
export interface SealedStoredMessage {
  readonly sealed: string
}

/**
 * One message. While it waits for the SMTP server its address and body are sealed in `message`;
 * once it is sent, suppressed or given up `message` is set to null (migration 0009), and what
 * remains is the proof: the keyed hash of the address, kind, purpose, status and timestamps.
 */
export interface MailOutboxTable {
  id: string
  kind: 'marketing' | 'transactional'
  recipient: string | null
  recipient_hash: string
  subject_hash: string | null
  purpose: string | null
  message: JSONColumnType<StoredMessage | SealedStoredMessage | null, string, string | null>
  status: 'queued' | 'sent' | 'suppressed' | 'failed'
  attempts: Generated<number>
  last_error: string | null
  created_at: ColumnType<Date, Date, never>
  sent_at: ColumnType<Date | null, never, Date>
}

export interface MailSuppressionTable {
  recipient_hash: string
  /** A marketing purpose id, or `*` for every marketing mail. */
  list: string
  reason: string
  created_at: ColumnType<Date, Date | undefined, never>
}

export interface MailUnsubscribeTokenTable {
  /** sha256 of the opaque token in the List-Unsubscribe URL. */
  token_hash: string
  recipient_hash: string
  subject_hash: string | null
  list: string
  created_at: ColumnType<Date, Date, never>
  used_at: ColumnType<Date | null, never, Date>
}
