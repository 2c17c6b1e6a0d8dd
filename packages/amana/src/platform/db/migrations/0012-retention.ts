import { type Kysely, sql } from 'kysely'

// Retention (retention/). retention_clock: when an event happened to a record or a subject, set by
// POST /v1/events, for rules whose table has no column timing that event; a repeated event resets it.
// subject_freeze: a subject whose rows no sweep may touch while the freeze is open (an open request,
// incident or complaint inserts one and sets released_at when it ends). retention_run: each sweep,
// its progress (a key cursor per rule target, so a crashed sweep resumes where its last batch
// committed), its counts and the digest the audit entry carries. retention_setting: the pause switch
// and the lease that keeps two workers from sweeping at once.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('retention_clock')
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('system', 'text')
    .addColumn('table_name', 'text')
    .addColumn('record_key', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('retention_clock_pk', ['ref', 'event'])
    .execute()
  await sql`create index retention_clock_records on retention_clock (system, table_name, event, record_key)`.execute(
    db,
  )
  await sql`create index retention_clock_subjects on retention_clock (subject_kind, event, subject_id)`.execute(
    db,
  )
  await db.schema
    .createTable('subject_freeze')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject_ref', 'text', (c) => c.notNull())
    .addColumn('reason_kind', 'text', (c) => c.notNull())
    .addColumn('reason_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('released_at', 'timestamptz')
    .execute()
  await sql`create index subject_freeze_open on subject_freeze (subject_ref) where released_at is null`.execute(
    db,
  )
  await db.schema
    .createTable('retention_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('as_of', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('progress', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('digest', 'text')
    .addColumn('error', 'text')
    .execute()
  await sql`create index retention_run_started on retention_run (started_at desc)`.execute(db)
  await db.schema
    .createTable('retention_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('retention_setting').execute()
  await db.schema.dropTable('retention_run').execute()
  await db.schema.dropTable('subject_freeze').execute()
  await db.schema.dropTable('retention_clock').execute()
}
