/**
 * A worker process for the two-systems crash test: what `amana worker` runs for requests, over the
 * test's PostgreSQL databases, with the shop database and a CRM. The first worker to reach the CRM's
 * erasure kills itself with SIGKILL (the shop database's erasure has committed by then); the marker
 * file `KILL_MARKER` makes every later worker run it through. Prints "ready" once it pulls jobs.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { type Connector, openConnectors } from '../../packages/amana/src/connectors/index.ts'
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
import { twoSystemsManifest } from './two-systems-manifest.ts'

const env = process.env
const marker = env.KILL_MARKER as string
const masterKey = Buffer.from(env.KILL_MASTER_KEY as string, 'base64')
const database = await openDatabase({ kind: 'postgres', url: env.KILL_AMANA_URL as string })
const logger = createTestLogger()
const manifest = twoSystemsManifest('postgres')
const jobs = await createJobEngine(database, logger)
const vault = createVault({
  db: database.db,
  keyStore: createKeyStore(database.db as unknown as Kysely<KeyStoreTables>),
  keyProvider: createConfigKeyProvider(masterKey),
  hmacKey: deriveBlindIndexKey(masterKey),
})

/** The CRM's erasure, on the first worker only, dies before it starts: kill -9 between two commits. */
const dyingOnce = (c: Connector): Connector => ({
  ...c,
  async erase(subject, options) {
    if (!existsSync(marker)) {
      writeFileSync(marker, 'killed')
      process.kill(process.pid, 'SIGKILL')
      await new Promise(() => {})
    }
    return c.erase(subject, options)
  },
})

const service = createRequestsService({
  db: database.db,
  manifest,
  packs: packsFor(manifest.jurisdictions),
  plan: planFromManifest(manifest, {
    SHOP_DB_URL: env.KILL_SHOP_URL,
    CRM_DB_URL: env.KILL_CRM_URL,
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
  openConnectors: (plan) => {
    const opened = openConnectors(plan, { newId: randomUUID, now: () => new Date() })
    const connectors = new Map(opened.connectors)
    const crm = connectors.get('crm')
    if (crm) connectors.set('crm', dyingOnce(crm))
    return { ...opened, connectors }
  },
})
registerRequestJobs(jobs, service, { sweepIntervalMs: 400 })
await jobs.startWorker()
process.stdout.write('ready\n')
