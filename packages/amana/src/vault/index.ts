export { blindIndex } from './domain/blind-index.ts'
export { CIPHERTEXT_PREFIX, type FieldContext, isVaultCiphertext } from './domain/cipher.ts'
export type { DataKeyCacheOptions } from './domain/data-key-cache.ts'
export { createConfigKeyProvider, type KeyProvider } from './domain/key-provider.ts'
export { deriveBlindIndexKey } from './domain/keys.ts'
export {
  type NormaliseOptions,
  normaliseEmail,
  normaliseForIndex,
  normalisePhone,
} from './domain/normalise.ts'
export { type RewrapResult, rewrapBatch, type WrappedDataKey } from './domain/rewrap.ts'
export { registerVaultJobs, rotateKeysJob } from './jobs.ts'
export {
  createKeyStore,
  type KeyStore,
  migrateKeyStore,
  type OpenedKeyStore,
  openKeyStore,
  type RotationProgress,
  type StoredDataKey,
} from './key-store.ts'
export { type KeyRotationOptions, type RotationOutcome, runKeyRotation } from './rotation.ts'
export { vaultRoutes } from './routes.ts'
export type { KeyStoreTables, VaultTables } from './schema.ts'
export { createVault, type Detokenised, type ShredOutcome, type Vault, type VaultOptions } from './vault.ts'
