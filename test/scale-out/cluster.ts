/**
 * Amana scaled out as the README's production layout: several `amana start` and `amana worker`
 * processes (real child processes, the CLI an operator runs) on one PostgreSQL database and one
 * key-store database, with the test shop's database and a real SMTP inbox. The test talks to the
 * servers over HTTP and reads the databases directly to check what happened.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../../packages/amana/src/platform/config/index.ts'
import { type AmanaDatabase, openDatabase } from '../../packages/amana/src/platform/db/index.ts'
import {
  capabilitiesOf,
  createLogAuditSink,
  createStaffAccess,
  deriveStaffKeys,
} from '../../packages/amana/src/staff/index.ts'
import { freePort } from '../../packages/amana/src/testing/free-port.ts'
import { type SmtpInbox, startSmtpInbox } from '../../packages/amana/src/testing/smtp-inbox.ts'
import { createTestLogger } from '../../packages/amana/src/testing/test-app.ts'
import { createTestDatabase } from '../../packages/amana/src/testing/test-database.ts'
import type { KeyStoreTables } from '../../packages/amana/src/vault/index.ts'
import { createShopDatabase, type ShopDatabase } from '../fixtures/shop/create-shop-database.ts'
import { shopManifestYaml } from '../requests/shop-manifest.ts'

const main = fileURLToPath(new URL('../../packages/amana/src/cli/main.ts', import.meta.url))

export interface AmanaProcess {
  readonly name: string
  /** Set for `amana start`: where it answers. */
  readonly baseUrl: string | undefined
  output(): string
  stop(): Promise<void>
}

export interface Cluster {
  readonly servers: readonly AmanaProcess[]
  readonly workers: readonly AmanaProcess[]
  /** The test's own connections: the main database and the key store. */
  readonly database: AmanaDatabase
  readonly keyStore: Kysely<KeyStoreTables>
  readonly shop: ShopDatabase
  readonly inbox: SmtpInbox
  /** An API key for the shop's backend, with the scopes the test uses. */
  readonly apiKey: string
  close(): Promise<void>
}

/** An empty database on the server at `url` (the key store migrates itself on first use). */
const createEmptyDatabase = async (url: string) => {
  const name = `amana_keys_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${pg.escapeIdentifier(name)}`)
  await admin.end()
  const own = new URL(url)
  own.pathname = `/${name}`
  return {
    url: own.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`).catch(() => {})
      await cleanup.end()
    },
  }
}

/** Runs `amana <command>` and resolves once it says it is ready. */
const spawnAmana = (
  name: string,
  command: 'start' | 'worker',
  env: Record<string, string>,
  baseUrl?: string,
): Promise<AmanaProcess> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [main, command], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let exited = false
    const ready = command === 'start' ? 'Press Ctrl+C to stop.' : 'is processing jobs'
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${name} was not ready within 90 s:\n${out}`))
    }, 90_000)
    const onData = (d: Buffer) => {
      out += d.toString()
      if (out.includes(ready)) {
        clearTimeout(timer)
        resolve({
          name,
          baseUrl,
          output: () => out,
          stop: () =>
            new Promise<void>((done) => {
              if (exited) return done()
              child.once('exit', () => done())
              child.kill('SIGTERM')
            }),
        })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code, signal) => {
      exited = true
      clearTimeout(timer)
      reject(new Error(`${name} exited before it was ready (${code ?? signal}):\n${out}`))
    })
  })

