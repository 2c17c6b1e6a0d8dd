import { type Kysely, sql } from 'kysely'

// `body` is what the hash covers (audit/domain/entry.ts). The readable columns are copies for filtering;
// verification checks them against the body. (Generated columns made appends ten times slower.)

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('audit_entry')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .execute()
  await db.schema.createIndex('audit_entry_at').on('audit_entry').column('at').execute()
  await db.schema
    .createIndex('audit_entry_subject')
    .on('audit_entry')
    .columns(['subject_id', 'seq'])
    .execute()
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db)
  await db.schema
    .createTable('audit_checkpoint')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('audit_checkpoint').execute()
  await db.schema.dropTable('audit_head').execute()
  await db.schema.dropTable('audit_entry').execute()
}
