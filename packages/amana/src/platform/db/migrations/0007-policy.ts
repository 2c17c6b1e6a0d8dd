import { type Kysely, sql } from 'kysely'

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('policy_version')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('manifest_hash', 'text', (c) => c.notNull().unique())
    .addColumn('manifest', 'jsonb', (c) => c.notNull())
    .addColumn('documents', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  // Published versions are immutable: the database refuses edits and deletions, whoever asks.
  await sql`create function policy_version_immutable() returns trigger language plpgsql as $$
    begin raise exception 'published policy versions are immutable'; end $$`.execute(db)
  await sql`create trigger policy_version_no_change before update or delete on policy_version
    for each row execute function policy_version_immutable()`.execute(db)
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('policy_version').execute()
  await sql`drop function if exists policy_version_immutable()`.execute(db)
}
