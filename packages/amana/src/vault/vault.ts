import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { AmanaError } from '../platform/errors/index.ts'
import { blindIndex, tokenLookup } from './domain/blind-index.ts'
import { type FieldContext, fieldAad, openField, sealField } from './domain/cipher.ts'
import { createDataKeyCache, type DataKeyCacheOptions } from './domain/data-key-cache.ts'
import { dataKeyContext, type KeyProvider } from './domain/key-provider.ts'
import type { NormaliseOptions } from './domain/normalise.ts'
import type { KeyStore, StoredDataKey } from './key-store.ts'
import { type RotationOutcome, runKeyRotation } from './rotation.ts'
import { createVaultStore } from './store.ts'

export interface VaultOptions {
  /** The main database: blind indexes and tokens. */
  readonly db: Kysely<Database>
  /** The separate key store holding wrapped data keys and shred tombstones. */
  readonly keyStore: KeyStore
  /** The active KEK: wraps every new data key and is the target of rotation. */
  readonly keyProvider: KeyProvider
  /** Earlier KEKs, still able to unwrap until rotation has finished. */
  readonly previousKeyProviders?: readonly KeyProvider[]
  /** Blind-index HMAC key (deriveBlindIndexKey(masterKey)). */
  readonly hmacKey: Buffer
  readonly cache?: DataKeyCacheOptions
  readonly normalise?: NormaliseOptions
  readonly now?: () => Date
}

export interface ShredOutcome {
  readonly subjectId: string
  readonly shreddedAt: Date
  readonly alreadyShredded: boolean
}

export interface Detokenised {
  readonly subjectId: string
  readonly kind: string
  readonly value: string
}

export interface Vault {
  readonly keyProviderId: string
  /** Encrypts one field value for a subject, creating the subject's data key on first use. */
  encrypt(subjectId: string, context: FieldContext, plaintext: string): Promise<string>
  /** Throws SUBJECT_SHREDDED after shredding, VAULT_DECRYPT_FAILED for tampered or misplaced values. */
  decrypt(subjectId: string, context: FieldContext, ciphertext: string): Promise<string>
  /** Keyed digest of a normalised value, for columns other features index themselves. */
  blindIndex(kind: string, value: string): string
  indexSubject(subjectId: string, kind: string, value: string): Promise<void>
  /** Subjects indexed under this value (e.g. by email), without decrypting anything. */
  findSubjects(kind: string, value: string): Promise<string[]>
  /** The same (subject, kind, normalised value) always gives the same token. */
  tokenise(subjectId: string, kind: string, value: string): Promise<string>
  detokenise(token: string): Promise<Detokenised>
  /** Destroys the subject's data key; every ciphertext of theirs, anywhere, becomes unreadable. */
  shredSubject(subjectId: string): Promise<ShredOutcome>
  isShredded(subjectId: string): Promise<boolean>
  /** Re-wraps data keys under the active KEK; resumable (see runKeyRotation). */
  rotateKeys(options?: { batchSize?: number; maxBatches?: number }): Promise<RotationOutcome>
  /** Drops and zeroises every cached data key. */
  clearCache(): void
}

const TOKEN_PATTERN = /^tok_[A-Za-z0-9_-]{24}$/

/** What the vault's functions share, built once by createVault. */
interface VaultKit {
  readonly keyStore: KeyStore
  readonly keyProvider: KeyProvider
  readonly providers: ReadonlyMap<string, KeyProvider>
  readonly cache: ReturnType<typeof createDataKeyCache>
  readonly store: ReturnType<typeof createVaultStore>
  readonly hmacKey: KeyObject
  readonly normalise: NormaliseOptions
  readonly now: () => Date
}

const shredded = () =>
  new AmanaError('SUBJECT_SHREDDED', 'This subject was erased: their encrypted data can no longer be read.')

const unwrapStored = async (
  v: VaultKit,
  subjectId: string,
  stored: StoredDataKey,
): Promise<Buffer | undefined> => {
  if (stored.kind === 'shredded') throw shredded()
  if (stored.kind === 'none') return undefined
  const provider = v.providers.get(stored.kekId)
  if (!provider) {
    throw new AmanaError(
      'VAULT_KEY_UNAVAILABLE',
      `A data key is wrapped by key-encryption key ${stored.kekId}, which is not configured.`,
      {
        kekId: stored.kekId,
      },
    )
  }
  const key = await provider.unwrap(stored.wrapped, dataKeyContext(subjectId))
  if (!key)
    throw new AmanaError('VAULT_DECRYPT_FAILED', 'A stored data key failed authentication.', {
      kekId: stored.kekId,
    })
  return key
}

/**
 * Returns a private copy of the subject's data key; the caller uses it synchronously and hands it to
 * the cache. Keys taken from the cache are only ever used in the same synchronous turn, so eviction
 * (which zeroises) cannot pull a key out from under an operation.
 */
