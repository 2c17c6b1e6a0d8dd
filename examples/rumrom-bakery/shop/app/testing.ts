import assert from 'node:assert/strict'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startDemoShop } from '../../../../packages/amana/src/demo/index.ts'
import { capabilitiesOf } from '../../../../packages/amana/src/staff/index.ts'
import { addMember, staffAccessFor } from '../../../../packages/amana/src/staff/testing.ts'
import { freePort } from '../../../../packages/amana/src/testing/free-port.ts'
import { startSmtpInbox } from '../../../../packages/amana/src/testing/smtp-inbox.ts'
import {
  createTestApp,
  createTestConfig,
  loadDemoManifest,
} from '../../../../packages/amana/src/testing/test-app.ts'
import { createSandbox } from '../../payments/sandbox.ts'
import { createShopApp } from './server.ts'

/**
 * The whole example for a test: the shop's database (embedded, seeded, over the wire), Amana on a
 * fresh test database with a key for the shop, the sandbox and the shop, all listening on loopback.
 */
export const startShopStack = async () => {
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
  // The shop's pages show Amana's banner, which records consent from the shop's origin.
  const amanaPort = await freePort()
  const amanaUrl = `http://127.0.0.1:${amanaPort}`
  // The banner records consent at Amana's public URL, so it must be where Amana really listens.
  // Amana's mail goes to a real SMTP server on loopback, delivered by its own job worker.
  const smtp = await startSmtpInbox()
  const amana = await createTestApp({
    config: createTestConfig({
      AMANA_ALLOWED_ORIGINS: shopUrl,
      AMANA_PUBLIC_URL: amanaUrl,
      AMANA_SMTP_URL: smtp.url,
      AMANA_MAIL_FROM: 'RUMROM Bakery <hello@rumrom.com>',
    }),
    worker: true,
  })
  await amana.app.listen({ host: '127.0.0.1', port: amanaPort })
  const owner = await addMember(amana, 'owner')
  const key = await staffAccessFor(amana).createApiKey(
    { id: owner.id, role: 'owner', permissions: capabilitiesOf('owner') },
    { name: 'rumrom-shop', scopes: ['disclosures:write', 'consent:read', 'consent:write'] },
  )
  assert.ok(key.ok)
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
  return {
    shopUrl,
    amanaUrl,
    amana,
    sandbox,
    shopDb,
    db,
    smtp,
    /** The shop's key (disclosures:write, consent:read, consent:write). */
    apiKey: key.key,
    close: async () => {
      await db.end()
      await shop.close()
      await sandbox.app.close()
      await amana.close()
      await shopDb.close()
      await smtp.close()
    },
  }
}
