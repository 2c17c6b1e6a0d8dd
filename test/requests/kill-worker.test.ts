import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import type { Kysely } from 'kysely'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import { createJobEngine } from '../../packages/amana/src/platform/jobs/index.ts'
import {
  createRequestsService,
  executeRequestJob,
  planFromManifest,
  readZip,
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
import { shopManifest } from './shop-manifest.ts'

const url = process.env.TEST_DATABASE_URL
const KILLS = 20

const startWorker = (env: Record<string, string>): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'worker-child.ts')], {
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

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })

test('killing the worker at random points 20 times never loses or duplicates work', {
  skip: url ? false : 'TEST_DATABASE_URL is not set (the worker is a second process sharing PostgreSQL)',
  timeout: 240_000,
}, async (t) => {
  const database = await createTestDatabase()
  await migrateKeyStore(database.db as unknown as Kysely<KeyStoreTables>)
  const shop = await createShopDatabase('postgres', url as string, { customers: 12 })
  const files = await mkdtemp(join(tmpdir(), 'amana-kill-'))
  for (const row of shop.rows.cake_designs ?? []) {
    const path = join(files, 'designs', String(row.image_path))
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, `png of design ${row.id}`)
  }
  const masterKey = randomBytes(32)
  const logger = createTestLogger()
  const jobs = await createJobEngine(database, logger)
  const manifest = shopManifest('postgres', { processors: false })
  const mails: { to: string; subject: string }[] = []
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
    plan: planFromManifest(manifest, { SHOP_DB_URL: shop.url, DESIGN_FILES_ROOT: join(files, 'designs') }),
    vault,
    audit: { append: async () => {} },
    mail: {
      enqueue: async (m) => {
        mails.push(m)
        return 'x'
      },
    },
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
    if (child) await kill(child)
    await service.close()
    await jobs.stop({ graceful: false, timeoutMs: 1000 })
    await database.close()
    await shop.drop()
    await rm(files, { recursive: true, force: true })
  })

  const requests: {
    id: string
    reference: string
    token: string
    type: 'access' | 'erasure'
    customer: number
  }[] = []
  for (let i = 1; i <= 8; i++) {
    const type = i % 2 === 0 ? 'erasure' : 'access'
    const s = await service.submit(
      { type, email: customerEmail(i), channel: 'email', requester: 'self', locale: 'en' },
      { ip: '203.0.113.9' },
    )
    assert.ok(s.ok)
    const code = mails.findLast((m) => m.to === customerEmail(i))?.subject.match(/\b(\d{6})\b/)?.[1] as string
    assert.ok((await service.verifyCode(s.reference, s.token, code)).ok)
    const row = await service.store.byReference(s.reference)
    if (type === 'erasure') assert.ok(await service.approve(row?.id as string, { type: 'staff', id: 'st1' }))
    requests.push({ id: row?.id as string, reference: s.reference, token: s.token, type, customer: i })
  }

  const env = {
    KILL_MASTER_KEY: masterKey.toString('base64'),
    KILL_AMANA_URL: (database as { url?: string }).url as string,
    KILL_SHOP_URL: shop.url,
    KILL_FILES: files,
  }
  for (let k = 0; k < KILLS; k++) {
    child = await startWorker(env)
    await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 700)))
    await kill(child)
    child = undefined
  }
  child = await startWorker(env)
  const deadline = Date.now() + 90_000
  const open = async () =>
    (await database.db.selectFrom('dsr_request').select('id').where('status', '!=', 'completed').execute())
      .length
  while ((await open()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
  await kill(child)
  child = undefined

  for (const r of requests) {
    const row = await service.store.byId(r.id)
    assert.equal(
      row?.status,
      'completed',
      `${r.reference} (${r.type}) ended ${row?.status}: ${row?.last_error ?? ''}`,
    )
    const events = await service.store.events(r.id)
    const done = events.filter((e) => e.kind === 'step-done').map((e) => String(e.details.step))
    assert.deepEqual(done, stepsFor(r.type, false), `${r.reference}: each step done exactly once, in order`)
    assert.equal(events.filter((e) => e.kind === 'completed').length, 1)
    if (r.type === 'access') {
      const packages = await database.db
        .selectFrom('dsr_file')
        .select('id')
        .where('request_id', '=', r.id)
        .where('kind', '=', 'package')
        .execute()
      assert.equal(packages.length, 1)
      const secret = await service.issueDownload(r.reference, r.token)
      const zip = readZip((await service.download(r.reference, secret as string))?.bytes as Buffer)
      assert.ok(zip.get('data.json')?.toString().includes(customerEmail(r.customer)))
    } else {
      assert.equal(
        (await shop.query(`select count(*) as n from customers where id = $1`, [r.customer]))[0]?.n,
        '0',
      )
      assert.equal(
        (
          await shop.query(`select count(*) as n from orders where customer_email = $1`, [
            customerEmail(r.customer),
          ])
        )[0]?.n,
        '0',
      )
      assert.equal(
        (await shop.query(`select count(*) as n from orders where id = $1`, [(r.customer - 1) * 3 + 1]))[0]
          ?.n,
        '1',
        'the order itself remains',
      )
    }
  }
  assert.equal(
    (await shop.query(`select count(*) as n from customers where id > 8`))[0]?.n,
    '4',
    'no one else was touched',
  )
})
