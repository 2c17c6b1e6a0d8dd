import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { type AmanaDatabase, migrateToLatest, openDatabase } from '../platform/db/index.ts'

/**
 * A fresh, migrated database for one test. PGlite by default, loaded from a template dump built once
 * per run by scripts/test.ts (AMANA_TEST_PGLITE_TEMPLATE) — about 0.6 s instead of 2–7 s.
 * With TEST_DATABASE_URL set, the same suites run on PostgreSQL: each test gets its own database
 * cloned from a migrated template database.
 */
export const createTestDatabase = async (): Promise<AmanaDatabase> => {
  const url = process.env.TEST_DATABASE_URL
  if (url) return createPostgresTestDatabase(url)
  const templatePath = process.env.AMANA_TEST_PGLITE_TEMPLATE
  if (templatePath) {
    const blob = new Blob([readFileSync(templatePath)])
    return openDatabase({ kind: 'pglite-memory', loadDataDir: blob })
  }
  const database = await openDatabase({ kind: 'pglite-memory' })
  await migrateToLatest(database.db)
  return database
}

/** Which engine the suites run on, for test names and skips. */
export const testEngine = (): 'postgres' | 'pglite' => (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite')

const createPostgresTestDatabase = async (url: string): Promise<AmanaDatabase> => {
  const template = process.env.AMANA_TEST_PG_TEMPLATE
  const name = `amana_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(
      template ? `create database "${name}" template "${template}"` : `create database "${name}"`,
    )
  } finally {
    await admin.end()
  }
  const testUrl = new URL(url)
  testUrl.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: testUrl.toString() })
  if (!template) await migrateToLatest(database.db)
  return {
    ...database,
    close: async () => {
      await database.close()
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop database if exists "${name}" with (force)`).catch(() => {})
      await cleanup.end()
    },
  }
}

export interface TestDatabaseOnDisk {
  readonly database: AmanaDatabase
  /** What a CLI command needs to open the same database (AMANA_DATA_DIR, and AMANA_DATABASE_URL on PostgreSQL). */
  readonly env: Readonly<Record<string, string>>
  /** After `database.close()` and the CLI runs: drops the PostgreSQL database (the data dir is the caller's). */
  dispose(): Promise<void>
}

/**
 * A fresh, migrated database another process can open after this one closes it, as `amana` commands
 * do: PGlite in `<dataDir>/pgdata` (loaded from the run's template, about 1 s instead of an on-disk
 * initdb), or with TEST_DATABASE_URL a database of its own on that server.
 */
export const createTestDatabaseOnDisk = async (dataDir: string): Promise<TestDatabaseOnDisk> => {
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const name = `amana_t_${randomBytes(6).toString('hex')}`
    await adminQuery(url, `create database "${name}"${templateClause()}`)
    const target = new URL(url)
    target.pathname = `/${name}`
    const database = await openDatabase({ kind: 'postgres', url: target.toString() })
    if (!process.env.AMANA_TEST_PG_TEMPLATE) await migrateToLatest(database.db)
    return {
      database,
      env: { AMANA_DATA_DIR: dataDir, AMANA_DATABASE_URL: target.toString() },
      dispose: () => adminQuery(url, `drop database if exists "${name}" with (force)`).catch(() => {}),
    }
  }
  const pgdata = join(dataDir, 'pgdata')
  const templatePath = process.env.AMANA_TEST_PGLITE_TEMPLATE
  if (templatePath) {
    mkdirSync(pgdata, { recursive: true })
    const seeded = await PGlite.create({
      dataDir: pgdata,
      loadDataDir: new Blob([readFileSync(templatePath)]),
    })
    await seeded.close()
  }
  const database = await openDatabase({ kind: 'pglite', dataDir: pgdata })
  await migrateToLatest(database.db)
  return { database, env: { AMANA_DATA_DIR: dataDir }, dispose: async () => {} }
}

const templateClause = () =>
  process.env.AMANA_TEST_PG_TEMPLATE ? ` template "${process.env.AMANA_TEST_PG_TEMPLATE}"` : ''

const adminQuery = async (url: string, sql: string) => {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(sql)
  } finally {
    await admin.end()
  }
}
