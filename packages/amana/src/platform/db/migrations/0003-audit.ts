import { type Kysely, sql } from 'kysely'

// The readable columns are generated from the hashed `body` (a JSON array, see audit/domain/entry.ts),
// so editing one of them means editing the body, which verification detects.
const field = (index: number) => sql.raw(`(body::jsonb ->> ${index})`)

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('audit_entry')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.generatedAlwaysAs(sql`to_timestamp(${field(2)}::float8 / 1000)`).stored())
    .addColumn('actor_type', 'text', (c) => c.generatedAlwaysAs(field(3)).stored())
    .addColumn('actor_id', 'text', (c) => c.generatedAlwaysAs(field(4)).stored())
    .addColumn('action', 'text', (c) => c.generatedAlwaysAs(field(5)).stored())
    .addColumn('subject_id', 'text', (c) => c.generatedAlwaysAs(field(6)).stored())
    .addColumn('request_id', 'text', (c) => c.generatedAlwaysAs(field(11)).stored())
    .execute()
  await db.schema.createIndex('audit_entry_at').on('audit_entry').column('at').execute()
  await db.schema.createIndex('audit_entry_subject').on('audit_entry').columns(['subject_id', 'seq']).execute()
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
