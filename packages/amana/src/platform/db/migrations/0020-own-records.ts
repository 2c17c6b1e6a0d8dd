import { type Kysely, sql } from 'kysely'

// Amana's own records follow their periods (manifest `ownRecords:`, the own-records sweep).
// dsr_request.reduced_at: when a closed request's record was reduced to a stub without personal data
// (its sealed values, blind indexes, IP hash and free text cleared, its vault key shredded).
// consent_record stays append-only for every code path but one: the sweep deletes records whose
// proof period ended inside a transaction that sets `amana.own_records_sweep` locally; UPDATE is
// still always refused.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('dsr_request').addColumn('reduced_at', 'timestamptz').execute()
  await sql`create or replace function amana_consent_record_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('amana.own_records_sweep', true) = 'on' then return old; end if;
      raise exception 'consent_record is append-only';
    end $$`.execute(db)
  await db.schema.createIndex('mail_outbox_sent_at').on('mail_outbox').columns(['sent_at']).execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropIndex('mail_outbox_sent_at').execute()
  await sql`create or replace function amana_consent_record_append_only() returns trigger language plpgsql as $$
    begin raise exception 'consent_record is append-only'; end $$`.execute(db)
  await db.schema.alterTable('dsr_request').dropColumn('reduced_at').execute()
}
