import { type Kysely, sql } from 'kysely'
import { type Migration, Migrator } from 'kysely/migration'
import { type AmanaDatabase, type DatabaseTarget, openDatabase } from '../platform/db/index.ts'
import { AmanaError, isAmanaError } from '../platform/errors/index.ts'
import type { WrappedDataKey } from './domain/rewrap.ts'
import type { KeyStoreTables } from './schema.ts'

export type StoredDataKey =
  | { readonly kind: 'key'; readonly kekId: string; readonly wrapped: Buffer }
  | { readonly kind: 'shredded'; readonly at: Date }
  | { readonly kind: 'none' }

export interface RotationProgress {
  readonly id: number
  readonly targetKekId: string
  readonly cursor: string | null
  readonly rewrapped: number
  readonly startedAt: Date
  readonly finishedAt: Date | null
}

/**
 * Where wrapped data keys and shred tombstones live. Kept in a database of its own so that backups of
 * the main database never hold a data key: see docs/security.md, "Crypto-shredding".
 */
export interface KeyStore {
  find(subjectId: string): Promise<StoredDataKey>
  /** Stores a new data key unless one exists or the subject was shredded; returns what is stored now. */
  insert(key: WrappedDataKey): Promise<StoredDataKey>
  /** Deletes the wrapped key and records the tombstone, atomically. */
  shred(subjectId: string, at: Date): Promise<{ readonly alreadyShredded: boolean }>
  /** Keys not yet wrapped by `targetKekId`, in subject order after `cursor`. */
  listForRewrap(targetKekId: string, cursor: string | null, limit: number): Promise<WrappedDataKey[]>
  /** Compare-and-swap: replaces the wrapped key only if it is still `from` (a concurrent shred wins). */
  replace(from: WrappedDataKey, to: WrappedDataKey): Promise<boolean>
  countByKek(): Promise<ReadonlyMap<string, number>>
  rotation(targetKekId: string): Promise<RotationProgress | undefined>
  startRotation(targetKekId: string, at: Date): Promise<RotationProgress>
  saveRotation(
    id: number,
    progress: { cursor: string | null; rewrapped: number; finishedAt: Date | null },
  ): Promise<void>
}

const keyStoreMigrations: Record<string, Migration> = {
  '0001-key-store': {
    up: async (db) => {
      await db.schema
        .createTable('vault_data_key')
        .addColumn('subject_id', 'text', (c) => c.primaryKey())
        .addColumn('kek_id', 'text', (c) => c.notNull())
        .addColumn('wrapped', 'bytea', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute()
      await db.schema
        .createIndex('vault_data_key_kek')
        .on('vault_data_key')
        .columns(['kek_id', 'subject_id'])
        .execute()
      await db.schema
        .createTable('vault_shred')
        .addColumn('subject_id', 'text', (c) => c.primaryKey())
        .addColumn('shredded_at', 'timestamptz', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('vault_rotation')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('target_kek_id', 'text', (c) => c.notNull())
        .addColumn('cursor', 'text')
        .addColumn('rewrapped', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'timestamptz', (c) => c.notNull())
        .addColumn('finished_at', 'timestamptz')
        .execute()
    },
  },
}

/** Creates or updates the key store's tables. Its migrations are tracked apart from the main database's. */
export const migrateKeyStore = async (db: Kysely<KeyStoreTables>): Promise<void> => {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => keyStoreMigrations },
    migrationTableName: 'amana_key_store_migration',
    migrationLockTableName: 'amana_key_store_migration_lock',
  })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    throw new AmanaError('DATABASE_NOT_MIGRATED', 'The vault key store could not be migrated.', undefined, {
      cause: result.error,
    })
  }
}

