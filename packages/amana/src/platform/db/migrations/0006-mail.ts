import { type Kysely, sql } from 'kysely'

// The outbox holds each message until the SMTP server accepted it; the job retries with backoff.
// Addresses are stored because the message must be sent; suppressions hold only keyed hashes.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('recipient_hash', 'text', (c) => c.notNull())
    .addColumn('subject_hash', 'text')
    .addColumn('purpose', 'text')
    .addColumn('message', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('mail_outbox_status')
    .on('mail_outbox')
    .columns(['status', 'created_at'])
    .execute()
  await db.schema
    .createTable('mail_suppression')
    .addColumn('recipient_hash', 'text', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mail_suppression_pk', ['recipient_hash', 'list'])
    .execute()
  await db.schema
    .createTable('mail_unsubscribe_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('recipient_hash', 'text', (c) => c.notNull())
    .addColumn('subject_hash', 'text')
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('mail_unsubscribe_token').execute()
  await db.schema.dropTable('mail_suppression').execute()
  await db.schema.dropTable('mail_outbox').execute()
}
