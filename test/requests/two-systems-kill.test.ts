import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import type { Kysely } from 'kysely'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import { createJobEngine } from '../../packages/amana/src/platform/jobs/index.ts'
import { executionStore } from '../../packages/amana/src/requests/execution/store.ts'
import {
  createRequestsService,
  executeRequestJob,
  planFromManifest,
  stepsFor,
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
import { createShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { customerEmail } from '../fixtures/shop/seed.ts'
import { twoSystemsManifest } from './two-systems-manifest.ts'

const url = process.env.TEST_DATABASE_URL

const startWorker = (env: Record<string, string>): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'two-systems-worker.ts')], {
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

const exited = (child: ChildProcess) =>
  new Promise<string | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.signalCode)
    child.once('exit', (_code, signal) => resolve(signal))
  })

test('kill -9 of the worker between two systems’ commits: both erased exactly once, each with its record', {
  skip: url ? false : 'TEST_DATABASE_URL is not set (the worker is a second process sharing PostgreSQL)',
  timeout: 180_000,
}, async (t) => {
  const database = await createTestDatabase()
  await migrateKeyStore(database.db as unknown as Kysely<KeyStoreTables>)
  const shop = await createShopDatabase('postgres', url as string, { customers: 12 })
  const crm = await createShopDatabase('postgres', url as string, { customers: 12 })
  const files = await mkdtemp(join(tmpdir(), 'amana-kill2-'))
  const masterKey = randomBytes(32)
  const logger = createTestLogger()
  const jobs = await createJobEngine(database, logger)
  const manifest = twoSystemsManifest('postgres')
  const mails: { to: string; subject: string }[] = []
  const service = createRequestsService({
    db: database.db,
    manifest,
    packs: packsFor(manifest.jurisdictions),
    plan: planFromManifest(manifest, {
      SHOP_DB_URL: shop.url,
      CRM_DB_URL: crm.url,
      DESIGN_FILES_ROOT: join(files, 'designs'),
    }),
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
  let child: ChildProcess | undefined
  t.after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await service.close()
    await jobs.stop({ graceful: false, timeoutMs: 1000 })
    await database.close()
    await shop.drop()
    await crm.drop()
    await rm(files, { recursive: true, force: true })
  })

  const s = await service.submit(
    { type: 'erasure', email: customerEmail(4), channel: 'email', requester: 'self', locale: 'en' },
    { ip: '203.0.113.9' },
  )
  assert.ok(s.ok)
  const code = mails.findLast((m) => m.to === customerEmail(4))?.subject.match(/\b(\d{6})\b/)?.[1] as string
  assert.ok((await service.verifyCode(s.reference, s.token, code)).ok)
  const id = (await service.store.byReference(s.reference))?.id as string
  assert.ok(await service.approve(id, { type: 'staff', id: 'st1' }))

  const marker = join(files, 'killed')
  const env = {
    KILL_MARKER: marker,
    KILL_MASTER_KEY: masterKey.toString('base64'),
    KILL_AMANA_URL: (database as { url?: string }).url as string,
    KILL_SHOP_URL: shop.url,
    KILL_CRM_URL: crm.url,
    KILL_FILES: files,
  }
  child = await startWorker(env)
  assert.equal(await exited(child), 'SIGKILL', 'the first worker died by kill -9 at the CRM')
  assert.ok(existsSync(marker))
  const records = executionStore(database.db)
  const atDeath = await records.systemSteps(id, 'erase')
  assert.deepEqual(
    atDeath.map((r) => [r.system, r.status]),
    [
      ['shop_db', 'done'],
      ['crm', 'running'],
    ],
    'the shop database had committed and recorded; the CRM had started',
  )
  const count = async (db: typeof shop, sql: string) => Number((await db.query(sql))[0]?.n)
  assert.equal(await count(shop, 'select count(*) as n from customers where id = 4'), 0)
  assert.equal(await count(crm, `select count(*) as n from newsletter_subscriptions where id = 4`), 1)

  child = await startWorker(env)
  const deadline = Date.now() + 90_000
  while ((await service.store.byId(id))?.status !== 'completed' && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250))
  child.kill('SIGKILL')
  await exited(child)
  child = undefined

  const row = await service.store.byId(id)
  assert.equal(row?.status, 'completed', row?.last_error ?? '')
  assert.equal(await count(crm, `select count(*) as n from newsletter_subscriptions where id = 4`), 0)
  assert.equal(
    await count(crm, 'select count(*) as n from customers where id = 4'),
    1,
    'the CRM plan names only its newsletter',
  )
  assert.equal(await count(shop, `select count(*) as n from newsletter_subscriptions where id = 4`), 0)
  const after = await records.systemSteps(id, 'erase')
  const shopRecord = after.find((r) => r.system === 'shop_db')
  const crmRecord = after.find((r) => r.system === 'crm')
  assert.equal(shopRecord?.status, 'done')
  assert.equal(crmRecord?.status, 'done')
  assert.ok((crmRecord?.attempts ?? 0) >= 2, 'the CRM started again after the killed start')
  // A run that overlapped the one that committed (a lease lapsed under load) finds nothing left
  // and leaves the record of the change as it was: each system's record is of its one commit.
  assert.equal(
    shopRecord?.changes?.find((c) => c.table === 'customers')?.rows,
    1,
    'the first commit is on record',
  )
  assert.equal(crmRecord?.changes?.find((c) => c.table === 'newsletter_subscriptions')?.rows, 1)
  const events = await service.store.events(id)
  assert.deepEqual(
    events.filter((e) => e.kind === 'step-done').map((e) => String(e.details.step)),
    stepsFor('erasure', false),
    'each step done exactly once, in order',
  )
})