/** Starts the layout: `servers` × `amana start` (AMANA_WORKER=off) and `workers` × `amana worker`. */
export const startCluster = async (
  url: string,
  options: { servers: number; workers: number; customers: number },
): Promise<Cluster> => {
  const cleanups: (() => Promise<unknown>)[] = []
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
  }
  try {
    const inbox = await startSmtpInbox()
    cleanups.push(() => inbox.close())
    const database = await createTestDatabase()
    cleanups.push(() => database.close())
    const keys = await createEmptyDatabase(url)
    cleanups.push(keys.drop)
    const shop = await createShopDatabase('postgres', url, { customers: options.customers })
    cleanups.push(() => shop.drop())
    const dir = await mkdtemp(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'amana-scale-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    for (const row of shop.rows.cake_designs ?? []) {
      const path = join(dir, 'designs', String(row.image_path))
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, `png of design ${row.id}`)
    }
    const manifest = join(dir, 'amana.yaml')
    await writeFile(manifest, startableManifest())

    // The same environment on every node, as README "Production on PostgreSQL" lays it out.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      AMANA_MODE: 'production',
      AMANA_DATABASE_URL: database.url as string,
      AMANA_KEYSTORE_URL: keys.url,
      AMANA_MASTER_KEY: randomBytes(32).toString('base64'),
      AMANA_SESSION_SECRET: randomBytes(48).toString('base64'),
      AMANA_MANIFEST: manifest,
      AMANA_DATA_DIR: join(dir, 'shared'),
      AMANA_HOST: '127.0.0.1',
      AMANA_TRUST_PROXY: 'true',
      AMANA_WORKER: 'off',
      AMANA_SMTP_URL: inbox.url,
      AMANA_MAIL_FROM: 'privacy@rumrom.example',
      AMANA_LOG_LEVEL: 'warn',
      SHOP_DB_URL: shop.url,
      DESIGN_FILES_ROOT: join(dir, 'designs'),
    }
    const apiKey = await createApiKey(database, env)
    const keyStore = await openDatabase({ kind: 'postgres', url: keys.url })
    cleanups.push(() => keyStore.close())

    const starting: Promise<AmanaProcess>[] = []
    for (let i = 0; i < options.servers; i++) {
      const port = await freePort()
      const baseUrl = `http://127.0.0.1:${port}`
      starting.push(
        spawnAmana(
          `server ${i + 1}`,
          'start',
          { ...env, AMANA_PORT: String(port), AMANA_PUBLIC_URL: baseUrl },
          baseUrl,
        ),
      )
    }
    for (let i = 0; i < options.workers; i++) starting.push(spawnAmana(`worker ${i + 1}`, 'worker', env))
    const settled = await Promise.allSettled(starting)
    for (const s of settled) if (s.status === 'fulfilled') cleanups.push(() => s.value.stop())
    const failed = settled.find((s) => s.status === 'rejected')
    if (failed) throw failed.reason
    const processes = settled.map((s) => (s as PromiseFulfilledResult<AmanaProcess>).value)
    return {
      servers: processes.slice(0, options.servers),
      workers: processes.slice(options.servers),
      database,
      keyStore: keyStore.db as unknown as Kysely<KeyStoreTables>,
      shop,
      inbox,
      apiKey,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * The test shop's manifest (test/requests/shop-manifest.ts) completed with the disclosures `amana
 * start` requires (it runs `amana check`); no processors, so requests finish without staff tasks.
 */
const startableManifest = (): string => {
  const consent = '    consent: { required: true, toggleable: true, withdraw: [preference-centre] }'
  return `${shopManifestYaml('postgres', { processors: false })
    .replace(
      'commitments: { requestDeadlineDays: 30 }',
      'commitments: { requestDeadlineDays: 30, sellsPersonalData: false, automatedDecisions: false }',
    )
    .replaceAll('    legalBasis: consent\n', `    legalBasis: consent\n${consent}\n`)}
processors: {}
requests: { channels: [email], verification: [email-code] }
complaints: { channels: [email], responseDays: 30 }
breach: { notifyRegulatorHours: 24, notifyIndividualsHours: 72 }
children: { directedAtChildren: false, minimumAge: 18, parentalConsent: true }
changes: { notify: [website, email] }
cookies: { consentBanner: true, trackers: {} }
`
}

/** An API key made by an owner, as the console would. */
const createApiKey = async (database: AmanaDatabase, env: Record<string, string>): Promise<string> => {
  const loaded = loadConfig(env)
  if (!loaded.ok) throw new Error(`config: ${JSON.stringify(loaded.issues)}`)
  const access = createStaffAccess({
    db: database.db,
    keys: deriveStaffKeys(loaded.config.secrets),
    audit: createLogAuditSink(createTestLogger()),
    now: () => new Date(),
    publicUrl: 'http://127.0.0.1',
    issuer: 'Amana scale-out test',
  })
  const owner = await access.createMember({
    email: 'owner@rumrom.example',
    role: 'owner',
    password: `pw-${randomUUID()}`,
  })
  if (!owner.ok) throw new Error(`owner: ${JSON.stringify(owner)}`)
  const created = await access.createApiKey(
    { id: owner.staff.id, role: 'owner', permissions: capabilitiesOf('owner') },
    {
      name: 'shop backend',
      scopes: [
        'consent:write',
        'decisions:read',
        'requests:read',
        'requests:manage',
        'vault:tokenise',
        'vault:detokenise',
      ],
    },
  )
  if (!created.ok) throw new Error(`api key: ${JSON.stringify(created)}`)
  return created.key
}