const loadDataKey = async (v: VaultKit, subjectId: string, create: boolean): Promise<Buffer> => {
  const existing = await unwrapStored(v, subjectId, await v.keyStore.find(subjectId))
  if (existing) return existing
  if (!create)
    throw new AmanaError('VAULT_DECRYPT_FAILED', 'No data key exists for this subject in the key store.')
  const fresh = randomBytes(32)
  const wrapped = await v.keyProvider.wrap(fresh, dataKeyContext(subjectId))
  const stored = await v.keyStore.insert({ subjectId, kekId: v.keyProvider.id, wrapped })
  if (stored.kind === 'key' && stored.wrapped.equals(wrapped)) return fresh
  fresh.fill(0)
  const winner = await unwrapStored(v, subjectId, stored)
  if (!winner) throw new AmanaError('INTERNAL', 'The key store returned no key after inserting one.')
  return winner
}

const withDataKey = async <T>(
  v: VaultKit,
  subjectId: string,
  create: boolean,
  use: (key: Buffer) => T,
): Promise<T> => {
  const cached = v.cache.get(subjectId, Date.now())
  if (cached) return use(cached)
  const key = await loadDataKey(v, subjectId, create)
  try {
    return use(key)
  } finally {
    v.cache.set(subjectId, key, Date.now())
  }
}

const encrypt = (v: VaultKit, subjectId: string, context: FieldContext, plaintext: string) =>
  withDataKey(v, subjectId, true, (key) => sealField(key, fieldAad(subjectId, context), plaintext))

const decrypt = async (v: VaultKit, subjectId: string, context: FieldContext, ciphertext: string) => {
  const plaintext = await withDataKey(v, subjectId, false, (key) =>
    openField(key, fieldAad(subjectId, context), ciphertext),
  )
  if (plaintext === undefined) {
    throw new AmanaError(
      'VAULT_DECRYPT_FAILED',
      `The encrypted value for ${context.record}.${context.field} failed authentication: it was altered or does not belong to this record.`,
      { record: context.record, field: context.field },
    )
  }
  return plaintext
}

const tokenContext = (token: string, kind: string): FieldContext => ({
  record: `vault_token:${token}`,
  field: kind,
})

const tokenise = async (v: VaultKit, subjectId: string, kind: string, value: string): Promise<string> => {
  const lookup = tokenLookup(v.hmacKey, subjectId, kind, value, v.normalise)
  const existing = await v.store.findTokenByLookup(lookup)
  if (existing) return existing
  const token = `tok_${randomBytes(18).toString('base64url')}`
  const ciphertext = await encrypt(v, subjectId, tokenContext(token, kind), value)
  return v.store.insertToken({ token, subjectId, kind, lookup, ciphertext })
}

const detokenise = async (v: VaultKit, token: string): Promise<Detokenised> => {
  const row = TOKEN_PATTERN.test(token) ? await v.store.findToken(token) : undefined
  if (!row) throw new AmanaError('NOT_FOUND', 'Unknown token.')
  if (row.ciphertext === null) throw shredded()
  const value = await decrypt(v, row.subjectId, tokenContext(token, row.kind), row.ciphertext)
  return { subjectId: row.subjectId, kind: row.kind, value }
}

const shredSubject = async (v: VaultKit, subjectId: string): Promise<ShredOutcome> => {
  const at = v.now()
  const { alreadyShredded } = await v.keyStore.shred(subjectId, at)
  v.cache.delete(subjectId)
  await v.store.forgetSubject(subjectId, at)
  return { subjectId, shreddedAt: at, alreadyShredded }
}

export const createVault = (options: VaultOptions): Vault => {
  const { db, keyStore, keyProvider, normalise = {}, now = () => new Date() } = options
  // A KeyObject once, not the Buffer on every call: HMAC is about 5× faster that way.
  const hmacKey = createSecretKey(options.hmacKey)
  const providers = new Map<string, KeyProvider>()
  for (const p of options.previousKeyProviders ?? []) providers.set(p.id, p)
  providers.set(keyProvider.id, keyProvider)
  const cache = createDataKeyCache(options.cache)
  const store = createVaultStore(db)
  const v: VaultKit = { keyStore, keyProvider, providers, cache, store, hmacKey, normalise, now }

  return {
    keyProviderId: keyProvider.id,
    encrypt: (subjectId, context, plaintext) => encrypt(v, subjectId, context, plaintext),
    decrypt: (subjectId, context, ciphertext) => decrypt(v, subjectId, context, ciphertext),
    blindIndex: (kind, value) => blindIndex(hmacKey, kind, value, normalise),
    indexSubject: (subjectId, kind, value) =>
      store.addBlindIndex({ kind, digest: blindIndex(hmacKey, kind, value, normalise), subjectId }),
    findSubjects: (kind, value) =>
      store.findSubjectsByDigest(kind, blindIndex(hmacKey, kind, value, normalise)),
    tokenise: (subjectId, kind, value) => tokenise(v, subjectId, kind, value),
    detokenise: (token) => detokenise(v, token),
    shredSubject: (subjectId) => shredSubject(v, subjectId),
    isShredded: async (subjectId) => (await keyStore.find(subjectId)).kind === 'shredded',
    rotateKeys: (rotation = {}) =>
      runKeyRotation({ keyStore, target: keyProvider, providers: [...providers.values()], now, ...rotation }),
    clearCache: () => cache.clear(),
  }
}
