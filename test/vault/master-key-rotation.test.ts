import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import type { AppContext } from '../../packages/amana/src/app/app-context.ts'
import { shopProfileOf } from '../../packages/amana/src/app/app-manifest.ts'
import { createServices } from '../../packages/amana/src/app/services.ts'
import { amanaVersion } from '../../packages/amana/src/app/version.ts'
import type { AmanaDatabase } from '../../packages/amana/src/platform/db/index.ts'
import {
  createTestConfig,
  createTestLogger,
  loadDemoManifest,
} from '../../packages/amana/src/testing/test-app.ts'
import { createTestDatabase } from '../../packages/amana/src/testing/test-database.ts'

const contextFor = async (database: AmanaDatabase, env: Record<string, string>): Promise<AppContext> => {
  const manifest = await loadDemoManifest()
  return {
    config: createTestConfig(env),
    database,
    logger: createTestLogger(),
    jobs: undefined,
    manifest,
    shop: shopProfileOf(manifest.manifest),
    version: amanaVersion,
    now: () => new Date(),
  }
}

test('rotating the master key re-wraps data keys; values, tokens and blind-index lookups survive', async () => {
  const database = await createTestDatabase()
  const keyStore = {
    kind: 'pglite' as const,
    dataDir: mkdtempSync(join(process.env.AMANA_TEST_TMP ?? tmpdir(), 'keystore-')),
  }
  const oldKey = randomBytes(32).toString('base64')
  const newKey = randomBytes(32).toString('base64')
  const email = `layla.${randomBytes(3).toString('hex')}@example.com`
  try {
    const before = await createServices(await contextFor(database, { AMANA_MASTER_KEY: oldKey }), {
      keyStore,
    })
    const sealed = await before.vault.encrypt('s-1', { record: 'customers:1', field: 'email' }, email)
    await before.vault.indexSubject('s-1', 'email', email)
    const token = await before.vault.tokenise('s-1', 'email', email)
    await before.close()

    const after = await createServices(
      await contextFor(database, { AMANA_MASTER_KEY: newKey, AMANA_PREVIOUS_MASTER_KEYS: oldKey }),
      { keyStore },
    )
    assert.equal(
      await after.vault.decrypt('s-1', { record: 'customers:1', field: 'email' }, sealed),
      email,
      'readable during rotation',
    )
    const outcome = await after.vault.rotateKeys()
    assert.equal(outcome.finished, true)
    assert.equal(outcome.rewrapped, 1)
    await after.close()

    // Rotation finished: the old key wraps nothing any more. It stays listed only as the root of the
    // keys that must never change (blind indexes, subject hashes, the audit signature).
    const oldAlone = await createServices(await contextFor(database, { AMANA_MASTER_KEY: oldKey }), {
      keyStore,
    })
    await assert.rejects(
      oldAlone.vault.decrypt('s-1', { record: 'customers:1', field: 'email' }, sealed),
      'the old key alone no longer opens the data key',
    )
    await oldAlone.close()
    const rotated = await createServices(
      await contextFor(database, { AMANA_MASTER_KEY: newKey, AMANA_PREVIOUS_MASTER_KEYS: oldKey }),
      { keyStore },
    )
    assert.equal(await rotated.vault.decrypt('s-1', { record: 'customers:1', field: 'email' }, sealed), email)
    assert.deepEqual(await rotated.vault.findSubjects('email', email.toUpperCase()), ['s-1'])
    assert.equal((await rotated.vault.detokenise(token)).value, email)
    await rotated.close()
  } finally {
    await database.close()
  }
})
