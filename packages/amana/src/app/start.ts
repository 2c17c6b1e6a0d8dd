import { accessSync, constants, mkdirSync } from 'node:fs'
import { createServer as createNetServer } from 'node:net'
import type { Config } from '../platform/config/index.ts'
import {
  type AmanaDatabase,
  type DatabaseTarget,
  migrateToLatest,
  openDatabase,
} from '../platform/db/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import { createJobEngine, deferJobEngine, type JobEngine } from '../platform/jobs/index.ts'
import type { Logger } from '../platform/logging/index.ts'
import type { AppContext } from './app-context.ts'
import { type LoadedManifest, shopProfileOf } from './app-manifest.ts'
import { buildApp } from './build-app.ts'
import { registerJobHandlers } from './jobs.ts'
import { createServices, type Services } from './services.ts'
import { amanaVersion } from './version.ts'

export const databaseTarget = (config: Config): DatabaseTarget =>
  config.database.kind === 'postgres'
    ? { kind: 'postgres', url: config.database.url }
    : { kind: 'pglite', dataDir: config.database.dataDir }

/** Opens and migrates the configured database; a read-only data dir is reported before PGlite tries. */
export const openConfiguredDatabase = async (config: Config): Promise<AmanaDatabase> => {
  if (config.database.kind === 'pglite') {
    try {
      mkdirSync(config.database.dataDir, { recursive: true })
      accessSync(config.database.dataDir, constants.W_OK)
    } catch (error) {
      throw new AmanaError(
        'DATA_DIR_NOT_WRITABLE',
        `Cannot write the data directory ${config.dataDir} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Set AMANA_DATA_DIR to a writable directory, or fix its permissions.`,
      )
    }
  }
  const database = await openDatabase(databaseTarget(config), { timeoutMs: config.dbConnectTimeoutMs })
  try {
    await migrateToLatest(database.db)
  } catch (error) {
    await database.close()
    throw error
  }
  return database
}

export interface RunningAmana {
  readonly ctx: AppContext
  readonly app: AmanaServer | undefined
  readonly url: string | undefined
  /** The features' services, for what runs beside the app in the same process (the demo's autopilot). */
  readonly services: Services
  stop(): Promise<void>
}

export interface StartOptions {
  readonly config: Config
  readonly logger: Logger
  readonly manifest: LoadedManifest
  /** 'server' serves HTTP (and runs the worker in-process unless AMANA_WORKER=off); 'worker' only runs jobs. */
  readonly role: 'server' | 'worker'
  /** Environment the manifest's connections name (e.g. RUMROM_DATABASE_URL). */
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** Starts Amana; `stop()` finishes in-flight requests and jobs, then closes the database. */
export const startAmana = async ({
  config,
  logger,
  manifest,
  role,
  env = {},
}: StartOptions): Promise<RunningAmana> => {
  if (role === 'server') await ensurePortFree(config)
  const database = await openConfiguredDatabase(config)
  let engine: JobEngine | undefined
  let app: AmanaServer | undefined
  let services: Services | undefined
  // pg-boss starts while the services and the HTTP app are built. Every process can enqueue jobs;
  // only a worker (`amana worker`, or `start` unless AMANA_WORKER=off) also works them.
  const starting = createJobEngine(database, logger).then((e) => {
    engine = e
    return e
  })
  try {
    const runWorker = role === 'worker' || config.worker === 'embedded'
    const ctx: AppContext = {
      config,
      database,
      logger,
      jobs: deferJobEngine(starting),
      manifest,
      shop: shopProfileOf(manifest.manifest),
      version: amanaVersion,
      now: () => new Date(),
    }
    services = await createServices(ctx, { env })
    if (role === 'server') app = await buildApp(ctx, services)
    const jobs = await starting
    const handlers = runWorker ? registerJobHandlers(ctx, jobs, services) : undefined
    const url = app ? await listen(app, config) : undefined
    if (runWorker) await jobs.startWorker()
    let stopping: Promise<void> | undefined
    return {
      ctx,
      app,
      url,
      services,
      stop: () => {
        stopping ??= (async () => {
          if (app) await app.close()
          handlers?.stop()
          await jobs.stop({ graceful: true, timeoutMs: 10_000 })
          await services?.close()
          await database.close()
        })()
        return stopping
      },
    }
  } catch (error) {
    if (app) await app.close().catch(() => {})
    await starting.catch(() => undefined)
    if (engine) await engine.stop({ graceful: false }).catch(() => {})
    await services?.close().catch(() => {})
    await database.close().catch(() => {})
    throw error
  }
}

/**
 * Fails fast, before the database is opened and migrated, when the HTTP port is taken: an operator
 * should not wait through a start (and the demo's shop seeding) to learn it. The listen itself still
 * maps the same errors, for a port taken in between.
 */
export const ensurePortFree = async (config: Config): Promise<void> => {
  const probe = createNetServer()
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen({ port: config.http.port, host: config.http.host, exclusive: true }, resolve)
    })
  } catch (error) {
    throw portError(error, config)
  } finally {
    await new Promise<void>((resolve) => (probe.listening ? probe.close(() => resolve()) : resolve()))
  }
}

const listen = async (app: AmanaServer, config: Config): Promise<string> => {
  try {
    return await app.listen({
      port: config.http.port,
      host: config.http.host,
      listenTextResolver: () => 'listening',
    })
  } catch (error) {
    throw portError(error, config)
  }
}

/** The listen errors an operator can act on, as one clear line; anything else as it came. */
const portError = (error: unknown, config: Config): unknown => {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE')
    return new AmanaError(
      'PORT_IN_USE',
      `Port ${config.http.port} on ${config.http.host} is already in use. Stop the other process or choose another port with --port or AMANA_PORT.`,
    )
  if (code === 'EACCES')
    return new AmanaError(
      'PORT_IN_USE',
      `Not allowed to listen on port ${config.http.port}. Use a port above 1024 with --port or AMANA_PORT.`,
    )
  return error
}
