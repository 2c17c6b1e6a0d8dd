import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { type TestContext, test } from 'node:test'
import type { Kysely } from 'kysely'
import { type AmanaDatabase, openDatabase } from '../platform/db/index.ts'
import { isAmanaError } from '../platform/errors/index.ts'
import { createTestDatabase, testEngine } from '../testing/test-database.ts'
import {
  createConfigKeyProvider,
  createKeyStore,
  createVault,
  deriveBlindIndexKey,
  type KeyStore,
  type KeyStoreTables,
  migrateKeyStore,
  type VaultOptions,
} from './index.ts'

const masterKey = randomBytes(32)

// Creating a PGlite database costs seconds; each test loads a migrated key-store template instead.
let keyStoreTemplate: Promise<Blob> | undefined
const buildKeyStoreTemplate = async (): Promise<Blob> => {
  const database = await openDatabase({ kind: 'pglite-memory' })
  await migrateKeyStore(database.db as unknown as Kysely<KeyStoreTables>)
  const dump = await database.pglite?.dumpDataDir('none')
  await database.close()
  if (!dump) throw new Error('PGlite did not dump')
  return dump
}

/** A key-store database apart from the main one, like a deployment has. */
const openKeyStoreDatabase = async (): Promise<AmanaDatabase> => {
  if (testEngine() === 'postgres') return createTestDatabase()
  keyStoreTemplate ??= buildKeyStoreTemplate()
  return openDatabase({ kind: 'pglite-memory', loadDataDir: await keyStoreTemplate })
}

const setup = async (t: TestContext) => {
  const main = await createTestDatabase()
  const keys = await openKeyStoreDatabase()
  const keyDb = keys.db as unknown as Kysely<KeyStoreTables>
  await migrateKeyStore(keyDb)
  const keyStore = createKeyStore(keyDb)
  t.after(async () => {
    await main.close()
    await keys.close()
  })
  const vaultOver = (overrides: Partial<VaultOptions> = {}) =>
    createVault({
      db: main.db,
      keyStore,
      keyProvider: createConfigKeyProvider(masterKey),
      hmacKey: deriveBlindIndexKey(masterKey),
      ...overrides,
    })
  return { main, keys, keyDb, keyStore, vault: vaultOver(), vaultOver }
}

const code = (expected: string) => (error: unknown) => isAmanaError(error) && error.code === expected

const customerEmail = { record: 'customer:42', field: 'email' }

test('a field encrypts and decrypts back to the same value, and the ciphertext hides it', async (t) => {
  const { vault } = await setup(t)
  for (const value of ['sara@example.com', '+44 20 7946 0958', 'زينب الحربي', '', 'x'.repeat(5000)]) {
    const ciphertext = await vault.encrypt('sub_1', customerEmail, value)
    assert.match(ciphertext, /^v1\.[A-Za-z0-9_-]+$/)
    if (value) assert.ok(!ciphertext.includes(value))
    assert.equal(await vault.decrypt('sub_1', customerEmail, ciphertext), value)
  }
})

test('equal values encrypt to different ciphertexts (random IVs)', async (t) => {
  const { vault } = await setup(t)
  const a = await vault.encrypt('sub_1', customerEmail, 'same')
  const b = await vault.encrypt('sub_1', customerEmail, 'same')
  assert.notEqual(a, b)
})

test('a value moved to another record, field or subject fails to decrypt', async (t) => {
  const { vault } = await setup(t)
  const ciphertext = await vault.encrypt('sub_1', customerEmail, 'sara@example.com')
  await vault.encrypt('sub_2', customerEmail, 'omar@example.com')
  await assert.rejects(
    vault.decrypt('sub_1', { record: 'customer:43', field: 'email' }, ciphertext),
    code('VAULT_DECRYPT_FAILED'),
  )
  await assert.rejects(
    vault.decrypt('sub_1', { record: 'customer:42', field: 'phone' }, ciphertext),
    code('VAULT_DECRYPT_FAILED'),
  )
  await assert.rejects(vault.decrypt('sub_2', customerEmail, ciphertext), code('VAULT_DECRYPT_FAILED'))
})

