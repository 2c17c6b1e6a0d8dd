import { type Kysely, sql } from 'kysely'

// Sent mail no longer keeps its address or body: they carried the person's address, verification
// codes and status-page links in clear, readable in any copy of the database long after erasure.
// The columns become nullable (new messages are sealed in `message` with `recipient` null while
// they wait); rows already sent, suppressed or failed are purged now. Rows still queued stay as they
// are (a migration has no key to seal them) and are purged when they are sent. Every token
// Amana itself stores was already a hash (status tokens, download links, codes, unsubscribe
// tokens), so the outbox bodies were the only clear copies to remove.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table mail_outbox alter column recipient drop not null`.execute(db)
  await sql`alter table mail_outbox alter column message drop not null`.execute(db)
  await sql`update mail_outbox set recipient = null, message = null, last_error = null
    where status in ('sent', 'suppressed', 'failed')`.execute(db)
}

// Purged rows cannot be restored; going down keeps them, with an empty address and body.
export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`update mail_outbox set recipient = '', message = '{}'::jsonb where recipient is null`.execute(db)
  await sql`alter table mail_outbox alter column message set not null`.execute(db)
  await sql`alter table mail_outbox alter column recipient set not null`.execute(db)
}
