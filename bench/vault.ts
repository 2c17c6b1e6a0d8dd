/**
 * Vault field encryption + decryption against raw node:crypto AES-256-GCM on the same payloads.
 * The vault runs with a warm data-key cache (keys held as described in docs/security.md); the raw
 * baseline is what a hand-rolled field cipher does: random IV, one key, no associated data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { loadavg } from 'node:os'
import type { Kysely } from 'kysely'
import { migrateToLatest, openDatabase } from '../packages/amana/src/platform/db/index.ts'
import {
  createConfigKeyProvider,
  createKeyStore,
  createVault,
  deriveBlindIndexKey,
  type KeyStoreTables,
  migrateKeyStore,
} from '../packages/amana/src/vault/index.ts'
import { writeResults } from './lib.ts'

const fields = [
  { field: 'email', value: 'sara.haddad@example.com' },
  { field: 'phone', value: '+44 7700 900123' },
  { field: 'name', value: 'Sara Haddad' },
  { field: 'address', value: '12 Baker Street, Flat 3, London NW1 6XE, United Kingdom' },
  {
    field: 'note',
    value: 'Leave the parcel with the neighbour at number 14 if nobody answers; gluten-free order. '.repeat(
      2,
    ),
  },
]
const SUBJECTS = 200
const OPS = 40_000
const ROUNDS = 7

const main = await openDatabase({ kind: 'pglite-memory' })
const keys = await openDatabase({ kind: 'pglite-memory' })
try {
  await migrateToLatest(main.db)
  const keyDb = keys.db as unknown as Kysely<KeyStoreTables>
  await migrateKeyStore(keyDb)
  const masterKey = randomBytes(32)
  const vault = createVault({
    db: main.db,
    keyStore: createKeyStore(keyDb),
    keyProvider: createConfigKeyProvider(masterKey),
    hmacKey: deriveBlindIndexKey(masterKey),
    cache: { maxEntries: 10_000, ttlMs: 10 * 60_000 },
  })
  const subjects = Array.from({ length: SUBJECTS }, (_, i) => `sub_${i}`)
  for (const s of subjects) await vault.encrypt(s, { record: 'customer', field: 'warm-up' }, 'x')

  const vaultRound = async () => {
    const t0 = performance.now()
    for (let i = 0; i < OPS; i++) {
      const subjectId = subjects[i % SUBJECTS] as string
      const f = fields[i % fields.length] as (typeof fields)[number]
      const context = { record: `customer:${i % SUBJECTS}`, field: f.field }
      const ciphertext = await vault.encrypt(subjectId, context, f.value)
      if ((await vault.decrypt(subjectId, context, ciphertext)).length !== f.value.length)
        throw new Error('round trip failed')
    }
    return performance.now() - t0
  }

  const rawKeys = subjects.map(() => randomBytes(32))
  const rawRound = async () => {
    const t0 = performance.now()
    for (let i = 0; i < OPS; i++) {
      const key = rawKeys[i % SUBJECTS] as Buffer
      const f = fields[i % fields.length] as (typeof fields)[number]
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const sealed = Buffer.concat([iv, cipher.update(f.value, 'utf8'), cipher.final(), cipher.getAuthTag()])
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(sealed.length - 16))
      const plain =
        decipher.update(sealed.subarray(12, sealed.length - 16), undefined, 'utf8') + decipher.final('utf8')
      if (plain.length !== f.value.length) throw new Error('round trip failed')
      await undefined
    }
    return performance.now() - t0
  }

  // Alternate the two so load changes on a shared machine hit both alike; take medians.
  await vaultRound()
  await rawRound()
  const vaultMs: number[] = []
  const rawMs: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    vaultMs.push(await vaultRound())
    rawMs.push(await rawRound())
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
  const vaultRate = OPS / (median(vaultMs) / 1000)
  const rawRate = OPS / (median(rawMs) / 1000)

  writeResults(
    'vault',
    'Vault field encryption',
    [
      {
        name: 'vault encrypt + decrypt, 5 typical fields (15–170 bytes), 200 subjects, warm key cache',
        value: vaultRate,
        unit: 'round trips/s',
        baseline: { name: 'raw node:crypto AES-256-GCM encrypt + decrypt, same payloads', value: rawRate },
        target: '≥ 0.7× raw',
        met: vaultRate / rawRate >= 0.7,
      },
    ],
    [
      `Median of ${ROUNDS} alternating rounds of ${OPS.toLocaleString('en')} round trips after a warm-up; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end.`,
      'The vault adds per value: associated data (subject, record, field), the key-cache lookup, base64url text encoding and parsing, and an async call; the raw baseline awaits once per round trip too.',
    ],
  )
} finally {
  await main.close()
  await keys.close()
}
