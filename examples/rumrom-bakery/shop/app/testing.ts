import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startDemoAutopilot, startDemoShop } from '../../../../packages/amana/src/demo/index.ts'
import { demoManifestPath } from '../../../../packages/amana/src/platform/config/index.ts'
import { capabilitiesOf } from '../../../../packages/amana/src/staff/index.ts'
import { addMember, staffAccessFor } from '../../../../packages/amana/src/staff/testing.ts'
import { freePort } from '../../../../packages/amana/src/testing/free-port.ts'
import { startSmtpInbox } from '../../../../packages/amana/src/testing/smtp-inbox.ts'
import {
  createTestApp,
  createTestConfig,
  loadDemoManifest,
  type TestApp,
} from '../../../../packages/amana/src/testing/test-app.ts'
import { createTestDatabaseOnDisk } from '../../../../packages/amana/src/testing/test-database.ts'
import { createSandbox } from '../../payments/sandbox.ts'
import { createShopApp } from './server.ts'

export interface ShopStackOptions {
  /**
   * Where Amana's mail goes. 'smtp' (default): a real SMTP server on loopback (`smtp`). 'mailbox':
   * demo mode, as `npm start` runs without AMANA_SMTP_URL: caught in the demo mailbox, which staff
   * read at /admin/mailbox (the SMTP server then receives nothing).
   */
  readonly mail?: 'smtp' | 'mailbox'
  /** Amana's database where an `amana` command can open it after `closeAmana()` (`amanaEnv`). */
  readonly onDisk?: boolean
  /** The demo autopilot, as `amana start --demo` runs it: approvals and the manual and processor tasks. */
  readonly autopilot?: boolean
}

/**
 * The whole example for a test: the shop's database (embedded, seeded, over the wire), Amana on a
 * fresh test database with a key for the shop and the shop's database as its connector's, the
 * sandbox and the shop, all listening on loopback. The owner may sign in to the console.
 */
export const startShopStack = async (options: ShopStackOptions = {}) => {
  const dir = await mkdtemp(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'rumrom-shop-'))
  const manifest = await loadDemoManifest()
  const shopDb = await startDemoShop({
    dir,
    source: join(import.meta.dirname, '..'),
    manifest: manifest.manifest,
    memory: true,
  })
  const shopPort = await freePort()
  const shopUrl = `http://127.0.0.1:${shopPort}`
  // The banner records consent at Amana's public URL, so it must be where Amana really listens.
  const amanaPort = await freePort()
  const amanaUrl = `http://127.0.0.1:${amanaPort}`
  const smtp = await startSmtpInbox()
  const amanaDir = join(dir, 'amana')
  const onDisk = options.onDisk ? await createTestDatabaseOnDisk(amanaDir) : undefined
  // What `amana` commands need to open the same database and derive the same keys (test secrets only).
  const amanaEnv: Record<string, string> = {
    AMANA_MODE: options.mail === 'mailbox' ? 'demo' : 'production',
    AMANA_MANIFEST: demoManifestPath,
    AMANA_DATA_DIR: amanaDir,
    AMANA_MASTER_KEY: randomBytes(32).toString('base64'),
    AMANA_SESSION_SECRET: randomBytes(48).toString('base64url'),
    ...onDisk?.env,
  }
  const amana = await createTestApp({
    config: createTestConfig({
      ...amanaEnv,
      AMANA_ALLOWED_ORIGINS: shopUrl,
      AMANA_PUBLIC_URL: amanaUrl,
      ...(options.mail === 'mailbox' ? {} : { AMANA_SMTP_URL: smtp.url }),
      AMANA_MAIL_FROM: 'RUMROM Bakery <hello@rumrom.com>',
    }),
    worker: true,
    env: { ...shopDb.env },
    ...(onDisk ? { database: onDisk.database } : {}),
  })
  await amana.app.listen({ host: '127.0.0.1', port: amanaPort })
  const owner = await addMember(amana, 'owner')
  const key = await staffAccessFor(amana).createApiKey(
    { id: owner.id, role: 'owner', permissions: capabilitiesOf('owner') },
    { name: 'rumrom-shop', scopes: ['disclosures:write', 'consent:read', 'consent:write'] },
  )
  assert.ok(key.ok)
  const stopAutopilot = options.autopilot ? autopilotFor(amana) : () => {}
  const sandbox = createSandbox({ shopOrigin: shopUrl })
  await sandbox.app.listen({ host: '127.0.0.1', port: 0 })
  const sandboxUrl = `http://127.0.0.1:${(sandbox.app.server.address() as { port: number }).port}`
  const shop = await createShopApp({
    databaseUrl: shopDb.databaseUrl,
    uploadsDir: shopDb.uploadsDir,
    amanaUrl,
    amanaApiKey: key.key,
    sandboxUrl,
    publicUrl: shopUrl,
  })
  await shop.listen({ host: '127.0.0.1', port: shopPort })
  const db = new pg.Client({ connectionString: shopDb.databaseUrl })
  await db.connect()
  let amanaOpen = true
  /** Stops Amana (its database is then free for an `amana` command); the shop keeps running. */
  const closeAmana = async () => {
    if (!amanaOpen) return
    amanaOpen = false
    stopAutopilot()
    await amana.close()
  }
  return {
    shopUrl,
    amanaUrl,
    amana,
    sandbox,
    shopDb,
    db,
    smtp,
    /** The owner's console account (email and password). */
    owner: { email: owner.email, password: owner.password },
    /** The environment for `amana` commands on Amana's database (with `onDisk`, once `closeAmana()` ran). */
    amanaEnv,
    closeAmana,
    /** The shop's key (disclosures:write, consent:read, consent:write). */
    apiKey: key.key,
    close: async () => {
      await db.end()
      await shop.close()
      await sandbox.app.close()
      await closeAmana()
      await onDisk?.dispose()
      await shopDb.close()
      await smtp.close()
    },
  }
}

export type ShopStack = Awaited<ReturnType<typeof startShopStack>>

/** The demo autopilot over the test app's requests service, as `amana start --demo` wires it. */
const autopilotFor = (amana: TestApp) => {
  const requests = amana.services.requests
  const systems = amana.ctx.manifest.manifest
  return startDemoAutopilot(
    {
      list: (filter) => requests.store.list(filter),
      tasks: (id) => requests.store.tasks(id),
      approve: (id, actor) => requests.approve(id, actor),
      completeTask: (id, taskId, actor, evidence) => requests.completeTask(id, taskId, actor, evidence),
    },
    {
      manualSystems: Object.entries(systems.systems ?? {})
        .filter(([, system]) => system.kind === 'manual')
        .map(([id]) => id),
      processors: Object.keys(systems.processors ?? {}),
      intervalMs: 250,
    },
  )
}
