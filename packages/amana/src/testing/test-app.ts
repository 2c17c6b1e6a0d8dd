import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pino } from 'pino'
import type { AppContext, ShopProfile } from '../app/app-context.ts'
import { type LoadedManifest, openManifest, shopProfileOf } from '../app/app-manifest.ts'
import { buildApp } from '../app/build-app.ts'
import { registerJobHandlers } from '../app/jobs.ts'
import { createServices, type Services } from '../app/services.ts'
import { amanaVersion } from '../app/version.ts'
import { type Config, demoManifestPath, loadConfig, requireConfig } from '../platform/config/index.ts'
import type { AmanaDatabase } from '../platform/db/index.ts'
import type { AmanaServer } from '../platform/http/index.ts'
import { createJobEngine } from '../platform/jobs/index.ts'
import { createLogger, type Logger } from '../platform/logging/index.ts'
import { createTestDatabase } from './test-database.ts'

/**
 * Every test's logs go to one file per process under the run's temp dir, so scripts/test.ts can
 * scan the whole suite's logs for planted personal data and secrets.
 */
export const createTestLogger = (): Logger => {
  const dir = process.env.AMANA_TEST_TMP ? join(process.env.AMANA_TEST_TMP, 'logs') : undefined
  if (!dir) return createLogger({ level: 'silent' })
  mkdirSync(dir, { recursive: true })
  return createLogger({
    level: 'debug',
    destination: pino.destination({ dest: join(dir, `${process.pid}.ndjson`), sync: true, append: true }),
  })
}

let demoManifest: Promise<LoadedManifest> | undefined
/** The RUMROM Bakery manifest, parsed once per test process. */
export const loadDemoManifest = (): Promise<LoadedManifest> => {
  demoManifest ??= openManifest(demoManifestPath)
  return demoManifest
}

/** Production-mode config with secrets generated for this run (never fixed in code). */
export const createTestConfig = (env: Record<string, string> = {}): Config =>
  requireConfig(
    loadConfig({
      AMANA_MODE: 'production',
      AMANA_MASTER_KEY: randomBytes(32).toString('base64'),
      AMANA_SESSION_SECRET: randomBytes(48).toString('base64url'),
      AMANA_DATA_DIR: join(process.env.AMANA_TEST_TMP ?? '/tmp', `data-${randomBytes(4).toString('hex')}`),
      AMANA_LOG_LEVEL: 'debug',
      AMANA_MANIFEST: demoManifestPath,
      // The Chromium scripts/test.ts found prints the PDF exports too.
      ...(process.env.AMANA_CHROMIUM ? { AMANA_CHROMIUM_PATH: process.env.AMANA_CHROMIUM } : {}),
      ...env,
    }),
  )

export interface TestApp {
  readonly app: AmanaServer
  readonly ctx: AppContext
  readonly database: AmanaDatabase
  readonly services: Services
  close(): Promise<void>
}

/** A full application over a fresh test database, driven in-process with `app.inject()`. */
export const createTestApp = async (
  options: {
    config?: Config
    manifest?: LoadedManifest
    shop?: ShopProfile
    now?: () => Date
    logger?: Logger
    env?: Record<string, string>
    /** Run the job worker in-process, as `amana start` does. */
    worker?: boolean
    /** A database opened by the caller (e.g. on a data dir a CLI command reads after); closed with the app. */
    database?: AmanaDatabase
  } = {},
): Promise<TestApp> => {
  const database = options.database ?? (await createTestDatabase())
  const manifest = options.manifest ?? (await loadDemoManifest())
  const logger = options.logger ?? createTestLogger()
  // With `worker`, jobs run in this process as they do in `amana start`.
  const jobs = options.worker ? await createJobEngine(database, logger) : undefined
  const ctx: AppContext = {
    config: options.config ?? createTestConfig(),
    database,
    logger,
    jobs,
    manifest,
    shop: options.shop ?? shopProfileOf(manifest.manifest),
    version: amanaVersion,
    now: options.now ?? (() => new Date()),
  }
  const services = await createServices(ctx, { keyStore: { kind: 'pglite-memory' }, env: options.env ?? {} })
  const app = await buildApp(ctx, services)
  const handlers = jobs ? registerJobHandlers(ctx, jobs, services) : undefined
  if (jobs) await jobs.startWorker()
  return {
    app,
    ctx,
    database,
    services,
    close: async () => {
      await app.close()
      handlers?.stop()
      await jobs?.stop({ graceful: false })
      await services.close()
      await database.close()
    },
  }
}
