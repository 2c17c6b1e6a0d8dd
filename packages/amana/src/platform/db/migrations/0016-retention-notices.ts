import { type Kysely, sql } from 'kysely'

// Inactivity notices (retention/notices.ts). retention_clock.locale: the language a subject's last
// event named (a sign-in in Arabic), for the notice. retention_notice: one row per subject, rule and
// last-activity time, claimed before the mail is queued, so nothing is sent twice; a later sign-in
// leaves the row behind (cancelled_at) and deletion waits for a notice about the current clock.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table retention_clock add column locale text`.execute(db)
  await db.schema
    .createTable('retention_notice')
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('clock_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('delete_on', 'timestamptz', (c) => c.notNull())
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'timestamptz')
    .addPrimaryKeyConstraint('retention_notice_pk', ['subject_ref', 'target', 'clock_at'])
    .execute()
  await sql`create index retention_notice_due on retention_notice (target, delete_on) where cancelled_at is null`.execute(
    db,
  )
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('retention_notice').execute()
  await sql`alter table retention_clock drop column locale`.execute(db)
}
