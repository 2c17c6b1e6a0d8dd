import { type Kysely, sql } from 'kysely'

// Incidents (issue 19): how each affected person's jurisdiction and notice language were chosen
// (declared in the shop's columns, or guessed and labelled so), and the scope groups (a breached
// table, a processor's hand-overs, an account's reads in the audit ledger) the person was found by.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table incident_subject add column placed_by text`.execute(db)
  await sql`alter table incident_subject add column locale_by text`.execute(db)
  await sql`alter table incident_subject add column groups jsonb`.execute(db)
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table incident_subject drop column groups`.execute(db)
  await sql`alter table incident_subject drop column locale_by`.execute(db)
  await sql`alter table incident_subject drop column placed_by`.execute(db)
}
