/**
 * The body of a worker process for the kill tests: the same code `amana worker` runs for requests
 * (pg-boss engine, execution handler, sweep), over the test's PostgreSQL databases named in the
 * environment (KILL_AMANA_URL, KILL_MASTER_KEY, KILL_FILES). Prints "ready" once it pulls jobs.
 */
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { createAuditLedger, deriveAuditSigningKey } from '../../packages/amana/src/audit/index.ts'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import type { Manifest } from '../../packages/amana/src/manifest/index.ts'
import { type Database, openDatabase } from '../../packages/amana/src/platform/db/index.ts'
import { createJobEngine } from '../../packages/amana/src/platform/jobs/index.ts'
import {
  createRequestsService,
  executeRequestJob,
  planFromManifest,
  type RequestsDeps,
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

/** As app/services.ts appends a request's steps to the ledger. */
const ledgerAudit = (db: Kysely<Database>, masterKey: Buffer): NonNullable<RequestsDeps['audit']> => {
  const ledger = createAuditLedger({
    db,
    signingKey: deriveAuditSigningKey(masterKey),
    now: () => new Date(),
  })
  return {
    append: async (event) => {
      await ledger.append({
        actor:
          event.actor.type === 'requester'
            ? { type: 'subject', id: event.subject }
            : { type: event.actor.type, id: event.actor.id },
        action: event.action,
        target: event.subject,
        ...(event.details ? { details: { ...event.details } } : {}),
      })
    },
  }
}

export const runRequestWorker = async (options: {
  readonly manifest: Manifest
  /** The manifest's connection variables (SHOP_DB_URL, …); DESIGN_FILES_ROOT is added. */
  readonly planEnv: Readonly<Record<string, string | undefined>>
  readonly openConnectors?: RequestsDeps['openConnectors']
  /** Appends the requests' audit events to the real ledger in Amana's database (default: nowhere). */
  readonly auditLedger?: boolean
}): Promise<void> => {
  const env = process.env
  const files = env.KILL_FILES as string
  const masterKey = Buffer.from(env.KILL_MASTER_KEY as string, 'base64')
  const database = await openDatabase({ kind: 'postgres', url: env.KILL_AMANA_URL as string })
  const logger = createTestLogger()
  const { manifest } = options
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
    plan: planFromManifest(manifest, { ...options.planEnv, DESIGN_FILES_ROOT: join(files, 'designs') }),
    vault,
    audit: options.auditLedger ? ledgerAudit(database.db, masterKey) : { append: async () => {} },
    mail: { enqueue: async () => 'none' },
    enqueueExecution: async (requestId) => {
      await jobs.send(executeRequestJob, { requestId })
    },
    filesDir: join(files, 'amana'),
    publicUrl: 'http://amana.test',
    masterKey,
    logger,
    now: () => new Date(),
    options: { leaseMs: 1500 },
    ...(options.openConnectors ? { openConnectors: options.openConnectors } : {}),
  })
  registerRequestJobs(jobs, service, { sweepIntervalMs: 400 })
  await jobs.startWorker()
  process.stdout.write('ready\n')
}
