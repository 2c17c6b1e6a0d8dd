import type { Kysely } from 'kysely'

// Data-subject requests. Personal values (email, phone, details) are stored only as vault ciphertext
// under the request's own subject key, with blind indexes for lookup, so shredding the key erases
// Amana's copies. dsr_event is the request's history; dsr_step the execution log a resumed worker
// continues from.
// long-function: a migration: one version's DDL, read top to bottom as the tables it creates
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('dsr_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('jurisdictions', 'jsonb', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('email_enc', 'text')
    .addColumn('email_index', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_index', 'text')
    .addColumn('customer_id_enc', 'text')
    .addColumn('details_enc', 'text')
    .addColumn('order_number_enc', 'text')
    .addColumn('agent_name_enc', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('requester_kind', 'text', (c) => c.notNull())
    .addColumn('verification', 'text')
    .addColumn('needs_approval', 'boolean', (c) => c.notNull())
    .addColumn('status_token_hash', 'text', (c) => c.notNull())
    .addColumn('ip_hash', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz')
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline_source', 'text', (c) => c.notNull())
    .addColumn('max_extended_due_at', 'timestamptz')
    .addColumn('extended_due_at', 'timestamptz')
    .addColumn('extension_reason', 'text')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('denial_reason', 'text')
    .addColumn('merged_into', 'uuid')
    .addColumn('changes', 'jsonb')
    .addColumn('last_error', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('reminder_sent_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dsr_request_queue').on('dsr_request').columns(['status', 'due_at']).execute()
  await db.schema.createIndex('dsr_request_email').on('dsr_request').column('email_index').execute()
  await db.schema
    .createIndex('dsr_request_lease')
    .on('dsr_request')
    .columns(['status', 'lease_until'])
    .execute()

  await db.schema
    .createTable('dsr_event')
    .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dsr_event_request').on('dsr_event').columns(['request_id', 'seq']).execute()

  await db.schema
    .createTable('dsr_code')
    .addColumn('request_id', 'uuid', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('dsr_rate')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dsr_rate_pk', ['bucket', 'window_start'])
    .execute()

  await db.schema
    .createTable('dsr_step')
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('dsr_step_pk', ['request_id', 'step'])
    .execute()

  await db.schema
    .createTable('dsr_file')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('key_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('dsr_file_request').on('dsr_file').columns(['request_id', 'kind']).execute()

  await db.schema
    .createTable('dsr_download')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('file_id', 'uuid', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('dsr_task')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('dsr_task_once', ['request_id', 'step', 'target'])
    .execute()

  await db.schema
    .createTable('dsr_notice')
    .addColumn('request_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('dsr_notice_pk', ['request_id', 'kind'])
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const t of [
    'dsr_notice',
    'dsr_task',
    'dsr_download',
    'dsr_file',
    'dsr_step',
    'dsr_rate',
    'dsr_code',
    'dsr_event',
    'dsr_request',
  ])
    await db.schema.dropTable(t).execute()
}
