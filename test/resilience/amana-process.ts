/**
 * Amana as an operator runs it: `amana start` / `amana worker` as child processes on PostgreSQL, so a
 * crash shows as an exit and a kill is a real SIGKILL. The test process talks to them over HTTP.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { loadConfig } from '../../packages/amana/src/platform/config/index.ts'
import {
  type AmanaDatabase,
  migrateToLatest,
  openDatabase,
} from '../../packages/amana/src/platform/db/index.ts'
import {
  capabilitiesOf,
  createLogAuditSink,
  createStaffAccess,
  deriveStaffKeys,
} from '../../packages/amana/src/staff/index.ts'
import { startEmbeddedPostgresServer } from '../../packages/amana/src/testing/embedded-postgres-server.ts'
import { freePort } from '../../packages/amana/src/testing/free-port.ts'
import { createTestLogger } from '../../packages/amana/src/testing/test-app.ts'
import { createTestDatabase } from '../../packages/amana/src/testing/test-database.ts'

const main = fileURLToPath(new URL('../../packages/amana/src/cli/main.ts', import.meta.url))
const manifest = fileURLToPath(new URL('../../examples/rumrom-bakery/amana.yaml', import.meta.url))

export interface AmanaSetup {
  /** The Amana database (the test's own connection to it). */
  readonly database: AmanaDatabase
  readonly env: Record<string, string>
  readonly baseUrl: string
  /** The database's name, for pg_stat_activity. */
  readonly databaseName: string
  close(): Promise<void>
}

/**
 * A fresh Amana database and key store that other processes can open, and the environment of a
 * production start: on PostgreSQL two databases; on PGlite each served over the wire protocol
 * (testing/embedded-postgres-server.ts, one backend: statements queued, NOTIFY not delivered).
 */
export const setUpAmana = async (options: {
  smtpUrl: string
  worker?: 'embedded' | 'off'
  /** A PostgreSQL server of the test's own (see startPrivateCluster) instead of the run's. */
  postgresUrl?: string
}) => {
  const { postgresUrl } = options
  const database = postgresUrl
    ? await databaseOn(postgresUrl, true)
    : process.env.TEST_DATABASE_URL
      ? await createTestDatabase()
      : await embedded(true)
  const keyStore = postgresUrl
    ? await databaseOn(postgresUrl, false)
    : process.env.TEST_DATABASE_URL
      ? await createTestDatabase()
      : await embedded(false)
  const dataDir = await mkdtemp(join(tmpdir(), 'amana-resilience-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AMANA_MODE: 'production',
    AMANA_DATABASE_URL: database.url as string,
    AMANA_KEYSTORE_URL: keyStore.url as string,
    AMANA_MASTER_KEY: randomBytes(32).toString('base64'),
    AMANA_SESSION_SECRET: randomBytes(48).toString('base64'),
    AMANA_MANIFEST: manifest,
    AMANA_DATA_DIR: dataDir,
    AMANA_PORT: String(port),
    AMANA_HOST: '127.0.0.1',
    AMANA_PUBLIC_URL: baseUrl,
    AMANA_SMTP_URL: options.smtpUrl,
    AMANA_MAIL_FROM: 'privacy@rumrom.example',
    AMANA_WORKER: options.worker ?? 'embedded',
    AMANA_LOG_LEVEL: 'warn',
  }
  return {
    database,
    env,
    baseUrl,
    databaseName: new URL(database.url as string).pathname.slice(1),
    close: async () => {
      await database.close()
      await keyStore.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  } satisfies AmanaSetup
}

/** An API key with these scopes, made by an owner as the console would. */
export const createApiKey = async (setup: AmanaSetup, scopes: string[]): Promise<string> => {
  const loaded = loadConfig(setup.env)
  if (!loaded.ok) throw new Error(`config: ${JSON.stringify(loaded.issues)}`)
  const access = createStaffAccess({
    db: setup.database.db,
    keys: deriveStaffKeys(loaded.config.secrets),
    audit: createLogAuditSink(createTestLogger()),
    now: () => new Date(),
    publicUrl: setup.baseUrl,
    issuer: 'Amana test',
  })
  const owner = await access.createMember({
    email: `owner-${process.pid}@staff.example`,
    role: 'owner',
    password: `pw-${crypto.randomUUID()}`,
  })
  if (!owner.ok) throw new Error(`owner: ${JSON.stringify(owner)}`)
  const created = await access.createApiKey(
    { id: owner.staff.id, role: 'owner', permissions: capabilitiesOf('owner') },
    { name: 'resilience test', scopes: scopes as never },
  )
  if (!created.ok) throw new Error(`api key: ${JSON.stringify(created)}`)
  return created.key
}

/** An embedded PGlite served on a loopback port, migrated (from the run's template) or empty. */
const embedded = async (migrated: boolean): Promise<AmanaDatabase> => {
  const template = process.env.AMANA_TEST_PGLITE_TEMPLATE
  const server = await startEmbeddedPostgresServer({
    ...(migrated && template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
    maxConnections: 100,
  })
  const database = await openDatabase({ kind: 'postgres', url: server.url })
  if (migrated && !template) await migrateToLatest(database.db)
  return {
    ...database,
    close: async () => {
      await database.close()
      await server.close()
    },
  }
}

/** A new database on a PostgreSQL server, migrated or empty; dropped on close. */
const databaseOn = async (serverUrl: string, migrated: boolean): Promise<AmanaDatabase> => {
  const name = `amana_r_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database "${name}"`).finally(() => admin.end())
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: url.toString() })
  if (migrated) await migrateToLatest(database.db)
  return {
    ...database,
    close: async () => {
      await database.close()
      const cleanup = new pg.Client({ connectionString: serverUrl })
      cleanup.on('error', () => {})
      await cleanup.connect()
      await cleanup.query(`drop database if exists "${name}" with (force)`).catch(() => {})
      await cleanup.end()
    },
  }
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary directory, on a free port), so it
 * can be stopped and started without disturbing anyone else's tests. PostgreSQL refuses to run as
 * root: as root, the cluster belongs to the `postgres` user.
 */
