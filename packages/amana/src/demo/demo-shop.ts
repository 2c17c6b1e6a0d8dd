import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { Manifest } from '../manifest/index.ts'
import { lockDirectory } from '../platform/db/dir-lock.ts'
import { servePglite } from './pglite-server.ts'

/** Where a manifest keeps its demo shop: `shop/` beside `amana.yaml` (schema.sql, seed.sql, uploads/). */
export const demoShopSourceOf = (manifestPath: string): string | undefined => {
  const dir = join(dirname(manifestPath), 'shop')
  return existsSync(join(dir, 'schema.sql')) ? dir : undefined
}

export interface DemoShop {
  /** The shop database over the PostgreSQL wire protocol (loopback). */
  readonly databaseUrl: string
  /** The shop's file store: upload rows hold paths relative to it. */
  readonly uploadsDir: string
  /** True when this start created and seeded the database. */
  readonly seeded: boolean
  /** The connection variables the manifest names, filled with this shop (e.g. RUMROM_DATABASE_URL). */
  readonly env: Readonly<Record<string, string>>
  close(): Promise<void>
}

/**
 * Starts the example shop's own database as an embedded PGlite in `dir` (`pgdata/`, its file store
 * in `uploads/`) and serves it on a free loopback port. On the first start the schema and seed from
 * `source` are loaded in one transaction, after the seed's files are copied; later starts keep
 * whatever the shop (and Amana's erasures) left.
 */
export const startDemoShop = async (options: {
  readonly dir: string
  readonly source: string
  readonly manifest: Manifest
  readonly port?: number
  /** Tests: the database in memory (seeded on every start, nothing locked); the uploads still in `dir`. */
  readonly memory?: boolean
}): Promise<DemoShop> => {
  const uploadsDir = join(options.dir, 'uploads')
  const dataDir = join(options.dir, 'pgdata')
  // Held like Amana's own embedded database: one process per data directory (DATA_DIR_LOCKED).
  const lock = options.memory ? { release: async () => {} } : await lockDirectory(dataDir)
  let db: PGlite | undefined
  let seeded = false
  try {
    db = await PGlite.create(options.memory ? {} : { dataDir })
    const found = await db.query<{ found: string | null }>(
      "select to_regclass('public.customers')::text as found",
    )
    if (!found.rows[0]?.found) {
      const seedFiles = join(options.source, 'uploads')
      mkdirSync(uploadsDir, { recursive: true, mode: 0o700 })
      if (existsSync(seedFiles)) cpSync(seedFiles, uploadsDir, { recursive: true })
      const schema = readFileSync(join(options.source, 'schema.sql'), 'utf8')
      const seedPath = join(options.source, 'seed.sql')
      const seed = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : ''
      await db.transaction(async (tx) => {
        await tx.exec(schema)
        if (seed) await tx.exec(seed)
      })
      seeded = true
    }
  } catch (error) {
    await db?.close()
    await lock.release()
    throw error
  }
  const server = await servePglite(db, options.port === undefined ? {} : { port: options.port }).catch(
    async (error: unknown) => {
      await lock.release()
      throw error
    },
  )
  return {
    databaseUrl: server.url,
    uploadsDir,
    seeded,
    env: connectionEnv(options.manifest, server.url, uploadsDir),
    async close() {
      await server.close()
      await lock.release()
    },
  }
}

/** The manifest's first PostgreSQL system gets the database, its first file store the uploads. */
const connectionEnv = (manifest: Manifest, url: string, uploadsDir: string): Record<string, string> => {
  const env: Record<string, string> = {}
  const systems = Object.values(manifest.systems ?? {})
  const database = systems.find((s) => s.kind === 'postgres')?.connection?.env
  const files = systems.find((s) => s.kind === 'files')?.connection?.env
  if (database) env[database] = url
  if (files) env[files] = uploadsDir
  return env
}
