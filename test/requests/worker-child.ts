/**
 * A worker process for the kill test: the same code `amana worker` runs for requests (pg-boss
 * engine, execution handler, sweep), over the test's PostgreSQL databases. Prints "ready" once
 * it pulls jobs; the test kills it with SIGKILL at random moments.
 */
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import { openDatabase } from '../../packages/amana/src/platform/db/index.ts'
import { createJobEngine } from '../../packages/amana/src/platform/jobs/index.ts'
import {
  createRequestsService,
  executeRequestJob,
  planFromManifest,
  registerRequestJobs,
} from '../../packages/amana/src/requests/index.ts'
import { createTestLogger } from '../../packages/amana/src/testing/test-app.ts'
import {
  createConfigKeyProvider,
  createKeyStore,
  createVault,
  deriveBlindIndexKey,
  type KeyStoreTables,
} from '../../packages/amana/src/vault/index.ts'
import { shopManifest } from './shop-manifest.ts'

const env = process.env
const masterKey = Buffer.from(env.KILL_MASTER_KEY as string, 'base64')
const database = await openDatabase({ kind: 'postgres', url: env.KILL_AMANA_URL as string })
const logger = createTestLogger()
const manifest = shopManifest('postgres', { processors: false })
const jobs = await createJobEngine(database, logger)
const vault = createVault({
  db: database.db,
  keyStore: createKeyStore(database.db as unknown as Kysely<KeyStoreTables>),
  keyProvider: createConfigKeyProvider(masterKey),
  hmacKey: deriveBlindIndexKey(masterKey),
})
const service = createRequestsService({
  db: database.db,
  manifest,
  packs: packsFor(manifest.jurisdictions),
  plan: planFromManifest(manifest, {
    SHOP_DB_URL: env.KILL_SHOP_URL,
    DESIGN_FILES_ROOT: join(env.KILL_FILES as string, 'designs'),
  }),
  vault,
  audit: { append: async () => {} },
  mail: { enqueue: async () => 'none' },
  enqueueExecution: async (requestId) => {
    await jobs.send(executeRequestJob, { requestId })
  },
  filesDir: join(env.KILL_FILES as string, 'amana'),
  publicUrl: 'http://amana.test',
  masterKey,
  logger,
  now: () => new Date(),
  options: { leaseMs: 1500 },
})
registerRequestJobs(jobs, service, { sweepIntervalMs: 400 })
await jobs.startWorker()
process.stdout.write('ready\n')