export const startPrivateCluster = async () => {
  const bin = postgresBinDir()
  const dir = await mkdtemp(join(tmpdir(), 'amana-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) execFileSync('chown', ['postgres', dir])
  const run = (tool: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(bin, tool),
      asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args,
      {
        stdio: 'ignore',
        timeout: 60_000,
      },
    )
  const port = await freePort()
  const data = join(dir, 'data')
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const ctl = (...args: string[]) =>
    run('pg_ctl', [
      '-D',
      data,
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      join(dir, 'log'),
      '-w',
      ...args,
    ])
  ctl('start')
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** A fast shutdown: every session is told 57P01, new connections are refused until start(). */
    stop: () => ctl('-m', 'fast', 'stop'),
    start: () => ctl('start'),
    close: async () => {
      try {
        ctl('-m', 'immediate', 'stop')
      } catch {
        // already stopped
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Where initdb and pg_ctl are: on PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
const postgresBinDir = (): string => {
  for (const dir of (process.env.PATH ?? '').split(':'))
    if (dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    : []
  for (const v of versions)
    if (existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)) return `/usr/lib/postgresql/${v}/bin`
  throw new Error('initdb and pg_ctl were not found on PATH or in /usr/lib/postgresql/<version>/bin')
}

export interface AmanaProcess {
  readonly child: ChildProcess
  /** Everything it wrote, for failure messages. */
  output(): string
  /** How it ended, while it has not: undefined. */
  exit(): string | undefined
  /** SIGKILL, as an OOM killer or a pulled plug would. */
  kill(): Promise<void>
  /** SIGTERM and wait (graceful stop). */
  stop(): Promise<void>
}

/** Starts `amana start` or `amana worker` and resolves once it says it runs. */
export const spawnAmana = (command: 'start' | 'worker', env: Record<string, string>): Promise<AmanaProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, command], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let ended: string | undefined
    const ready = command === 'start' ? 'Press Ctrl+C to stop.' : 'is processing jobs'
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`amana ${command} did not start within 90 s:\n${out}`))
    }, 90_000)
    const handle: AmanaProcess = {
      child,
      output: () => out,
      exit: () => ended,
      kill: () => waitExit('SIGKILL'),
      stop: () => waitExit('SIGTERM'),
    }
    function waitExit(signal: NodeJS.Signals) {
      return new Promise<void>((done) => {
        if (ended !== undefined) return done()
        child.once('exit', () => done())
        child.kill(signal)
      })
    }
    const onData = (d: Buffer) => {
      out += d.toString()
      if (out.includes(ready)) {
        clearTimeout(timer)
        resolve(handle)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code, signal) => {
      ended = `exit ${code ?? signal}`
      clearTimeout(timer)
      reject(new Error(`amana ${command} exited before it was ready (${ended}):\n${out}`))
    })
  })

/** Terminates every session of a database but the caller's, as `pg_terminate_backend` from psql would. */
export const terminateBackends = async (adminUrl: string, databaseName: string): Promise<number> => {
  const admin = new pg.Client({ connectionString: adminUrl })
  admin.on('error', () => {})
  await admin.connect()
  try {
    const { rows } = await admin.query<{ n: string }>(
      `select count(*) filter (where pg_terminate_backend(pid)) as n from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid()`,
      [databaseName],
    )
    return Number(rows[0]?.n ?? 0)
  } finally {
    await admin.end()
  }
}
