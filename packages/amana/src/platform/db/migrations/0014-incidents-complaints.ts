import { type Kysely, sql } from 'kysely'

// Incidents and breaches, their scope and notices; privacy complaints (issue 19). No address or name
// is stored here: an affected person is a reference into the shop's system (system:table:key), read
// again from the shop when a notice is sent; a complaint's address is sealed by the vault.
// long-function: a migration reads as the schema it creates, one table after another
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`create table incident (
    id text primary key,
    reference text not null unique,
    status text not null,
    discovered_at timestamptz not null,
    summary text not null,
    systems jsonb not null,
    categories jsonb not null,
    team jsonb not null,
    experts jsonb not null,
    scope jsonb,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    closed_at timestamptz
  )`.execute(db)
  await sql`create table incident_event (
    id bigserial primary key,
    incident_id text not null references incident (id),
    at timestamptz not null,
    actor text not null,
    kind text not null,
    note text not null
  )`.execute(db)
  await sql`create index incident_event_incident on incident_event (incident_id, id)`.execute(db)
  await sql`create table incident_attachment (
    id text primary key,
    incident_id text not null references incident (id),
    filename text not null,
    content_type text not null,
    bytes bytea not null,
    created_at timestamptz not null
  )`.execute(db)
  await sql`create table incident_subject (
    incident_id text not null references incident (id),
    subject_ref text not null,
    jurisdiction text not null,
    country text,
    locale text,
    categories jsonb not null,
    primary key (incident_id, subject_ref)
  )`.execute(db)
  // One notice per person per incident, ever: the primary key is what stops a second send.
  await sql`create table incident_notice (
    incident_id text not null references incident (id),
    subject_ref text not null,
    locale text not null,
    outbox_id text,
    status text not null,
    sent_at timestamptz not null,
    primary key (incident_id, subject_ref)
  )`.execute(db)
  await sql`create table incident_reminder (
    incident_id text not null references incident (id),
    clock text not null,
    sent_at timestamptz not null,
    primary key (incident_id, clock)
  )`.execute(db)
  await sql`create table complaint (
    id text primary key,
    reference text not null unique,
    channel text not null,
    locale text not null,
    subject_ref text,
    contact_enc text,
    vault_subject text not null,
    summary_enc text not null,
    status text not null,
    assignee text,
    resolution text,
    received_at timestamptz not null,
    due_at timestamptz not null,
    acknowledged_at timestamptz,
    resolved_at timestamptz
  )`.execute(db)
  await sql`create index complaint_due on complaint (status, due_at)`.execute(db)
  await sql`create table complaint_event (
    id bigserial primary key,
    complaint_id text not null references complaint (id),
    at timestamptz not null,
    actor text not null,
    kind text not null,
    note text not null
  )`.execute(db)
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of [
    'complaint_event',
    'complaint',
    'incident_reminder',
    'incident_notice',
    'incident_subject',
    'incident_attachment',
    'incident_event',
    'incident',
  ])
    await sql`drop table ${sql.table(table)}`.execute(db)
}