test('a tampered, truncated or foreign ciphertext is refused with VAULT_DECRYPT_FAILED and no plaintext in the message', async (t) => {
  const { vault } = await setup(t)
  const ciphertext = await vault.encrypt('sub_1', customerEmail, 'sara@example.com')
  const raw = Buffer.from(ciphertext.slice(3), 'base64url')
  raw[14] = (raw[14] ?? 0) ^ 1
  const tampered = `v1.${raw.toString('base64url')}`
  for (const bad of [
    tampered,
    ciphertext.slice(0, 20),
    'v1.',
    'sara@example.com',
    `v2.${ciphertext.slice(3)}`,
  ]) {
    await assert.rejects(vault.decrypt('sub_1', customerEmail, bad), (error: unknown) => {
      assert.ok(code('VAULT_DECRYPT_FAILED')(error))
      assert.ok(!(error as Error).message.includes('sara'))
      return true
    })
  }
})

test('a wrapped data key copied to another subject in the key store does not unwrap', async (t) => {
  const { vault, vaultOver, keyDb } = await setup(t)
  await vault.encrypt('sub_1', customerEmail, 'a')
  const forOmar = await vault.encrypt('sub_2', customerEmail, 'b')
  const sara = await keyDb
    .selectFrom('vault_data_key')
    .select('wrapped')
    .where('subject_id', '=', 'sub_1')
    .executeTakeFirstOrThrow()
  await keyDb
    .updateTable('vault_data_key')
    .set({ wrapped: sara.wrapped })
    .where('subject_id', '=', 'sub_2')
    .execute()
  await assert.rejects(vaultOver().decrypt('sub_2', customerEmail, forOmar), code('VAULT_DECRYPT_FAILED'))
})

test('shredding a subject makes their ciphertexts undecryptable with SUBJECT_SHREDDED, here and in other processes', async (t) => {
  const { vault, vaultOver } = await setup(t)
  const sara = await vault.encrypt('sub_sara', customerEmail, 'sara@example.com')
  const omar = await vault.encrypt('sub_omar', customerEmail, 'omar@example.com')
  const token = await vault.tokenise('sub_sara', 'phone', '+44 7700 900123')

  const outcome = await vault.shredSubject('sub_sara')
  assert.equal(outcome.alreadyShredded, false)

  for (const v of [vault, vaultOver()]) {
    await assert.rejects(v.decrypt('sub_sara', customerEmail, sara), code('SUBJECT_SHREDDED'))
    await assert.rejects(v.detokenise(token), code('SUBJECT_SHREDDED'))
    assert.equal(await v.decrypt('sub_omar', customerEmail, omar), 'omar@example.com')
  }
  assert.equal(await vault.isShredded('sub_sara'), true)
  assert.equal(await vault.isShredded('sub_omar'), false)
  // A shredded subject is never given a new key, so new data for them cannot be written by mistake.
  await assert.rejects(vault.encrypt('sub_sara', customerEmail, 'again'), code('SUBJECT_SHREDDED'))
  assert.equal((await vault.shredSubject('sub_sara')).alreadyShredded, true)
})

test('a copy of the main database taken before shredding cannot be decrypted afterwards with the current keys', async (t) => {
  const { main, vault, vaultOver } = await setup(t)
  const saraToken = await vault.tokenise('sub_sara', 'phone', '+44 7700 900123')
  const omarToken = await vault.tokenise('sub_omar', 'phone', '+44 7700 900456')
  // The backup: every main-database row as it was (for PGlite also a real data-directory dump below).
  const backup = await main.db.selectFrom('vault_token').selectAll().execute()

  await vault.shredSubject('sub_sara')

  // Restore the backup over the live rows: ciphertexts and lookups come back, the data key does not.
  await main.db.deleteFrom('vault_token').execute()
  await main.db.insertInto('vault_token').values(backup).execute()
  const restored = vaultOver()
  await assert.rejects(restored.detokenise(saraToken), code('SUBJECT_SHREDDED'))
  assert.equal((await restored.detokenise(omarToken)).value, '+44 7700 900456')
})

