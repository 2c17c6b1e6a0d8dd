import { type Kysely, sql } from 'kysely'

// Fixed-window request counters shared by every Amana process on this database
// (platform/http/rate-limit-store.ts). One row per limited key, holding a keyed hash of the client
// address, never the address. Rows whose window has ended are deleted as the limiter runs.
// Unlogged: the counters are worth nothing after a crash, and a hit need not wait for the WAL.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`create unlogged table rate_limit (
    key text primary key,
    count integer not null,
    window_ends_at timestamptz not null
  )`.execute(db)
  await sql`create index rate_limit_window_ends_at on rate_limit (window_ends_at)`.execute(db)
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table rate_limit`.execute(db)
}
