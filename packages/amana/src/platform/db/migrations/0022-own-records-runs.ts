import { type Kysely, sql } from 'kysely'

// Each pass of the own-records sweep (own-records/sweep.ts): when, what started it, how many records
// of each kind it deleted or reduced and the periods it applied, for the console's retention page.
// Counts and periods only, never a value.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`create table own_records_run (
    seq bigint generated always as identity primary key,
    trigger text not null,
    as_of timestamptz not null,
    counts jsonb not null,
    periods jsonb not null
  )`.execute(db)
  await sql`create index own_records_run_as_of on own_records_run (as_of)`.execute(db)
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('own_records_run').execute()
}