test('a PGlite data-directory dump taken before shredding stays unreadable for the shredded subject', {
  skip: testEngine() !== 'pglite',
}, async (t) => {
  const { main, keyStore, vault } = await setup(t)
  const saraToken = await vault.tokenise('sub_sara', 'email', 'sara@example.com')
  const omarToken = await vault.tokenise('sub_omar', 'email', 'omar@example.com')
  const sara = await vault.encrypt('sub_sara', customerEmail, 'sara@example.com')
  assert.ok(main.pglite)
  const dump = await main.pglite.dumpDataDir('gzip')

  await vault.shredSubject('sub_sara')

  const restoredMain = await openDatabase({ kind: 'pglite-memory', loadDataDir: dump })
  t.after(() => restoredMain.close())
  const restoredRow = await restoredMain.db
    .selectFrom('vault_token')
    .select(['lookup', 'ciphertext'])
    .where('token', '=', saraToken)
    .executeTakeFirstOrThrow()
  assert.ok(restoredRow.ciphertext, 'the dump still holds the ciphertext')
  const overDump = (ks: KeyStore) =>
    createVault({
      db: restoredMain.db,
      keyStore: ks,
      keyProvider: createConfigKeyProvider(masterKey),
      hmacKey: deriveBlindIndexKey(masterKey),
    })

  // Same master key, current key store: the shredded subject is gone, everyone else restores fine.
  const current = overDump(keyStore)
  await assert.rejects(current.detokenise(saraToken), code('SUBJECT_SHREDDED'))
  await assert.rejects(current.decrypt('sub_sara', customerEmail, sara), code('SUBJECT_SHREDDED'))
  assert.equal((await current.detokenise(omarToken)).value, 'omar@example.com')

  // The dump alone holds no key material: with the master key but an empty key store nothing decrypts.
  const emptyKeys = await openKeyStoreDatabase()
  t.after(() => emptyKeys.close())
  const emptyDb = emptyKeys.db as unknown as Kysely<KeyStoreTables>
  await assert.rejects(overDump(createKeyStore(emptyDb)).detokenise(omarToken), code('VAULT_DECRYPT_FAILED'))
})

test('a subject is found by email or phone through the blind index, whatever the case, spacing or format', async (t) => {
  const { vault, vaultOver } = await setup(t)
  await vault.indexSubject('sub_sara', 'email', '  Sara.Haddad@Example.COM ')
  await vault.indexSubject('sub_sara', 'phone', '+44 (0)20 7946-0958'.replace('(0)', ''))
  await vault.indexSubject('sub_omar', 'email', 'omar@example.com')
  assert.deepEqual(await vault.findSubjects('email', 'sara.haddad@example.com'), ['sub_sara'])
  assert.deepEqual(await vault.findSubjects('phone', '0044 20 7946 0958'), ['sub_sara'])
  assert.deepEqual(await vault.findSubjects('email', 'nobody@example.com'), [])
  assert.equal(vault.blindIndex('email', 'A@B.C'), vault.blindIndex('email', ' a@b.c'))
  // A different key gives unrelated digests: the index is useless without the vault's HMAC key.
  const other = vaultOver({ hmacKey: randomBytes(32) })
  assert.notEqual(other.blindIndex('email', 'a@b.c'), vault.blindIndex('email', 'a@b.c'))
  await vault.shredSubject('sub_sara')
  assert.deepEqual(await vault.findSubjects('email', 'sara.haddad@example.com'), [])
})