// Creating and shredding a subject's key both take this lock, so a shred can never race a creation
// and leave a key behind.
const lockSubject = (subjectId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`amana-vault:${subjectId}`}, 0))`

type KeyStoreDb = Kysely<KeyStoreTables>

const findKey = async (executor: KeyStoreDb, subjectId: string): Promise<StoredDataKey> => {
  const key = await executor
    .selectFrom('vault_data_key')
    .select(['kek_id', 'wrapped'])
    .where('subject_id', '=', subjectId)
    .executeTakeFirst()
  if (key) return { kind: 'key', kekId: key.kek_id, wrapped: Buffer.from(key.wrapped) }
  const shred = await executor
    .selectFrom('vault_shred')
    .select('shredded_at')
    .where('subject_id', '=', subjectId)
    .executeTakeFirst()
  return shred ? { kind: 'shredded', at: shred.shredded_at } : { kind: 'none' }
}

const insertKey = (db: KeyStoreDb, key: WrappedDataKey): Promise<StoredDataKey> =>
  db.transaction().execute(async (trx) => {
    await lockSubject(key.subjectId).execute(trx)
    const current = await findKey(trx, key.subjectId)
    if (current.kind !== 'none') return current
    await trx
      .insertInto('vault_data_key')
      .values({ subject_id: key.subjectId, kek_id: key.kekId, wrapped: key.wrapped })
      .execute()
    return { kind: 'key', kekId: key.kekId, wrapped: key.wrapped }
  })

const shredKey = (
  db: KeyStoreDb,
  subjectId: string,
  at: Date,
): Promise<{ readonly alreadyShredded: boolean }> =>
  db.transaction().execute(async (trx) => {
    await lockSubject(subjectId).execute(trx)
    const inserted = await trx
      .insertInto('vault_shred')
      .values({ subject_id: subjectId, shredded_at: at })
      .onConflict((oc) => oc.column('subject_id').doNothing())
      .executeTakeFirst()
    await trx.deleteFrom('vault_data_key').where('subject_id', '=', subjectId).execute()
    return { alreadyShredded: Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 }
  })

const listForRewrap = async (
  db: KeyStoreDb,
  targetKekId: string,
  cursor: string | null,
  limit: number,
): Promise<WrappedDataKey[]> => {
  let query = db
    .selectFrom('vault_data_key')
    .select(['subject_id', 'kek_id', 'wrapped'])
    .where('kek_id', '<>', targetKekId)
    .orderBy('subject_id')
    .limit(limit)
  if (cursor !== null) query = query.where('subject_id', '>', cursor)
  const rows = await query.execute()
  return rows.map((r) => ({ subjectId: r.subject_id, kekId: r.kek_id, wrapped: Buffer.from(r.wrapped) }))
}

const replaceKey = async (db: KeyStoreDb, from: WrappedDataKey, to: WrappedDataKey): Promise<boolean> => {
  const result = await db
    .updateTable('vault_data_key')
    .set({ kek_id: to.kekId, wrapped: to.wrapped })
    .where('subject_id', '=', from.subjectId)
    .where('kek_id', '=', from.kekId)
    .where('wrapped', '=', from.wrapped)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

const countByKek = async (db: KeyStoreDb): Promise<ReadonlyMap<string, number>> => {
  const rows = await db
    .selectFrom('vault_data_key')
    .select(['kek_id', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('kek_id')
    .execute()
  return new Map(rows.map((r) => [r.kek_id, Number(r.n)]))
}

const toProgress = (row: {
  id: number
  target_kek_id: string
  cursor: string | null
  rewrapped: number
  started_at: Date
  finished_at: Date | null
}): RotationProgress => ({
  id: row.id,
  targetKekId: row.target_kek_id,
  cursor: row.cursor,
  rewrapped: row.rewrapped,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
})

const latestRotation = async (db: KeyStoreDb, targetKekId: string): Promise<RotationProgress | undefined> => {
  const row = await db
    .selectFrom('vault_rotation')
    .selectAll()
    .where('target_kek_id', '=', targetKekId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toProgress(row) : undefined
}

const startRotation = async (db: KeyStoreDb, targetKekId: string, at: Date): Promise<RotationProgress> => {
  const row = await db
    .insertInto('vault_rotation')
    .values({ target_kek_id: targetKekId, cursor: null, started_at: at })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toProgress(row)
}

const saveRotation = async (
  db: KeyStoreDb,
  id: number,
  progress: { cursor: string | null; rewrapped: number; finishedAt: Date | null },
): Promise<void> => {
  await db
    .updateTable('vault_rotation')
    .set({ cursor: progress.cursor, rewrapped: progress.rewrapped, finished_at: progress.finishedAt })
    .where('id', '=', id)
    .execute()
}

export const createKeyStore = (db: KeyStoreDb): KeyStore => ({
  find: (subjectId) => findKey(db, subjectId),
  insert: (key) => insertKey(db, key),
  shred: (subjectId, at) => shredKey(db, subjectId, at),
  listForRewrap: (targetKekId, cursor, limit) => listForRewrap(db, targetKekId, cursor, limit),
  replace: (from, to) => replaceKey(db, from, to),
  countByKek: () => countByKek(db),
  rotation: (targetKekId) => latestRotation(db, targetKekId),
  startRotation: (targetKekId, at) => startRotation(db, targetKekId, at),
  saveRotation: (id, progress) => saveRotation(db, id, progress),
})

export interface OpenedKeyStore {
  readonly keyStore: KeyStore
  readonly database: AmanaDatabase
}

/**
 * Opens (and migrates) a key store in its own database: a PGlite data directory beside, not inside, the
 * main one, or a PostgreSQL database other than the main one.
 */
export const openKeyStore = async (target: DatabaseTarget): Promise<OpenedKeyStore> => {
  const database = await openDatabase(target).catch((error: unknown) => {
    // openDatabase names AMANA_DATABASE_URL; the operator must look at the key store's own variable.
    if (!isAmanaError(error) || error.code !== 'DATABASE_UNREACHABLE' || target.kind !== 'postgres')
      throw error
    throw new AmanaError(
      'DATABASE_UNREACHABLE',
      error.message.replace('Check AMANA_DATABASE_URL', 'Check AMANA_KEYSTORE_URL (the vault key store)'),
      error.details,
      { cause: error },
    )
  })
  const db = database.db as unknown as Kysely<KeyStoreTables>
  await migrateKeyStore(db)
  return { keyStore: createKeyStore(db), database }
}
