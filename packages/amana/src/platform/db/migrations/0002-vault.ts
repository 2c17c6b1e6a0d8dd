import { type Kysely, sql } from 'kysely'

// Main-database part of the vault. Data keys live in the separate key store (vault/key-store.ts).
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('vault_blind_index')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('vault_blind_index_pk', ['kind', 'digest', 'subject_id'])
    .execute()
  await db.schema
    .createIndex('vault_blind_index_subject')
    .on('vault_blind_index')
    .column('subject_id')
    .execute()
  await db.schema
    .createTable('vault_token')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lookup', 'text', (c) => c.unique())
    .addColumn('ciphertext', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('shredded_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('vault_token_subject').on('vault_token').column('subject_id').execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable('vault_token').execute()
  await db.schema.dropTable('vault_blind_index').execute()
}