test('tokenise gives one token per subject, kind and value; detokenise returns the value', async (t) => {
  const { vault } = await setup(t)
  const token = await vault.tokenise('sub_sara', 'phone', '+44 7700 900123')
  assert.match(token, /^tok_[A-Za-z0-9_-]{24}$/)
  assert.equal(await vault.tokenise('sub_sara', 'phone', '+447700900123'), token)
  assert.notEqual(await vault.tokenise('sub_sara', 'phone', '+44 7700 900999'), token)
  assert.notEqual(await vault.tokenise('sub_omar', 'phone', '+44 7700 900123'), token)
  assert.deepEqual(await vault.detokenise(token), {
    subjectId: 'sub_sara',
    kind: 'phone',
    value: '+44 7700 900123',
  })
  await assert.rejects(vault.detokenise('tok_AAAAAAAAAAAAAAAAAAAAAAAA'), code('NOT_FOUND'))
  await assert.rejects(vault.detokenise("tok_'; drop table vault_token"), code('NOT_FOUND'))
})

test('concurrent tokenise calls for one value agree on a single token', async (t) => {
  const { vault, vaultOver } = await setup(t)
  const other = vaultOver()
  const tokens = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      (i % 2 ? vault : other).tokenise('sub_new', 'email', 'new@example.com'),
    ),
  )
  assert.equal(new Set(tokens).size, 1)
})

test('key rotation re-wraps every data key in resumable batches while old and new keys both decrypt', async (t) => {
  const { vaultOver, keyStore } = await setup(t)
  const oldKek = createConfigKeyProvider(randomBytes(32))
  const newKek = createConfigKeyProvider(randomBytes(32))
  const before = vaultOver({ keyProvider: oldKek })
  const subjects = Array.from({ length: 25 }, (_, i) => `sub_${String(i).padStart(2, '0')}`)
  const ciphertexts = await Promise.all(
    subjects.map((s) => before.encrypt(s, customerEmail, `${s}@example.com`)),
  )

  const during = vaultOver({ keyProvider: newKek, previousKeyProviders: [oldKek] })
  const first = await during.rotateKeys({ batchSize: 10, maxBatches: 1 })
  assert.deepEqual(
    { finished: first.finished, rewrapped: first.rewrapped },
    { finished: false, rewrapped: 10 },
  )
  assert.deepEqual(Object.fromEntries(await keyStore.countByKek()), { [oldKek.id]: 15, [newKek.id]: 10 })
  const fresh = vaultOver({ keyProvider: newKek, previousKeyProviders: [oldKek] })
  for (const [i, s] of subjects.entries())
    assert.equal(await fresh.decrypt(s, customerEmail, ciphertexts[i] ?? ''), `${s}@example.com`)
  // New subjects created mid-rotation are wrapped by the new KEK straight away.
  await during.encrypt('sub_zz', customerEmail, 'late@example.com')

  // "Restart": a new vault instance resumes from the stored cursor.
  const resumed = await vaultOver({ keyProvider: newKek, previousKeyProviders: [oldKek] }).rotateKeys({
    batchSize: 10,
  })
  assert.deepEqual(
    { finished: resumed.finished, rewrapped: resumed.rewrapped, unavailable: resumed.unavailable },
    { finished: true, rewrapped: 25, unavailable: 0 },
  )
  assert.deepEqual(Object.fromEntries(await keyStore.countByKek()), { [newKek.id]: 26 })

  const after = vaultOver({ keyProvider: newKek })
  for (const [i, s] of subjects.entries())
    assert.equal(await after.decrypt(s, customerEmail, ciphertexts[i] ?? ''), `${s}@example.com`)
  await assert.rejects(
    vaultOver({ keyProvider: oldKek }).decrypt('sub_00', customerEmail, ciphertexts[0] ?? ''),
    code('VAULT_KEY_UNAVAILABLE'),
  )
})
