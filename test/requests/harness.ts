import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Kysely } from 'kysely'
import type { DatasetPlan } from '../../packages/amana/src/connectors/index.ts'
import { packsFor } from '../../packages/amana/src/jurisdictions/index.ts'
import type { Manifest } from '../../packages/amana/src/manifest/index.ts'
import type { AmanaDatabase } from '../../packages/amana/src/platform/db/index.ts'
import {
  createExecutor,
  createRequestsService,
  type Executor,
  planFromManifest,
  type RequestAuditEvent,
  type RequestsOptions,
  type RequestsService,
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
  type Vault,
} from '../../packages/amana/src/vault/index.ts'
import { createShopDatabase, type ShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { shopManifest } from './shop-manifest.ts'

export type SentMail = { to: string; subject: string; text: string }

export interface Harness {
  readonly database: AmanaDatabase
  readonly vault: Vault
  readonly service: RequestsService
  readonly executor: Executor
  readonly mails: SentMail[]
  readonly audit: RequestAuditEvent[]
  readonly queued: string[]
  readonly manifest: Manifest
  readonly plan: DatasetPlan | undefined
  readonly shop: ShopDatabase | undefined
  readonly filesRoot: string
  readonly clock: { now: Date }
  /** The 6-digit code last mailed to `to`. */
  codeFor(to: string): string
  /** Runs every queued execution until the queue is empty. */
  drain(): Promise<void>
  close(): Promise<void>
}

export const setupRequests = async (
  options: {
    /** Without `url`, a PostgreSQL shop is an embedded PGlite served over the wire protocol. */
    shop?: { kind: 'postgres' | 'mysql'; url: string | undefined }
    /** Customers in the test shop (default 12). */
    customers?: number
    processors?: boolean
    requests?: Partial<RequestsOptions>
    manifest?: Manifest
    env?: Record<string, string>
    database?: AmanaDatabase
    now?: Date
  } = {},
): Promise<Harness> => {
  const database = options.database ?? (await createTestDatabase())
  await migrateKeyStore(database.db as unknown as Kysely<KeyStoreTables>)
  const masterKey = randomBytes(32)
  const vault = createVault({
    db: database.db,
    keyStore: createKeyStore(database.db as unknown as Kysely<KeyStoreTables>),
    keyProvider: createConfigKeyProvider(masterKey),
    hmacKey: deriveBlindIndexKey(masterKey),
  })
  const filesRoot = await mkdtemp(join(tmpdir(), 'amana-req-'))
  let shop: ShopDatabase | undefined
  if (options.shop) {
    shop = await createShopDatabase(options.shop.kind, options.shop.url, {
      customers: options.customers ?? 12,
    })
    for (const row of shop.rows.cake_designs ?? []) {
      const path = join(filesRoot, 'designs', String(row.image_path))
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, `png of design ${row.id}`)
    }
  }
  const manifest =
    options.manifest ??
    shopManifest(options.shop?.kind ?? 'postgres', options.processors === false ? { processors: false } : {})
  const planResult = planFromManifest(manifest, {
    SHOP_DB_URL: shop?.url ?? 'postgres://nobody@127.0.0.1:1/none',
    DESIGN_FILES_ROOT: join(filesRoot, 'designs'),
    ...options.env,
  })
  const mails: SentMail[] = []
  const audit: RequestAuditEvent[] = []
  const queued: string[] = []
  const clock = { now: options.now ?? new Date() }
  const service = createRequestsService({
    db: database.db,
    manifest,
    packs: packsFor(manifest.jurisdictions),
    plan: planResult,
    vault,
    audit: { append: async (e) => void audit.push(e) },
    mail: {
      enqueue: async (m) => (
        mails.push({ to: m.to, subject: m.subject, text: m.text }), randomBytes(8).toString('hex')
      ),
    },
    enqueueExecution: async (id) => void queued.push(id),
    filesDir: join(filesRoot, 'amana'),
    publicUrl: 'http://amana.test',
    masterKey,
    logger: createTestLogger(),
    now: () => clock.now,
    ...(options.requests ? { options: options.requests } : {}),
  })
  const executor = createExecutor(service)
  return {
    database,
    vault,
    service,
    executor,
    mails,
    audit,
    queued,
    manifest,
    plan: planResult.ok ? planResult.plan : undefined,
    shop,
    filesRoot,
    clock,
    codeFor(to) {
      const mail = [...mails].reverse().find((m) => m.to === to && /\b\d{6}\b/.test(m.subject))
      const code = mail?.subject.match(/\b(\d{6})\b/)?.[1]
      if (!code) throw new Error(`no code was mailed to ${to}`)
      return code
    },
    async drain() {
      for (let i = 0; i < 50 && queued.length > 0; i++) {
        const id = queued.shift() as string
        try {
          await executor.run(id)
        } catch {
          // A retryable failure: the job engine would retry; tests look at the recorded step.
        }
      }
    },
    async close() {
      await service.close()
      if (!options.database) await database.close()
      await shop?.drop()
      await rm(filesRoot, { recursive: true, force: true })
    },
  }
}

/** Submits and verifies a request the way a customer would (email code). */
export const verifiedRequest = async (
  h: Harness,
  input: {
    type: Parameters<RequestsService['submit']>[0]['type']
    email: string
    country?: string
    locale?: 'en' | 'ar'
  },
) => {
  const submitted = await h.service.submit(
    {
      type: input.type,
      email: input.email,
      channel: 'email',
      requester: 'self',
      locale: input.locale ?? 'en',
      ...(input.country ? { country: input.country } : {}),
    },
    { ip: '203.0.113.7' },
  )
  if (!submitted.ok) throw new Error(`submit refused: ${submitted.problems.join(', ')}`)
  const check = await h.service.verifyCode(submitted.reference, submitted.token, h.codeFor(input.email))
  if (!check.ok) throw new Error(`code refused: ${check.reason}`)
  const row = await h.service.store.byReference(submitted.reference)
  return { ...submitted, id: row?.id as string }
}
