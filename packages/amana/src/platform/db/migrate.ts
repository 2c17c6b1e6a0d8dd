import type { Kysely } from 'kysely'
import { type MigrationResultSet, Migrator } from 'kysely/migration'
import { AmanaError } from '../errors/index.ts'
import { migrations } from './migrations/index.ts'

const migrator = (db: Kysely<unknown>) =>
  new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'amana_migration',
    migrationLockTableName: 'amana_migration_lock',
  })

export interface MigrationOutcome {
  readonly applied: readonly string[]
}

/** Brings the schema to the latest version. Kysely's migrator never throws; failures become AmanaError here. */
export const migrateToLatest = async <DB>(db: Kysely<DB>): Promise<MigrationOutcome> => {
  const result: MigrationResultSet = await migrator(db as Kysely<unknown>).migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new AmanaError(
      'DATABASE_NOT_MIGRATED',
      `Migration ${failed} failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`,
      { migration: failed },
      { cause: result.error },
    )
  }
  return { applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}

export interface MigrationStatus {
  readonly current: boolean
  readonly pending: readonly string[]
}

export const migrationStatus = async <DB>(db: Kysely<DB>): Promise<MigrationStatus> => {
  const list = await migrator(db as Kysely<unknown>).getMigrations()
  const pending = list.filter((m) => m.executedAt === undefined).map((m) => m.name)
  return { current: pending.length === 0, pending }
}
