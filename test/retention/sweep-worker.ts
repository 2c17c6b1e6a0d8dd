/**
 * A worker process for the SIGKILL-mid-sweep test: what `amana worker` runs for retention (the
 * app's services, pg-boss, the retention jobs and their check), over the test's PostgreSQL
 * databases: SWEEP_AMANA_URL (Amana's), RETENTION_SHOP_URL (the shop's), SWEEP_MASTER_KEY; the
 * manifest is test/fixtures/retention-shop.ts'. Two settings differ from production so the test is quick: the lease lasts
 * 1.5 s and the check runs every 300 ms. With SWEEP_HANG_AFTER=N it stops (hangs) right after the
 * shop committed its Nth batch, before the sweep recorded it, and prints "committed". Prints
 * "ready" once it pulls jobs.
 */
import type { AppContext } from '../../packages/amana/src/app/app-context.ts'
import { shopProfileOf } from '../../packages/amana/src/app/app-manifest.ts'
import { createServices } from '../../packages/amana/src/app/services.ts'
import { amanaVersion } from '../../packages/amana/src/app/version.ts'
import type { Connector } from '../../packages/amana/src/connectors/index.ts'
import { openDatabase } from '../../packages/amana/src/platform/db/index.ts'
import { createJobEngine } from '../../packages/amana/src/platform/jobs/index.ts'
import {
  createRetention,
  registerRetentionJobs,
  type ShopSystemsPort,
} from '../../packages/amana/src/retention/index.ts'
import { createTestConfig, createTestLogger } from '../../packages/amana/src/testing/test-app.ts'
import { retentionShopEnv, retentionShopLoadedManifest } from '../fixtures/retention-shop.ts'

const env = process.env
const manifest = retentionShopLoadedManifest()
const database = await openDatabase({ kind: 'postgres', url: env.SWEEP_AMANA_URL as string })
const logger = createTestLogger()
const jobs = await createJobEngine(database, logger)
const ctx: AppContext = {
  config: createTestConfig({
    AMANA_MASTER_KEY: env.SWEEP_MASTER_KEY as string,
    AMANA_RETENTION_BATCH_SIZE: env.SWEEP_BATCH_SIZE ?? '50',
  }),
  database,
  logger,
  jobs,
  manifest,
  shop: shopProfileOf(manifest.manifest),
  version: amanaVersion,
  now: () => new Date(),
}
const services = await createServices(ctx, {
  keyStore: { kind: 'pglite-memory' },
  env: { [retentionShopEnv]: env[retentionShopEnv] },
})

/** The shop's connectors, one of which hangs after the shop committed the Nth batch. */
const hanging = (shop: ShopSystemsPort, after: number): ShopSystemsPort => {
  let batches = 0
  const hang = (connector: Connector): Connector => ({
    ...connector,
    async erase(subject, options) {
      const outcome = await connector.erase(subject, options)
      if (++batches === after) {
        process.stdout.write('committed\n')
        await new Promise(() => {})
      }
      return outcome
    },
  })
  return {
    plan: shop.plan,
    open(plan) {
      const opened = shop.open(plan)
      const connectors = new Map([...opened.connectors].map(([name, c]) => [name, hang(c)]))
      return { ...opened, connectors, close: () => opened.close() }
    },
  }
}

const deps = services.retention.deps
const after = Number(env.SWEEP_HANG_AFTER ?? 0)
const shop = after > 0 && deps.shop ? hanging(deps.shop, after) : deps.shop
const retention = createRetention({ ...deps, shop, leaseMs: 1500 })
registerRetentionJobs(jobs, retention, { sweepHours: 24, checkIntervalMs: 300 })
await jobs.startWorker()
process.stdout.write('ready\n')
