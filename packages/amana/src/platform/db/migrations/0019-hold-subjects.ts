import { type Kysely, sql } from 'kysely'

// dsr_hold.subject_index: the blind indexes (keyed hashes, never the values) of the email and phone
// the request that made a hold was filed under, copied when the hold is recorded (before the
// request's own copies are shredded). An open request, complaint or incident about that person
// pauses the hold's expiry (retention/hold-expiry.ts); the column is emptied when the hold ends.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .alterTable('dsr_hold')
    .addColumn('subject_index', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('dsr_hold').dropColumn('subject_index').execute()
}
