/**
 * What the kill tests share: Amana's database on the test PostgreSQL, the requests service the test
 * drives (submit, verify, approve), and worker processes it starts and kills with SIGKILL.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import type { Manifest } from '../../packages/amana/src/manifest/index.ts'
import { createJobEngine } from '../../packages/amana/src/platform/jobs/index.ts'
import {
  createRequestsService,
  executeRequestJob,
  planFromManifest,
} from '../../packages/amana/src/requests/index.ts'
import { createTestLogger } from '../../packages/amana/src/testing/test-app.ts'
import { createTestDatabase } from '../../packages/amana/src/testing/test-database.ts'
import {
  createConfigKeyProvider,
  createKeyStore,
  createVault,
  deriveBlindIndexKey,
  type KeyStoreTables,
  migrateKeyStore,
} from '../../packages/amana/src/vault/index.ts'

/** Starts a worker script (worker-child.ts, two-systems-worker.ts); resolves once it pulls jobs. */
export const startWorker = (script: string, env: Record<string, string>): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('ready')) resolve(child)
    })
    child.on('exit', (code, signal) => reject(new Error(`worker exited before ready (${code ?? signal})`)))
  })

/** Resolves with the signal that ended the worker, once it has exited. */
export const exited = (child: ChildProcess) =>
  new Promise<string | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.signalCode)
    child.once('exit', (_code, signal) => resolve(signal))
  })

/** kill -9, and wait until the process is gone. */
export const kill = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await exited(child)
}

export const setupKillTest = async (options: {
  readonly manifest: Manifest
  /** The manifest's connection variables (SHOP_DB_URL, …); DESIGN_FILES_ROOT is added. */
  readonly planEnv: Readonly<Record<string, string>>
}) => {
  const database = await createTestDatabase()
  await migrateKeyStore(database.db as unknown as Kysely<KeyStoreTables>)
  const files = await mkdtemp(join(tmpdir(), 'amana-kill-'))
  const masterKey = randomBytes(32)
  const logger = createTestLogger()
  const jobs = await createJobEngine(database, logger)
  const { manifest } = options
  const mails: { to: string; subject: string }[] = []
  const service = createRequestsService({
    db: database.db,
    manifest,
    packs: packsFor(manifest.jurisdictions),
    plan: planFromManifest(manifest, { ...options.planEnv, DESIGN_FILES_ROOT: join(files, 'designs') }),
    vault: createVault({
      db: database.db,
      keyStore: createKeyStore(database.db as unknown as Kysely<KeyStoreTables>),
      keyProvider: createConfigKeyProvider(masterKey),
      hmacKey: deriveBlindIndexKey(masterKey),
    }),
    audit: { append: async () => {} },
    mail: { enqueue: async (m) => (mails.push(m), 'x') },
    enqueueExecution: async (requestId) => {
      await jobs.send(executeRequestJob, { requestId })
    },
    filesDir: join(files, 'amana'),
    publicUrl: 'http://amana.test',
    masterKey,
    logger,
    now: () => new Date(),
    options: { leaseMs: 1500 },
  })
  return {
    database,
    service,
    files,
    /** What a worker process needs to reach the same databases and keys (worker-process.ts). */
    workerEnv: {
      KILL_MASTER_KEY: masterKey.toString('base64'),
      KILL_AMANA_URL: (database as { url?: string }).url as string,
      KILL_FILES: files,
    },
    /** Submits a request and enters the code mailed for it, as the customer would. */
    async verified(type: 'access' | 'erasure', email: string) {
      const s = await service.submit(
        { type, email, channel: 'email', requester: 'self', locale: 'en' },
        { ip: '203.0.113.9' },
      )
      if (!s.ok) throw new Error(`submit refused: ${s.problems.join(', ')}`)
      const code = mails.findLast((m) => m.to === email)?.subject.match(/\b(\d{6})\b/)?.[1] as string
      const checked = await service.verifyCode(s.reference, s.token, code)
      if (!checked.ok) throw new Error(`code refused: ${checked.reason}`)
      const row = await service.store.byReference(s.reference)
      return { id: row?.id as string, reference: s.reference, token: s.token }
    },
    async close() {
      await service.close()
      await jobs.stop({ graceful: false, timeoutMs: 1000 })
      await database.close()
      await rm(files, { recursive: true, force: true })
    },
  }
}
