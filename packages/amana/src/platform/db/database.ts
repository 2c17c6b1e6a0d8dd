import { mkdirSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import { AmanaError } from '../errors/index.ts'
import { lockDirectory } from './dir-lock.ts'
import type { Database } from './schema.ts'

export type DatabaseTarget =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'pglite-memory'; readonly loadDataDir?: Blob | File }
  | { readonly kind: 'postgres'; readonly url: string }

/** The SQL port pg-boss and raw maintenance need; the same shape on both engines. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}

export interface AmanaDatabase {
  readonly kind: 'pglite' | 'postgres'
  readonly db: Kysely<Database>
  /** Present on the embedded engine: pg-boss needs the raw handle. */
  readonly pglite: PGlite | undefined
  /** Present on PostgreSQL: pg-boss shares the connection string. */
  readonly url: string | undefined
  close(): Promise<void>
}

/** Describes a postgres URL without its password, for error messages and logs. */
export const describeUrl = (url: string): string => {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`
  } catch {
    return 'the configured URL'
  }
}

/**
 * Opens the database and proves it answers within `timeoutMs`. Unreachable or refused → AmanaError
 * DATABASE_UNREACHABLE naming host and reason, never a hang.
 */
export const openDatabase = async (
  target: DatabaseTarget,
  options: { timeoutMs?: number } = {},
): Promise<AmanaDatabase> => {
  const timeoutMs = options.timeoutMs ?? 5000
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, connectionTimeoutMillis: timeoutMs, max: 10 })
    // A lost connection must not crash the process: pg emits 'error' on the pool for an idle client,
    // and on the client itself while it is checked out (pg-pool and Kysely listen for neither then).
    // The query in flight rejects on its own (a 503, see platform/http); the pool drops the client and
    // opens a new one for the next query.
    pool.on('error', () => {})
    pool.on('connect', (client) => client.on('error', () => {}))
    try {
      await withTimeout(pool.query('select 1'), timeoutMs)
    } catch (error) {
      await pool.end().catch(() => {})
      const reason = error instanceof Error ? error.message : String(error)
      throw new AmanaError(
        'DATABASE_UNREACHABLE',
        `Cannot reach PostgreSQL at ${describeUrl(target.url)}: ${reason}. Check AMANA_DATABASE_URL and that the server is running.`,
        { host: describeUrl(target.url) },
      )
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { kind: 'postgres', db, pglite: undefined, url: target.url, close: () => db.destroy() }
  }
  let pglite: PGlite
  // One process per data directory (DATA_DIR_LOCKED otherwise); if the lock is ever lost, stop writing.
  const lock =
    target.kind === 'pglite'
      ? await lockDirectory(target.dataDir, { onCompromised: () => void pglite?.close().catch(() => {}) })
      : undefined
  try {
    // Loaded only for the embedded engine: a PostgreSQL deployment never pays for the WASM build.
    const { PGlite } = await import('@electric-sql/pglite')
    if (target.kind === 'pglite') {
      mkdirSync(target.dataDir, { recursive: true })
      pglite = await PGlite.create({ dataDir: target.dataDir })
    } else {
      pglite = await PGlite.create(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {})
    }
  } catch (error) {
    await lock?.release()
    const where = target.kind === 'pglite' ? target.dataDir : 'memory'
    const reason = error instanceof Error ? error.message : String(error)
    throw new AmanaError(
      'DATABASE_UNREACHABLE',
      `Cannot open the embedded database at ${where}: ${reason}. Check that AMANA_DATA_DIR is writable and not used by another Amana process.`,
      { host: where },
    )
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return {
    kind: 'pglite',
    db,
    pglite,
    url: undefined,
    close: async () => {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
      await lock?.release()
    },
  }
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    promise.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e)
      },
    )
  })
