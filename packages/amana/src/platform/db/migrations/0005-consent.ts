import { type Kysely, sql } from 'kysely'

// The consent ledger is append-only: a trigger refuses UPDATE and DELETE on consent_record, so no
// code path (ours or a hand-typed query) can rewrite proof. consent_state and consent_subject are
// projections maintained in the same transaction as each append.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('consent_record')
    .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('id', 'uuid', (c) => c.notNull().unique())
    .addColumn('subject_hash', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('gpc', 'boolean', (c) => c.notNull())
    .addColumn('conflict', 'boolean', (c) => c.notNull())
    .addColumn('child', 'boolean', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('consent_record_subject')
    .on('consent_record')
    .columns(['subject_hash', 'seq'])
    .execute()
  await db.schema
    .createIndex('consent_record_recorded_at')
    .on('consent_record')
    .column('recorded_at')
    .execute()
  await sql`create function amana_consent_record_append_only() returns trigger language plpgsql as $$
    begin raise exception 'consent_record is append-only'; end $$`.execute(db)
  await sql`create trigger consent_record_append_only before update or delete on consent_record
    for each row execute function amana_consent_record_append_only()`.execute(db)

  await db.schema
    .createTable('consent_state')
    .addColumn('subject_hash', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('granted', 'boolean', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('record_seq', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('consent_state_pk', ['subject_hash', 'target', 'target_id', 'channel'])
    .execute()

  await db.schema
    .createTable('consent_subject')
    .addColumn('subject_hash', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction', 'text')
    .addColumn('gpc', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('child', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('restricted', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('consent_subject').execute()
  await db.schema.dropTable('consent_state').execute()
  await db.schema.dropTable('consent_record').execute()
  await sql`drop function amana_consent_record_append_only()`.execute(db)
}
